package cn.shangliang.consultation;

import java.util.Objects;

/** A consultation room (议事室) of a town ({@code village} empty) or of a village/community. */
public record Room(String id, String name, String town, String village, String address, int capacity, String hours) {

    public Room {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(town, "town");
        village = village == null ? "" : village;
        address = address == null ? "" : address;
        hours = hours == null ? "" : hours;
        if (!id.matches("[a-z0-9][a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException(
                    "room id must be 2-41 lower-case letters, digits or - (was '" + id + "')");
        }
    }

    public Place place() {
        return new Place(town, village);
    }
}
