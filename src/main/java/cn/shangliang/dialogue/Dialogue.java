package cn.shangliang.dialogue;

import cn.shangliang.channel.Inbound;
import cn.shangliang.consultation.ConcernDesk;
import cn.shangliang.consultation.IssueSummary;
import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Regions;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.dialogue.entities.ChineseDates;
import cn.shangliang.dialogue.entities.EntityExtractor;
import cn.shangliang.matching.Candidate;
import cn.shangliang.matching.Concern;
import cn.shangliang.matching.MatchResult;
import cn.shangliang.matching.TopicMatcher;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One step of a conversation: understands the message in the light of the pending question, acts through the
 * consultation ports, and returns the next session and the replies. All wording comes from {@link Responses}.
 */
public final class Dialogue {

    /** A pending question is dropped for new business only when the classifier is at least this sure. */
    private static final double SURE = 0.6;

    /**
     * Erasing cannot be undone, so a plain "嗯" or "好" (which the classifier rightly takes for a yes) is not enough: the
     * answer must say so explicitly.
     */
    private static final Pattern EXPLICIT_YES =
            Pattern.compile("确认|确定|删除|删吧|删了|删掉|同意|confirm|yes|delete", Pattern.CASE_INSENSITIVE);

    private static final Pattern CHOICE = Pattern.compile("^\\D{0,4}?([0-9０-９一二三])\\D{0,4}$");

    private final IntentClassifier classifier;
    private final Responses responses;
    private final Regions regions;
    private final TopicMatcher matcher;
    private final ConcernDesk desk;
    private final Function<Reporter, Role> roles;
    private final double minConfidence;
    private final Commands commands;
    private final RatingWords ratings;
    private final RoomSchedules schedules;
    private final Function<Reporter, Optional<String>> memberOf;
    private final Clock clock;
    private final ProgressTableRequests progressTables;
    private final PersonalDataEraser eraser;

    public Dialogue(
            IntentClassifier classifier,
            Responses responses,
            Regions regions,
            TopicMatcher matcher,
            ConcernDesk desk,
            Function<Reporter, Role> roles,
            Commands commands,
            RatingWords ratings,
            RoomSchedules schedules,
            Function<Reporter, Optional<String>> memberOf,
            Clock clock,
            double minConfidence) {
        this(
                classifier,
                responses,
                regions,
                matcher,
                desk,
                roles,
                commands,
                ratings,
                schedules,
                memberOf,
                clock,
                minConfidence,
                ProgressTableRequests.none());
    }

    /** As above, also answering requests for the weekly progress table ({@code progressTables}) first. */
    public Dialogue(
            IntentClassifier classifier,
            Responses responses,
            Regions regions,
            TopicMatcher matcher,
            ConcernDesk desk,
            Function<Reporter, Role> roles,
            Commands commands,
            RatingWords ratings,
            RoomSchedules schedules,
            Function<Reporter, Optional<String>> memberOf,
            Clock clock,
            double minConfidence,
            ProgressTableRequests progressTables) {
        this(
                classifier,
                responses,
                regions,
                matcher,
                desk,
                roles,
                commands,
                ratings,
                schedules,
                memberOf,
                clock,
                minConfidence,
                progressTables,
                PersonalDataEraser.none());
    }

    /** As above, also erasing a person's data when they ask ("删除我的信息") and confirm, through {@code eraser}. */
    public Dialogue(
            IntentClassifier classifier,
            Responses responses,
            Regions regions,
            TopicMatcher matcher,
            ConcernDesk desk,
            Function<Reporter, Role> roles,
            Commands commands,
            RatingWords ratings,
            RoomSchedules schedules,
            Function<Reporter, Optional<String>> memberOf,
            Clock clock,
            double minConfidence,
            ProgressTableRequests progressTables,
            PersonalDataEraser eraser) {
        this.eraser = eraser;
        this.progressTables = progressTables;
        this.memberOf = memberOf;
        this.schedules = schedules;
        this.clock = clock;
        this.commands = commands;
        this.ratings = ratings;
        this.classifier = classifier;
        this.responses = responses;
        this.regions = regions;
        this.matcher = matcher;
        this.desk = desk;
        this.roles = roles;
        this.minConfidence = minConfidence;
    }

    /** The state of one step while it runs. */
    private final class Step {
        final Inbound message;
        final Reporter reporter;
        final List<String> replies = new ArrayList<>();
        Session session;
        /** Whether the classifier is sure enough to take the message as new business while a question is pending. */
        boolean sure;

