package cn.shangliang.consultation;

import java.util.List;
import java.util.Objects;

/** A kind of matter with the words that reveal it and the level where it is usually consulted. */
public record Category(String name, Topic.Level level, List<String> keywords) {

    public Category {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(level, "level");
        keywords = List.copyOf(keywords);
        if (name.isBlank() || keywords.isEmpty()) {
            throw new IllegalArgumentException("category '" + name + "' needs a name and keywords");
        }
    }
}
