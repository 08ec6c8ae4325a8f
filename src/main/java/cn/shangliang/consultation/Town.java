package cn.shangliang.consultation;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** A town, street or zone with its code (2–4 capital letters, used in tracking numbers) and villages/communities. */
public record Town(String name, String code, List<String> villages) {

    private static final Pattern CODE = Pattern.compile("[A-Z]{2,4}");

    public Town {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(code, "code");
        villages = villages == null ? List.of() : List.copyOf(villages);
        if (name.isBlank()) {
            throw new IllegalArgumentException("a town needs a name");
        }
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException(
                    "town " + name + ": code must be 2-4 capital letters (was '" + code + "')");
        }
    }
}