        Step(Inbound message, Session session) {
            this.message = message;
            this.reporter = new Reporter(message.channel(), message.userId());
            this.session = session;
        }

        String language() {
            if (!session.language().isEmpty()) {
                return session.language();
            }
            String hint = message.attribute("lang");
            if (!hint.isEmpty()) {
                return hint.startsWith("en") ? "en" : Responses.DEFAULT_LANGUAGE;
            }
            return Languages.looksEnglish(message.text()) ? "en" : Responses.DEFAULT_LANGUAGE;
        }

        void say(String key, Map<String, String> slots) {
            replies.add(responses.render(key, language(), slots));
        }

        void say(String key) {
            say(key, Map.of());
        }
    }

    public Turn step(Inbound message, Session session) {
        if (!session.lastKey().isEmpty() && session.lastKey().equals(message.key())) {
            return new Turn(session, session.lastReplies()); // redelivery: same answer, no second effect
        }
        Step step = new Step(message, presetPlace(session, message));
        Optional<List<String>> table = progressTables.answer(step.reporter, message.text(), step.language());
        if (table.isPresent()) {
            return new Turn(step.session.answered(message.key(), table.get()), table.get());
        }
        Optional<Commands.Command> command = commands.parse(message.text());
        if (command.isPresent()) {
            Place place = Place.parse(step.session.place()).orElse(null);
            for (var reply : commands.run(message, command.get(), place)) {
                step.replies.add(responses.renderNested(reply.key(), step.language(), reply.slots()));
            }
            return new Turn(step.session.answered(message.key(), step.replies), step.replies);
        }
        IntentPrediction prediction = classifier.classify(message.text());
        String intent = prediction.confidence() >= minConfidence ? prediction.intent() : "fallback";
        step.sure = prediction.confidence() >= SURE;
        switch (step.session.pending()) {
            case Pending.None none -> handle(step, intent);
            case Pending.AskPlace ask -> answerPlace(step, ask, intent);
            case Pending.AskVillage ask -> answerVillage(step, ask, intent);
            case Pending.AskChoice ask -> answerChoice(step, ask, intent);
            case Pending.AskConfirm ask -> answerConfirm(step, ask, intent);
            case Pending.AskRating ask -> answerRating(step, ask, intent);
            case Pending.AskErase ask -> answerErase(step, intent);
        }
        return new Turn(step.session.answered(message.key(), step.replies), step.replies);
    }

    private Session presetPlace(Session session, Inbound message) {
        if (session.place().isEmpty()) {
            Optional<Place> preset = Place.parse(message.attribute("place")).filter(regions::contains);
            if (preset.isPresent()) {
                return session.withPlace(preset.get().toString());
            }
        }
        return session;
    }

    /** A message with nothing pending. */
    private void handle(Step step, String intent) {
        switch (intent) {
            case "greet" -> step.say("utter_greet");
            case "help" -> step.say(helpFor(step), helpSlots(step));
            case "thanks" -> step.say("utter_thanks");
            case "raise_concern" -> raiseConcern(step, step.message.text());
            case "check_status" -> checkStatus(step);
            case "room_schedule" ->
                step.replies.add(schedules.answer(
                        regions.mentionedIn(step.message.text())
                                .or(() -> Place.parse(step.session.place()).filter(regions::contains)),
                        ChineseDates.find(step.message.text(), LocalDate.now(clock)),
                        step.language()));
            case "my_meetings" -> step.replies.add(schedules.mine(memberOf.apply(step.reporter), step.language()));
            case "rsvp_accept", "rsvp_decline" ->
                step.replies.add(schedules.answer(
                        memberOf.apply(step.reporter),
                        intent.equals("rsvp_accept"),
                        step.message.text(),
                        step.language()));
            case "bind_account" -> {
                var reply = commands.bind(step.reporter, step.message.text());
                step.say(reply.key(), reply.slots());
            }
            case "unsubscribe" -> {
                step.session = step.session.withUnsubscribed(true);
                step.say("utter_unsubscribed");
            }
            case "switch_language_en" -> {
                step.session = step.session.withLanguage("en");
                step.say("utter_language_set");
            }
            case "switch_language_zh" -> {
                step.session = step.session.withLanguage("zh");
                step.say("utter_language_set");
            }
            case "delete_my_data" -> askErase(step);
            case "cancel", "confirm", "deny", "choose" -> step.say("utter_nothing_pending");
            default -> fallback(step);
        }
    }

