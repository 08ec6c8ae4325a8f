package cn.shangliang.consultation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured staff, members and leadership accounts, checked against the regions. */
public final class People {

    private final List<Person> people;
    private final Map<String, Person> byAccount = new HashMap<>();
    private final Map<String, Person> byId = new HashMap<>();
    private final AccountBindings bindings;

    public People(List<Person> people, Regions regions) {
        this.people = List.copyOf(people);
        this.bindings = AccountBindings.none();
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

    private People(People configured, AccountBindings bindings) {
        this.people = configured.people;
        this.byAccount.putAll(configured.byAccount);
        this.byId.putAll(configured.byId);
        this.bindings = bindings;
    }

    /** The same roster, also knowing the accounts people bound themselves. */
    public People withBindings(AccountBindings bindings) {
        return new People(this, bindings);
    }

    public AccountBindings bindings() {
        return bindings;
    }

    public Optional<Person> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** A person's chat accounts: those in the configuration, then those they bound. */
    public List<Reporter> reportersOf(Person person) {
        List<Reporter> bound = bindings.accountsOf(person.id());
        if (bound.isEmpty()) {
            return person.reporters();
        }
        java.util.LinkedHashSet<Reporter> all = new java.util.LinkedHashSet<>(person.reporters());
        all.addAll(bound);
        return List.copyOf(all);
    }

    public static People none() {
        return new People(List.of(), new Regions(List.of()));
    }

    /** The person behind a chat account: listed in the configuration, or bound with a code. */
    public Optional<Person> byAccount(Reporter reporter) {
        Person listed = byAccount.get(reporter.channel() + ":" + reporter.userId());
        if (listed != null) {
            return Optional.of(listed);
        }
        return bindings.personOf(reporter).map(byId::get);
    }

    public List<Person> all() {
        return people;
    }
}
