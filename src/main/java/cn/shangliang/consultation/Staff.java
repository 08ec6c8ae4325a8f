package cn.shangliang.consultation;

/**
 * Who may act on which issues: a town's staff on all of that town; a village's staff on the village-level issues of
 * that village; the city-wide administrator on everything.
 */
public record Staff(String id, Place scope, boolean cityWide) {

    public static Staff cityWide(String id) {
        return new Staff(id, null, true);
    }

    public static Staff of(Person person) {
        if (person.kind() != Person.Kind.STAFF) {
            throw new IllegalArgumentException(person.id() + " is not staff");
        }
        return new Staff(person.id(), person.scope(), false);
    }

    boolean covers(String town, String village, Topic.Level level) {
        if (cityWide) {
            return true;
        }
        if (!scope.town().equals(town)) {
            return false;
        }
        return scope.isTownOnly()
                || (level == Topic.Level.VILLAGE && scope.village().equals(village));
    }

    /** Whether this staff member may look at the queue of {@code place}. */
    boolean covers(Place place) {
        return cityWide
                || (scope.town().equals(place.town())
                        && (scope.isTownOnly() || scope.village().equals(place.village())));
    }
}