    private void fallback(Step step) {
        if (Languages.hanCount(step.message.text()) >= 6) {
            raiseConcern(step, step.message.text()); // a longer description is most likely a concern
        } else {
            step.say("utter_fallback");
        }
    }

    /** The staff help lists each command with its syntax, from the one vocabulary of command names. */
    private Map<String, String> helpSlots(Step step) {
        if (roles.apply(step.reporter) != Role.STAFF) {
            return Map.of();
        }
        String lines = commands.staffHelp().stream()
                .map(line -> responses.render(line.key(), step.language(), line.slots()))
                .collect(java.util.stream.Collectors.joining("\n"));
        return Map.of("commands", lines);
    }

    private String helpFor(Step step) {
        return switch (roles.apply(step.reporter)) {
            case RESIDENT -> "utter_help";
            case MEMBER -> "utter_help_member";
            case STAFF -> "utter_help_staff";
        };
    }

    private void raiseConcern(Step step, String concern) {
        Optional<Place> place = regions.mentionedIn(concern)
                .or(() -> Place.parse(step.session.place()).filter(regions::contains));
        if (place.isEmpty()) {
            step.session = step.session.withPending(new Pending.AskPlace(concern));
            step.say("utter_ask_place");
            return;
        }
        if (step.session.place().isEmpty()) {
            step.session = step.session.withPlace(place.get().toString());
        }
        offerOrAskVillage(step, concern, place.get());
    }

    /** Looks for an open topic covering the concern and acts on the matcher's decision. */
    private void offer(Step step, String concern, Place place) {
        MatchResult result = matcher.match(new Concern(place.town(), place.village(), concern));
        switch (result) {
            case MatchResult.NoContent n -> step.say("utter_describe_concern");
            case MatchResult.Confident c -> joinOrFile(step, concern, place, c.best());
            case MatchResult.Ambiguous a -> {
                List<String> numbers =
                        a.candidates().stream().map(cand -> cand.topic().id()).toList();
                step.session = step.session.withPending(new Pending.AskChoice(concern, place.toString(), numbers));
                step.say("utter_choose", Map.of("list", numbered(a.candidates())));
            }
            case MatchResult.NoMatch n -> {
                step.session = step.session.withPending(new Pending.AskConfirm(concern, place.toString()));
                step.say("utter_confirm_file", Map.of("place", place.toString(), "concern", excerpt(concern)));
            }
        }
    }

    private void joinOrFile(Step step, String concern, Place place, Candidate best) {
        Optional<IssueSummary> joined =
                desk.support(step.message.key(), step.reporter, best.topic().id());
        if (joined.isPresent()) {
            step.say("utter_supported", issueSlots(step, joined.get()));
        } else {
            step.session = step.session.withPending(new Pending.AskConfirm(concern, place.toString()));
            step.say("utter_confirm_file", Map.of("place", place.toString(), "concern", excerpt(concern)));
        }
    }

    private void answerPlace(Step step, Pending.AskPlace ask, String intent) {
        if (intent.equals("cancel")) {
            cancel(step);
            return;
        }
        Optional<Place> place = regions.mentionedIn(step.message.text())
                .or(() -> Place.parse(step.message.text()).filter(regions::contains));
        if (place.isPresent()) {
            step.session = step.session.withPlace(place.get().toString()).withPending(new Pending.None());
            offerOrAskVillage(step, ask.concern(), place.get());
        } else if (isOtherBusiness(step, intent)) {
            dropAndHandle(step, intent);
        } else {
            step.say("utter_ask_place_again");
        }
    }

    // ---- tiered consultation: a town-only resident with a village matter is asked the village (issue 13) ----

    /** As {@link #offer}, but first asks a resident who gave only a town for the village of a clearly village matter. */
    private void offerOrAskVillage(Step step, String concern, Place place) {
        if (place.isTownOnly() && desk.wantsVillage(place, concern)) {
            step.session = step.session.withPending(new Pending.AskVillage(concern, place.town()));
            step.say("utter_ask_village", Map.of("town", place.town()));
            return;
        }
        offer(step, concern, place);
    }

