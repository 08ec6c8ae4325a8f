package cn.shangliang.dialogue;

import cn.shangliang.channel.Inbound;
import cn.shangliang.consultation.ConcernDesk;
import cn.shangliang.consultation.IssueAction;
import cn.shangliang.consultation.IssueBook;
import cn.shangliang.consultation.IssueDetail;
import cn.shangliang.consultation.IssueSummary;
import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.consultation.Staff;
import cn.shangliang.consultation.Transition;
import cn.shangliang.dialogue.entities.EntityExtractor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Short commands with a tracking number: staff work their queue by chat ({@code 受理 QY-20261126-0042},
 * {@code 驳回 QY-… 理由}, {@code 队列}), residents follow an issue ({@code 关注 QY-…}). The command words come from the
 * configuration ({@code commands:}); staff commands from anyone else are refused politely and change nothing.
 */
public final class Commands {

    /** Command name → the words that start it. Names: queue, view, follow, and the {@link IssueAction} names. */
    private final Map<String, List<String>> verbs;

    private final IssueBook book;
    private final ConcernDesk desk;
    private final Function<Reporter, Optional<Staff>> staffOf;

    /** What the meeting commands need: the meetings (rooms and scope in the desk), who to tell, the members, today. */
    public record Meetings(
            cn.shangliang.consultation.MeetingBook book,
            cn.shangliang.consultation.MeetingDesk desk,
            cn.shangliang.consultation.MeetingListener listener,
            cn.shangliang.consultation.People people,
            java.time.Clock clock) {}

    private final Optional<MeetingCommands> meetingCommands;

    /** The roster (with the accounts people bound) and how long a binding code stays valid. */
    public record Accounts(cn.shangliang.consultation.People people, java.time.Duration codeValidFor) {}

    private static final java.util.regex.Pattern PERSON_ID = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    private final Accounts accounts;

    public Commands(
            Map<String, List<String>> verbs,
            IssueBook book,
            ConcernDesk desk,
            Function<Reporter, Optional<Staff>> staffOf,
            Meetings meetings,
            Accounts accounts) {
        this.accounts = accounts;
        this.meetingCommands = Optional.ofNullable(meetings).map(MeetingCommands::new);
        this.verbs = Map.copyOf(verbs);
        this.book = book;
        this.desk = desk;
        this.staffOf = staffOf;
    }

    /** No commands at all. */
    public static Commands none() {
        return new Commands(Map.of(), null, null, r -> Optional.empty(), null, null);
    }

    /** The command of a message, if it starts with a command word: its name and the text after the word. */
    record Parsed(String name, String rest) {}

    Optional<Parsed> parse(String text) {
        String t = text.strip();
        String bestName = null;
        String bestVerb = "";
        for (var e : verbs.entrySet()) {
            for (String verb : e.getValue()) {
                if (t.startsWith(verb) && verb.length() > bestVerb.length()) {
                    bestName = e.getKey();
                    bestVerb = verb;
                }
            }
        }
        if (bestName == null) {
            return Optional.empty();
        }
        String rest = t.substring(bestVerb.length()).strip();
        if (MeetingCommands.NAMES.contains(bestName)) {
            if (!MeetingCommands.looksLike(bestName, rest)) {
                return Optional.empty(); // "开会的时候…" is no command: let the conversation handle it
            }
        } else if (bestName.equals("binding_code")) {
            if (!PERSON_ID.matcher(rest).matches()) {
                return Optional.empty();
            }
        } else if (!bestName.equals("queue") && EntityExtractor.trackingNo(rest).isEmpty()) {
            return Optional.empty(); // "受理" alone is no command: let the conversation handle it
        }
        return Optional.of(new Parsed(bestName, rest));
    }

