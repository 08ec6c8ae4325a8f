package cn.shangliang.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Removes a place's own names from a text before it is analysed. Every candidate of a concern lies in the concern's
 * place, so "石庄村" in both says nothing about the matter; left in, it would make any two concerns of one village look
 * alike. Short forms are removed too ({@code 青阳镇} and {@code 青阳}).
 */
final class PlaceNames {

    private static final List<String> SUFFIXES = List.of("街道", "社区", "居委会", "高新区", "开发区", "镇", "村", "乡");

    private PlaceNames() {}

    /** {@code text} (already folded) with the names of {@code town} and {@code village} replaced by spaces. */
    static String strip(String text, String town, String village) {
        List<String> names = new ArrayList<>();
        addWithShortForm(names, town);
        addWithShortForm(names, village);
        names.sort(Comparator.comparingInt(String::length).reversed());
        String out = text;
        for (String name : names) {
            out = out.replace(name, " ");
        }
        return out;
    }

    private static void addWithShortForm(List<String> names, String place) {
        if (place == null || place.isBlank()) {
            return;
        }
        String name = ChineseAnalyzer.fold(place.strip());
        names.add(name);
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix) && name.length() - suffix.length() >= 2) {
                names.add(name.substring(0, name.length() - suffix.length()));
                break;
            }
        }
    }
}
