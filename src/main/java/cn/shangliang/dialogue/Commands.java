package cn.shangliang.dialogue;

import cn.shangliang.channel.Inbound;
import cn.shangliang.consultation.Access;
import cn.shangliang.consultation.ConcernDesk;
import cn.shangliang.consultation.IssueAction;
import cn.shangliang.consultation.IssueBook;
import cn.shangliang.consultation.IssueDetail;
import cn.shangliang.consultation.IssueSummary;
import cn.shangliang.consultation.Lookup;
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

    /** Command → the words that start it. */
    private final Map<CommandName, List<String>> verbs;

    private final IssueBook book;
    private final Access access;
    private final ConcernDesk desk;
    private final Function<Reporter, Optional<Staff>> staffOf;

    /** What the meeting commands need: the meetings (rooms and scope in the desk), who to tell, the members, today. */
    public record Meetings(
            cn.shangliang.consultation.MeetingBook book,
            cn.shangliang.consultation.MeetingDesk desk,
            cn.shangliang.consultation.MeetingListener listener,
            cn.shangliang.consultation.People people,
            java.time.Clock clock,
            cn.shangliang.consultation.AuditLog audit) {

        /** Meeting commands whose use is not recorded (tests). */
        public Meetings(
                cn.shangliang.consultation.MeetingBook book,
                cn.shangliang.consultation.MeetingDesk desk,
                cn.shangliang.consultation.MeetingListener listener,
                cn.shangliang.consultation.People people,
                java.time.Clock clock) {
            this(book, desk, listener, people, clock, null);
        }
    }

    private final Optional<MeetingCommands> meetingCommands;

    /** The roster (with the accounts people bound) and how long a binding code stays valid. */
    public record Accounts(cn.shangliang.consultation.People people, java.time.Duration codeValidFor) {}

    private static final java.util.regex.Pattern PERSON_ID = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    private final Accounts accounts;

    public Commands(
            Map<String, List<String>> verbs,
            Access access,
            IssueBook book,
            ConcernDesk desk,
            Function<Reporter, Optional<Staff>> staffOf,
            Meetings meetings,
            Accounts accounts) {
        this.accounts = accounts;
        this.meetingCommands = Optional.ofNullable(meetings).map(MeetingCommands::new);
        Map<CommandName, List<String>> byName = new java.util.EnumMap<>(CommandName.class);
        verbs.forEach((k, v) -> byName.put(
                CommandName.of(k).orElseThrow(() -> new IllegalArgumentException("unknown command " + k)), v));
        this.verbs = byName;
        this.access = access;
        this.book = book;
        this.desk = desk;
        this.staffOf = staffOf;
    }

    /** No commands at all. */
    public static Commands none() {
        return new Commands(Map.of(), new Access(List.of()), null, null, r -> Optional.empty(), null, null);
    }

    /** A chat command, parsed once; {@link #run} dispatches on it exhaustively. */
    sealed interface Command {
        CommandName name();

        /** {@code 关注 QY-…}: anyone supports an open issue. */
        record Follow(String trackingNo) implements Command {
            public CommandName name() {
                return CommandName.FOLLOW;
            }
        }

        /** {@code 队列 [镇/村]}. */
        record Queue(String place) implements Command {
            public CommandName name() {
                return CommandName.QUEUE;
            }
        }

        /** {@code 查看 QY-…}. */
        record View(String trackingNo) implements Command {
            public CommandName name() {
                return CommandName.VIEW;
            }
        }

        /** A life-cycle action on an issue: {@code 驳回 QY-… 理由}, {@code 并案 QY-a QY-b}, …. */
        record Act(CommandName name, String trackingNo, IssueAction action) implements Command {}

        /** {@code 发绑定码 <person id>}. */
        record BindingCode(String personId) implements Command {
            public CommandName name() {
                return CommandName.BINDING_CODE;
            }
        }

        /** One of the meeting commands, its arguments parsed by {@link MeetingCommands}. */
        record Meeting(CommandName name, String rest) implements Command {}
    }

    /** The command of a message, if it starts with a command word and has the arguments the command needs. */
    Optional<Command> parse(String text) {
        String t = text.strip();
        CommandName best = null;
        String bestVerb = "";
        for (var e : verbs.entrySet()) {
            for (String verb : e.getValue()) {
                if (t.startsWith(verb) && verb.length() > bestVerb.length()) {
                    best = e.getKey();
                    bestVerb = verb;
                }
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        String rest = t.substring(bestVerb.length()).strip();
        Optional<String> number = EntityExtractor.trackingNo(rest);
        return switch (best) {
            case QUEUE -> Optional.of(new Command.Queue(rest));
            case FOLLOW -> number.map(Command.Follow::new);
            case VIEW -> number.map(Command.View::new);
            case BINDING_CODE ->
                PERSON_ID.matcher(rest).matches() ? Optional.of(new Command.BindingCode(rest)) : Optional.empty();
            case MEETING, CHANGE_MEETING, CANCEL_MEETING, INVITE, MEETING_ISSUES, MEETING_OUTCOME, MEETING_VIEW ->
                // "开会的时候…" is no command: let the conversation handle it
                MeetingCommands.looksLike(best, rest) ? Optional.of(new Command.Meeting(best, rest)) : Optional.empty();
            case ACCEPT, MOVE_UP, MOVE_DOWN, MERGE_INTO, REJECT, SCHEDULE, RECORD_OUTCOME, REPORT, CLOSE -> {
                CommandName name = best;
                // "受理" alone is no command: let the conversation handle it
                yield number.map(n -> new Command.Act(name, n, action(name, rest, n)));
            }
        };
    }

    /** The action of {@code 驳回 QY-… 理由}: the text after the number is its reason, outcome or merge target. */
    private static IssueAction action(CommandName name, String rest, String number) {
        String after = rest.substring(rest.toUpperCase(java.util.Locale.ROOT).indexOf(number) + number.length())
                .strip();
        Map<String, String> fields = new HashMap<>();
        fields.put("reason", after);
        fields.put("outcome", after);
        fields.put("note", after);
        fields.put("target", EntityExtractor.trackingNo(after).orElse(""));
        return IssueAction.parse(name.key(), fields).orElseThrow();
    }

    /** Runs a command; the replies are rendered by the caller. */
    List<Say> run(Inbound message, Command command, Place userPlace) {
        Reporter reporter = new Reporter(message.channel(), message.userId());
        if (command instanceof Command.Follow f) {
            return follow(message, reporter, f.trackingNo());
        }
        Optional<Staff> staff = staffOf.apply(reporter);
        if (staff.isEmpty()) {
            return List.of(new Say("utter_staff_only"));
        }
        return switch (command) {
            case Command.Follow f -> follow(message, reporter, f.trackingNo());
            case Command.Queue q -> queue(staff.get(), q.place(), userPlace);
            case Command.View v -> view(staff.get(), v.trackingNo());
            case Command.BindingCode b -> bindingCode(staff.get(), b.personId());
            case Command.Meeting m ->
                meetingCommands
                        .map(mc -> mc.run(m.name(), message.key(), staff.get(), m.rest()))
                        .orElse(List.of(new Say("utter_meeting_command_help")));
            case Command.Act a -> act(message.key(), staff.get(), a);
        };
    }

    private List<Say> act(String requestKey, Staff staff, Command.Act a) {
        return switch (book.transition(requestKey, staff, a.trackingNo(), a.action())) {
            case Transition.Done d -> List.of(new Say("utter_action_done", slots(d.issue())));
            case Transition.NotFound n ->
                List.of(new Say("utter_status_not_found", Map.of("tracking_no", a.trackingNo())));
            case Transition.Forbidden f ->
                List.of(new Say("utter_not_in_scope", Map.of("tracking_no", a.trackingNo())));
            case Transition.Refused r -> {
                Map<String, String> slots = new HashMap<>(r.slots());
                slots.put("reason", r.reason());
                yield List.of(new Say("utter_action_refused", slots));
            }
        };
    }

    /** The staff help: each configured command's first word and its syntax, in the catalogue's words. */
    List<Say> staffHelp() {
        List<Say> lines = new java.util.ArrayList<>();
        for (CommandName name : CommandName.values()) {
            List<String> words = verbs.getOrDefault(name, List.of());
            if (!words.isEmpty() && name.staffOnly()) {
                lines.add(new Say(name.syntaxKey(), Map.of("verb", words.get(0))));
            }
        }
        return lines;
    }

    /**
     * {@code 发绑定码 <person id>}: a one-time code for a member or staff member within the caller's scope (the
     * leadership office's accounts: city-wide staff only), to be sent by that person as {@code 绑定 <code>}.
     */
    private List<Say> bindingCode(Staff staff, String personId) {
        Optional<cn.shangliang.consultation.Person> person =
                accounts == null ? Optional.empty() : accounts.people().byId(personId);
        if (person.isEmpty()) {
            return List.of(new Say("utter_binding_person_unknown", Map.of("id", personId)));
        }
        if (!access.person(staff, person.get())) {
            return List.of(new Say("utter_not_in_scope", Map.of("tracking_no", personId)));
        }
        String code = accounts.people().bindings().issue(personId, accounts.codeValidFor());
        return List.of(new Say(
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

    /** The town or village a member or staff member is responsible for, from the roster. */
    Optional<Place> scopeOf(Reporter account) {
        if (accounts == null) {
            return Optional.empty();
        }
        return accounts.people().byAccount(account).map(cn.shangliang.consultation.Person::scope);
    }

    /**
     * {@code 绑定 123456} from anyone: binds the sender's account to the code's person. A redelivered message whose
     * code was spent by its first delivery still answers as bound.
     */
    Say bind(Reporter account, String text) {
        Optional<String> code = EntityExtractor.bindingCode(text);
        if (accounts == null) {
            return new Say("utter_bind_failed");
        }
        if (code.isEmpty()) {
            return new Say("utter_bind_how");
        }
        var people = accounts.people();
        return switch (people.bindings().redeem(code.get(), account)) {
            case cn.shangliang.consultation.AccountBindings.Redeemed.Bound b -> bound(people.byId(b.personId()));
            case cn.shangliang.consultation.AccountBindings.Redeemed.TooManyTries t -> new Say("utter_bind_too_many");
            case cn.shangliang.consultation.AccountBindings.Redeemed.Unknown u -> {
                var already = people.bindings().personOf(account);
                yield already.isPresent() ? bound(people.byId(already.get())) : new Say("utter_bind_failed");
            }
        };
    }

    private static Say bound(Optional<cn.shangliang.consultation.Person> person) {
        String name = person.map(p -> p.name().isEmpty() ? p.id() : p.name()).orElse("");
        return new Say("utter_bind_done", Map.of("name", name));
    }

    private List<Say> follow(Inbound message, Reporter reporter, String number) {
        Optional<IssueSummary> joined = desk.support(message.key(), reporter, number);
        if (joined.isEmpty()) {
            return List.of(new Say("utter_follow_failed", Map.of("tracking_no", number)));
        }
        IssueSummary issue = joined.get();
        return List.of(new Say(
                "utter_supported",
                Map.of(
                        "tracking_no", issue.trackingNo(),
                        "title", issue.title(),
                        "status", "status_" + issue.status().name().toLowerCase(),
                        "supporters", Integer.toString(issue.supporters()),
                        "place", issue.place().toString())));
    }

    /** {@code 队列 [镇/村]}: the named queue, else the staff member's own (city-wide staff: the place they gave). */
    private List<Say> queue(Staff staff, String rest, Place userPlace) {
        Optional<Place> named = Place.parse(rest.replace(" ", "/"));
        Place place = named.orElse(staff.cityWide() ? userPlace : staff.scope());
        if (place == null) {
            return List.of(new Say("utter_queue_which"));
        }
        return switch (book.queue(staff, place)) {
            case Lookup.Forbidden<List<IssueBook.QueueEntry>> f ->
                List.of(new Say("utter_not_in_scope", Map.of("tracking_no", place.toString())));
            case Lookup.NotFound<List<IssueBook.QueueEntry>> n ->
                List.of(new Say("utter_queue_empty", Map.of("place", place.toString())));
            case Lookup.Found<List<IssueBook.QueueEntry>> found -> queueReply(place, found.value());
        };
    }

    private static List<Say> queueReply(Place place, List<IssueBook.QueueEntry> entries) {
        if (entries.isEmpty()) {
            return List.of(new Say("utter_queue_empty", Map.of("place", place.toString())));
        }
        StringBuilder list = new StringBuilder();
        for (IssueBook.QueueEntry e : entries.subList(0, Math.min(10, entries.size()))) {
            if (!list.isEmpty()) {
                list.append('\n');
            }
            list.append(e.overdue() ? "⚠ " : "")
                    .append(e.issue().needsReview() ? "❓ " : "")
                    .append(e.issue().trackingNo())
                    .append(' ')
                    .append(e.issue().title())
                    .append(" (")
                    .append(e.issue().supporters())
                    .append(')');
        }
        return List.of(new Say(
                "utter_queue",
                Map.of("place", place.toString(), "count", Integer.toString(entries.size()), "list", list.toString())));
    }

    private List<Say> view(Staff staff, String number) {
        return switch (book.detail(staff, number)) {
            case Lookup.NotFound<IssueDetail> n ->
                List.of(new Say("utter_status_not_found", Map.of("tracking_no", number)));
            case Lookup.Forbidden<IssueDetail> f ->
                List.of(new Say("utter_not_in_scope", Map.of("tracking_no", number)));
            case Lookup.Found<IssueDetail> found -> {
                Map<String, String> slots = new HashMap<>(slots(found.value()));
                slots.put("text", found.value().text());
                yield List.of(new Say("utter_issue_detail", slots));
            }
        };
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
