package cn.shangliang.matching;

import java.util.Objects;

/**
 * A resident's concern as the matcher sees it: the place the resident gave and the text of the message.
 * {@code village} is empty when the resident gave only a town.
 */
public record Concern(String town, String village, String text) {

    public Concern {
        Objects.requireNonNull(town, "town");
        village = village == null ? "" : village;
        text = text == null ? "" : text;
    }
}
