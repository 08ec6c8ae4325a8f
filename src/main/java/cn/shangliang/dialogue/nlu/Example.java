package cn.shangliang.dialogue.nlu;

import java.util.List;

/**
 * One training example, with annotations removed from {@code text}.
 *
 * @param source {@code file:line} it came from, for messages
 */
public record Example(String intent, String text, List<EntitySpan> entities, String source) {

    public Example {
        entities = List.copyOf(entities);
    }
}
