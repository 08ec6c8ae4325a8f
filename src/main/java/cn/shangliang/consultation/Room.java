package cn.shangliang.consultation;

import java.util.Objects;

/** A consultation room (议事室) of a town ({@code village} empty) or of a village/community, and its opening hours. */
public record Room(
        String id, String name, String town, String village, String address, int capacity, OpeningHours hours) {

    public Room {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(town, "town");
        village = village == null ? "" : village;
        address = address == null ? "" : address;
        hours = hours == null ? OpeningHours.always("") : hours;
        if (!id.matches("[a-z0-9][a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException(
                    "room id must be 2-41 lower-case letters, digits or - (was '" + id + "')");
        }
    }

    /** A room without configured hours (always open); {@code hours} is the display text. */
    public Room(String id, String name, String town, String village, String address, int capacity, String hours) {
        this(id, name, town, village, address, capacity, OpeningHours.always(hours));
    }

    public Place place() {
        return new Place(town, village);
    }
}