    /** A village of the town names it; anything else but new business files at the town (flagged for review). */
    private void answerVillage(Step step, Pending.AskVillage ask, String intent) {
        if (intent.equals("cancel")) {
            cancel(step);
            return;
        }
        Optional<Place> village = villageIn(step.message.text(), ask.town());
        if (village.isPresent()) {
            step.session = step.session.withPending(new Pending.None());
            String known = step.session.place();
            if (known.isEmpty() || known.equals(ask.town())) {
                step.session = step.session.withPlace(village.get().toString()); // fills in the missing village
            }
            offer(step, ask.concern(), village.get());
        } else if (isOtherBusiness(step, intent)) {
            dropAndHandle(step, intent);
        } else {
            step.session = step.session.withPending(new Pending.None());
            offer(step, ask.concern(), Place.town(ask.town()));
        }
    }

    /** A village of {@code town} named in {@code text}, in full (里庄村) or without 村/社区 (里庄). */
    private Optional<Place> villageIn(String text, String town) {
        Optional<Place> named = regions.mentionedIn(text).filter(p -> p.town().equals(town) && !p.isTownOnly());
        if (named.isPresent()) {
            return named;
        }
        return regions.town(town).stream()
                .flatMap(t -> t.villages().stream())
                .filter(v -> {
                    String stem = v.replaceFirst("(村|社区)$", "");
                    return stem.length() >= 2 && text.contains(stem);
                })
                .findFirst()
                .map(v -> new Place(town, v));
    }

    private void answerChoice(Step step, Pending.AskChoice ask, String intent) {
        if (intent.equals("cancel")) {
            cancel(step);
            return;
        }
        int choice = choice(step.message.text(), intent);
        if (choice >= 1 && choice <= ask.trackingNos().size()) {
            step.session = step.session.withPending(new Pending.None());
            Optional<IssueSummary> joined = desk.support(
                    step.message.key(), step.reporter, ask.trackingNos().get(choice - 1));
            if (joined.isPresent()) {
                step.say("utter_supported", issueSlots(step, joined.get()));
            } else {
                step.session = step.session.withPending(new Pending.AskConfirm(ask.concern(), ask.place()));
                step.say("utter_confirm_file", Map.of("place", ask.place(), "concern", excerpt(ask.concern())));
            }
        } else if (choice == 0 || intent.equals("deny")) {
            step.session = step.session.withPending(new Pending.AskConfirm(ask.concern(), ask.place()));
            step.say("utter_confirm_file", Map.of("place", ask.place(), "concern", excerpt(ask.concern())));
        } else if (isOtherBusiness(step, intent)) {
            dropAndHandle(step, intent);
        } else {
            step.say(
                    "utter_choose_again",
                    Map.of("count", Integer.toString(ask.trackingNos().size())));
        }
    }

    private void answerConfirm(Step step, Pending.AskConfirm ask, String intent) {
        switch (intent) {
            case "confirm" -> {
                step.session = step.session.withPending(new Pending.None());
                Place place = Place.parse(ask.place()).orElseThrow();
                IssueSummary filed = desk.file(step.message.key(), step.reporter, place, ask.concern());
                step.say("utter_filed", issueSlots(step, filed));
            }
            case "deny" -> {
                step.session = step.session.withPending(new Pending.None());
                step.say("utter_not_filed");
            }
            case "cancel" -> cancel(step);
            default -> {
                if (isOtherBusiness(step, intent)) {
                    dropAndHandle(step, intent);
                } else {
                    step.say("utter_confirm_again");
                }
            }
        }
    }

    private void answerRating(Step step, Pending.AskRating ask, String intent) {
        Optional<ConcernDesk.Rating> rating = ratings.of(step.message.text());
        if (rating.isPresent()) {
            step.session = step.session.withPending(new Pending.None());
            desk.rate(step.reporter, ask.trackingNo(), rating.get());
            step.say("utter_rating_thanks", Map.of("tracking_no", ask.trackingNo()));
        } else if (intent.equals("cancel") || intent.equals("deny")) {
            cancel(step);
        } else if (isOtherBusiness(step, intent)) {
            dropAndHandle(step, intent);
        } else {
            step.say("utter_rating_again", Map.of("tracking_no", ask.trackingNo()));
        }
    }

    /** "删除我的信息": say what would go and what stays, and wait for a confirmation. */
    private void askErase(Step step) {
        step.session = step.session.withPending(new Pending.AskErase());
        step.say("utter_delete_confirm", Map.of("issues", Integer.toString(eraser.issuesNaming(step.reporter))));
    }