    /** Runs a command; the replies are template keys with slots, rendered by the caller. */
    List<Map.Entry<String, Map<String, String>>> run(Inbound message, Parsed command, Place userPlace) {
        Reporter reporter = new Reporter(message.channel(), message.userId());
        if (command.name().equals("follow")) {
            return follow(message, reporter, command);
        }
        Optional<Staff> staff = staffOf.apply(reporter);
        if (staff.isEmpty()) {
            return List.of(Map.entry("utter_staff_only", Map.of()));
        }
        if (command.name().equals("queue")) {
            return queue(staff.get(), command.rest(), userPlace);
        }
        if (command.name().equals("binding_code")) {
            return bindingCode(staff.get(), command.rest());
        }
        if (MeetingCommands.NAMES.contains(command.name())) {
            return meetingCommands
                    .map(m -> m.run(command.name(), message.key(), staff.get(), command.rest()))
                    .orElse(List.of(Map.entry("utter_meeting_command_help", Map.of())));
        }
        String number = EntityExtractor.trackingNo(command.rest()).orElseThrow();
        String after = command.rest()
                .substring(command.rest().toUpperCase().indexOf(number) + number.length())
                .strip();
        if (command.name().equals("view")) {
            return view(staff.get(), number);
        }
        Map<String, String> fields = new HashMap<>();
        fields.put("reason", after);
        fields.put("outcome", after);
        fields.put("note", after);
        fields.put("target", EntityExtractor.trackingNo(after).orElse(""));
        IssueAction action = IssueAction.parse(command.name(), fields).orElseThrow();
        return switch (book.transition(message.key(), staff.get(), number, action)) {
            case Transition.Done d -> List.of(Map.entry("utter_action_done", slots(d.issue())));
            case Transition.NotFound n -> List.of(Map.entry("utter_status_not_found", Map.of("tracking_no", number)));
            case Transition.Forbidden f -> List.of(Map.entry("utter_not_in_scope", Map.of("tracking_no", number)));
            case Transition.Refused r -> List.of(Map.entry("utter_action_refused", Map.of("reason", r.reason())));
        };
    }

    /**
     * {@code 发绑定码 <person id>}: a one-time code for a member or staff member within the caller's scope (the
     * leadership office's accounts: city-wide staff only), to be sent by that person as {@code 绑定 <code>}.
     */
    private List<Map.Entry<String, Map<String, String>>> bindingCode(Staff staff, String personId) {
        Optional<cn.shangliang.consultation.Person> person =
                accounts == null ? Optional.empty() : accounts.people().byId(personId);
        if (person.isEmpty()) {
            return List.of(Map.entry("utter_binding_person_unknown", Map.of("id", personId)));
        }
        Place scope = person.get().scope();
        boolean allowed = scope == null ? staff.cityWide() : staff.covers(scope);
        if (!allowed) {
            return List.of(Map.entry("utter_not_in_scope", Map.of("tracking_no", personId)));
        }
        String code = accounts.people().bindings().issue(personId, accounts.codeValidFor());
        return List.of(Map.entry(
                "utter_binding_code_issued",
                Map.of(
                        "id",
                        personId,
                        "name",
                        person.get().name().isEmpty() ? personId : person.get().name(),
                        "code",
                        code,
                        "hours",
                        Long.toString(Math.max(1, accounts.codeValidFor().toHours())))));
    }

    /**
     * {@code 绑定 123456} from anyone: binds the sender's account to the code's person. A redelivered message whose
     * code was spent by its first delivery still answers as bound.
     */
    Map.Entry<String, Map<String, String>> bind(Reporter account, String text) {
        Optional<String> code = EntityExtractor.bindingCode(text);
        if (accounts == null) {
            return Map.entry("utter_bind_failed", Map.of());
        }
        if (code.isEmpty()) {
            return Map.entry("utter_bind_how", Map.of());
        }
        var people = accounts.people();
        return switch (people.bindings().redeem(code.get(), account)) {
            case cn.shangliang.consultation.AccountBindings.Redeemed.Bound b -> bound(people.byId(b.personId()));
            case cn.shangliang.consultation.AccountBindings.Redeemed.TooManyTries t ->
                Map.entry("utter_bind_too_many", Map.of());
            case cn.shangliang.consultation.AccountBindings.Redeemed.Unknown u -> {
                var already = people.bindings().personOf(account);
                yield already.isPresent()
                        ? bound(people.byId(already.get()))
                        : Map.entry("utter_bind_failed", Map.of());
            }
        };
    }

