package cn.shangliang.consultation;

import java.util.List;
import java.util.Objects;

/**
 * Someone the configuration knows: staff (scoped to a town or one village), a council member, or the leadership
 * office. {@code accounts} are {@code channel:userId} pairs.
 */
public record Person(String id, String name, Kind kind, Place scope, List<String> accounts) {

    public enum Kind {
        STAFF,
        MEMBER,
        LEADERSHIP
    }

    public Person {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        name = name == null ? "" : name;
        accounts = List.copyOf(accounts);
        if (kind == Kind.STAFF && scope == null) {
            throw new IllegalArgumentException("staff " + id + " needs a scope (a town or 镇/村)");
        }
    }

    /** The chat accounts as users; {@link People} has checked that each is {@code channel:userId}. */
    public List<Reporter> reporters() {
        return accounts.stream()
                .map(a -> new Reporter(a.substring(0, a.indexOf(':')), a.substring(a.indexOf(':') + 1)))
                .toList();
    }
}