    /**
     * The answer to the deletion question. Confirmed: everything that names the person is erased, and the session
     * left behind is a fresh one (it keeps only this answer, for a redelivery, and expires).
     */
    private void answerErase(Step step, String intent) {
        switch (intent) {
            case "confirm", "delete_my_data" -> {
                if (!EXPLICIT_YES.matcher(step.message.text()).find()) {
                    step.say("utter_delete_again");
                    return;
                }
                String language = step.language();
                int issues = eraser.erase(step.reporter);
                step.session = Session.fresh();
                step.replies.add(
                        responses.render("utter_delete_done", language, Map.of("issues", Integer.toString(issues))));
            }
            case "deny", "cancel" -> {
                step.session = step.session.withPending(new Pending.None());
                step.say("utter_delete_kept");
            }
            default -> {
                if (isOtherBusiness(step, intent)) {
                    dropAndHandle(step, intent);
                } else {
                    step.say("utter_delete_again");
                }
            }
        }
    }

    private void cancel(Step step) {
        step.session = step.session.withPending(new Pending.None());
        step.say("utter_cancelled");
    }

    /** Whether a message answering a pending question is really about something else. */
    private static boolean isOtherBusiness(Step step, String intent) {
        return step.sure
                && !List.of("confirm", "deny", "choose", "cancel", "fallback").contains(intent);
    }

    private void dropAndHandle(Step step, String intent) {
        step.session = step.session.withPending(new Pending.None());
        step.say("utter_question_dropped");
        handle(step, intent);
    }

    private void checkStatus(Step step) {
        Optional<String> tracking = EntityExtractor.trackingNo(step.message.text());
        if (tracking.isPresent()) {
            String number = tracking.get();
            Optional<IssueSummary> issue = desk.find(number);
            Optional<IssueSummary> joined =
                    issue.filter(i -> !i.mergedInto().isEmpty()).flatMap(i -> desk.find(i.mergedInto()));
            if (joined.isPresent()) {
                Map<String, String> slots = issueSlots(step, issue.get());
                slots.put("target", joined.get().trackingNo());
                slots.put("target_title", joined.get().title());
                slots.put("status", statusName(step, joined.get()));
                step.say("utter_status_merged", slots);
            } else if (issue.isPresent()) {
                step.say("utter_status", issueSlots(step, issue.get()));
            } else {
                step.say("utter_status_not_found", Map.of("tracking_no", number));
            }
            return;
        }
        List<IssueSummary> mine = desk.of(step.reporter, 5);
        if (mine.isEmpty()) {
            step.say("utter_no_issues");
            return;
        }
        StringBuilder list = new StringBuilder();
        for (IssueSummary issue : mine) {
            if (!list.isEmpty()) {
                list.append('\n');
            }
            list.append(issue.trackingNo())
                    .append(' ')
                    .append(issue.title())
                    .append(" · ")
                    .append(statusName(step, issue));
        }
        step.say("utter_my_issues", Map.of("list", list.toString()));
    }

    private Map<String, String> issueSlots(Step step, IssueSummary issue) {
        Map<String, String> slots = new HashMap<>();
        slots.put("tracking_no", issue.trackingNo());
        slots.put("title", issue.title());
        slots.put("status", statusName(step, issue));
        slots.put("supporters", Integer.toString(issue.supporters()));
        slots.put("place", issue.place().toString());
        return slots;
    }

    private String statusName(Step step, IssueSummary issue) {
        return responses.render("status_" + issue.status().name().toLowerCase(), step.language(), Map.of());
    }

    private static String numbered(List<Candidate> candidates) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < candidates.size(); i++) {
            if (i > 0) {
                out.append('\n');
            }
            out.append(i + 1).append(". ").append(candidates.get(i).topic().title());
        }
        return out.toString();
    }

    private static String excerpt(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.codePointCount(0, flat.length()) <= 40
                ? flat
                : flat.substring(0, flat.offsetByCodePoints(0, 40)) + "…";
    }

    /**
     * The candidate number in a short answer (1-based), 0 for "none of these" (a {@code choose} or {@code deny} answer
     * without a number), -1 when the text is no choice.
     */
    static int choice(String text, String intent) {
        Matcher m = CHOICE.matcher(text.strip());
        if (m.matches()) {
            return switch (m.group(1)) {
                case "一" -> 1;
                case "二" -> 2;
                case "三" -> 3;
                default -> Character.getNumericValue(m.group(1).charAt(0));
            };
        }
        return intent.equals("choose") || intent.equals("deny") ? 0 : -1;
    }
}
