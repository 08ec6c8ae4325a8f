package cn.shangliang.consultation;

import java.util.Objects;
import java.util.Optional;

/** A town, or a village/community of a town, written {@code 镇/村} ({@code 青阳镇/里庄村}) or {@code 镇}. */
public record Place(String town, String village) {

    public Place {
        Objects.requireNonNull(town, "town");
        village = village == null ? "" : village;
        if (town.isBlank()) {
            throw new IllegalArgumentException("a place needs a town");
        }
    }

    public static Place town(String town) {
        return new Place(town, "");
    }

    /** Reads {@code 镇/村} or {@code 镇}; empty for blank or malformed text. */
    public static Optional<Place> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String[] parts = text.strip().split("/", -1);
        if (parts.length > 2 || parts[0].isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Place(parts[0].strip(), parts.length == 2 ? parts[1].strip() : ""));
    }

    public boolean isTownOnly() {
        return village.isEmpty();
    }

    @Override
    public String toString() {
        return village.isEmpty() ? town : town + "/" + village;
    }
}
