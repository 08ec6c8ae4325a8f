package cn.shangliang.consultation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured staff, members and leadership accounts, checked against the regions. */
public final class People {

    private final List<Person> people;
    private final Map<String, Person> byAccount = new HashMap<>();

    public People(List<Person> people, Regions regions) {
        this.people = List.copyOf(people);
        Map<String, Person> byId = new HashMap<>();
        for (Person p : people) {
            if (byId.put(p.id(), p) != null) {
                throw new IllegalArgumentException("person " + p.id() + " is listed twice");
            }
            if (p.scope() != null && !regions.contains(p.scope())) {
                throw new IllegalArgumentException("person " + p.id() + ": unknown place " + p.scope());
            }
            for (String account : p.accounts()) {
                if (!account.matches("[a-z]+:.+")) {
                    throw new IllegalArgumentException(
                            "person " + p.id() + ": account must be channel:user id (was '" + account + "')");
                }
                Person other = byAccount.put(account, p);
                if (other != null) {
                    throw new IllegalArgumentException(
                            "account " + account + " belongs to both " + other.id() + " and " + p.id());
                }
            }
        }
    }

    public static People none() {
        return new People(List.of(), new Regions(List.of()));
    }

    public Optional<Person> byAccount(Reporter reporter) {
        return Optional.ofNullable(byAccount.get(reporter.channel() + ":" + reporter.userId()));
    }

    public List<Person> all() {
        return people;
    }
}
