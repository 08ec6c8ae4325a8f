package cn.shangliang.dialogue;

import cn.shangliang.consultation.Place;
import java.util.Optional;

/**
 * Where a concern is filed: the resident's known place (profile, the room's QR link, what they answered) always wins;
 * a place named in the text only fills in what is missing (the village of the known town). A matter about another
 * place is still filed where the resident lives; the text keeps the other place for staff.
 *
 * @param fromText the place came from the text alone (nothing was known): the resident is shown it and may correct it
 */
record ConcernPlace(Place place, boolean fromText) {

    static Optional<ConcernPlace> resolve(Optional<Place> known, Optional<Place> named) {
        if (known.isPresent()) {
            Place k = known.get();
            boolean fillsVillage = k.isTownOnly()
                    && named.filter(n -> !n.isTownOnly() && n.town().equals(k.town()))
                            .isPresent();
            return Optional.of(new ConcernPlace(fillsVillage ? named.get() : k, false));
        }
        return named.map(n -> new ConcernPlace(n, true));
    }

    /** An answer to "where do you live?": a town alone takes the village the concern named in that town, if any. */
    static Place answered(Place answer, Optional<Place> namedInConcern) {
        return resolve(Optional.of(answer), namedInConcern).orElseThrow().place();
    }
}
