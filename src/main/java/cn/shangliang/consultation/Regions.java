package cn.shangliang.consultation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The configured towns and villages. Validated once: unknown places and duplicate names or codes are refused. */
public final class Regions {

    private final List<Town> towns;
    private final Map<String, Town> byName = new HashMap<>();
    private final Map<String, Town> byCode = new HashMap<>();
    /** Names people use, longest first: full names and names without 镇/街道/村/社区. */
    private final List<Map.Entry<String, Place>> mentions = new ArrayList<>();

    public Regions(List<Town> towns) {
        this.towns = List.copyOf(towns);
        for (Town town : towns) {
            if (byName.put(town.name(), town) != null) {
                throw new IllegalArgumentException("regions: town " + town.name() + " is listed twice");
            }
            if (byCode.put(town.code(), town) != null) {
                throw new IllegalArgumentException(
                        "regions: code " + town.code() + " is used by two towns (" + town.name() + ")");
            }
            Set<String> seen = new HashSet<>();
            for (String village : town.villages()) {
                if (village.isBlank() || !seen.add(village)) {
                    throw new IllegalArgumentException(
                            "regions: town " + town.name() + " lists village '" + village + "' twice or blank");
                }
            }
        }
        for (Town town : towns) {
            addMention(town.name(), Place.town(town.name()));
            addMention(shortName(town.name()), Place.town(town.name()));
            for (String village : town.villages()) {
                addMention(village, new Place(town.name(), village));
            }
        }
        mentions.sort(Comparator.comparingInt(
                        (Map.Entry<String, Place> e) -> e.getKey().length())
                .reversed());
    }

    private void addMention(String name, Place place) {
        if (name.length() >= 2) {
            mentions.add(Map.entry(name, place));
        }
    }

    private static String shortName(String name) {
        for (String suffix : List.of("街道", "镇", "区")) {
            if (name.endsWith(suffix) && name.length() - suffix.length() >= 2) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    public List<Town> towns() {
        return towns;
    }

    public Optional<Town> town(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Whether the place is configured: a known town, and a village of that town when one is given. */
    public boolean contains(Place place) {
        Town town = byName.get(place.town());
        return town != null && (place.isTownOnly() || town.villages().contains(place.village()));
    }

    /** The most specific place named in {@code text} (a village beats a town), if any. */
    public Optional<Place> mentionedIn(String text) {
        Place found = null;
        for (var mention : mentions) {
            if (text.contains(mention.getKey())) {
                Place p = mention.getValue();
                if (!p.isTownOnly()) {
                    return Optional.of(p);
                }
                if (found == null) {
                    found = p;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The text with every configured place name replaced by the kind of place it names ({@code 镇}, {@code 街道},
     * {@code 区}, {@code 村}, {@code 社区}): a classifier then learns from "a village" or "the town", not from which.
     */
    public String withPlaceKinds(String text) {
        String out = text;
        for (var mention : mentions) {
            if (out.contains(mention.getKey())) {
                out = out.replace(mention.getKey(), kind(mention.getValue()));
            }
        }
        return out;
    }

    private static String kind(Place place) {
        String name = place.isTownOnly() ? place.town() : place.village();
        for (String suffix : List.of("街道", "社区", "镇", "区", "村")) {
            if (name.endsWith(suffix)) {
                return suffix;
            }
        }
        return place.isTownOnly() ? "镇" : "村";
    }

    /** All town names and all village names, for lookup tables. */
    public List<String> townNames() {
        return towns.stream().map(Town::name).toList();
    }

    public List<String> villageNames() {
        return towns.stream().flatMap(t -> t.villages().stream()).distinct().toList();
    }
}