    private static Map.Entry<String, Map<String, String>> bound(Optional<cn.shangliang.consultation.Person> person) {
        String name = person.map(p -> p.name().isEmpty() ? p.id() : p.name()).orElse("");
        return Map.entry("utter_bind_done", Map.of("name", name));
    }

    private List<Map.Entry<String, Map<String, String>>> follow(Inbound message, Reporter reporter, Parsed command) {
        String number = EntityExtractor.trackingNo(command.rest()).orElseThrow();
        Optional<IssueSummary> joined = desk.support(message.key(), reporter, number);
        if (joined.isEmpty()) {
            return List.of(Map.entry("utter_follow_failed", Map.of("tracking_no", number)));
        }
        IssueSummary issue = joined.get();
        return List.of(Map.entry(
                "utter_supported",
                Map.of(
                        "tracking_no", issue.trackingNo(),
                        "title", issue.title(),
                        "status", "status_" + issue.status().name().toLowerCase(),
                        "supporters", Integer.toString(issue.supporters()),
                        "place", issue.place().toString())));
    }

    private List<Map.Entry<String, Map<String, String>>> queue(Staff staff, String rest, Place userPlace) {
        Place place = Place.parse(rest.replace(" ", "/"))
                .filter(staff::covers)
                .orElse(staff.cityWide() ? userPlace : staff.scope());
        if (place == null || !staff.covers(place)) {
            return List.of(Map.entry("utter_not_in_scope", Map.of("tracking_no", rest)));
        }
        List<IssueBook.QueueEntry> entries = book.queue(place);
        if (entries.isEmpty()) {
            return List.of(Map.entry("utter_queue_empty", Map.of("place", place.toString())));
        }
        StringBuilder list = new StringBuilder();
        for (IssueBook.QueueEntry e : entries.subList(0, Math.min(10, entries.size()))) {
            if (!list.isEmpty()) {
                list.append('\n');
            }
            list.append(e.overdue() ? "⚠ " : "")
                    .append(e.issue().trackingNo())
                    .append(' ')
                    .append(e.issue().title())
                    .append(" (")
                    .append(e.issue().supporters())
                    .append(')');
        }
        return List.of(Map.entry(
                "utter_queue",
                Map.of("place", place.toString(), "count", Integer.toString(entries.size()), "list", list.toString())));
    }

    private List<Map.Entry<String, Map<String, String>>> view(Staff staff, String number) {
        Optional<IssueDetail> issue = book.detail(number);
        if (issue.isEmpty()) {
            return List.of(Map.entry("utter_status_not_found", Map.of("tracking_no", number)));
        }
        IssueDetail d = issue.get();
        if (!staff.covers(d.town(), d.village(), d.level())) {
            return List.of(Map.entry("utter_not_in_scope", Map.of("tracking_no", number)));
        }
        Map<String, String> slots = new HashMap<>(slots(d));
        slots.put("text", d.text());
        return List.of(Map.entry("utter_issue_detail", slots));
    }

    private static Map<String, String> slots(IssueDetail d) {
        Map<String, String> slots = new HashMap<>();
        slots.put("tracking_no", d.trackingNo());
        slots.put("title", d.title());
        slots.put("status", "status_" + d.status().name().toLowerCase());
        slots.put("level", "level_" + d.level().name().toLowerCase());
        slots.put("supporters", Integer.toString(d.supporters()));
        slots.put("place", d.village().isEmpty() ? d.town() : d.town() + "/" + d.village());
        return slots;
    }
}
