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

    /** "I don't know" / "no village" to the village question: file at the town, flagged (never other business). */
    private static final Pattern NO_VILLAGE = Pattern.compile(
            "^\\s*(不知道|不清楚|不晓得|说不清|没有|不在村里|不是村里的|就是镇上|镇上的|(i )?don'?t know|not sure|none|no)\\s*[。.!！?？]*\\s*$",
            Pattern.CASE_INSENSITIVE);

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
                ProgressTableRequests.none(),
                PersonalDataEraser.none());
    }

    /**
     * As above, also answering requests for the weekly progress table ({@code progressTables}) first, and erasing a
     * person's data when they ask ("删除我的信息") and confirm, through {@code eraser}.
     */
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
            if (Languages.looksEnglish(message.text())) {
                return "en";
            }
            // "1", "👍": no letters say nothing; the language heard before does
            return Languages.hanCount(message.text()) > 0 ? Responses.DEFAULT_LANGUAGE : session.readerLanguage();
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
        switch (Voice.of(message)) {
            case NONE -> {}
            case RECOGNISED ->
                step.say("utter_voice_heard", Map.of("text", message.text().strip()));
            case UNRECOGNISED -> {
                step.say("utter_voice_unrecognised");
                return finish(step);
            }
        }
        Optional<List<String>> table = progressTables.answer(step.reporter, message.text(), step.language());
        if (table.isPresent()) {
            step.replies.addAll(table.get());
            return finish(step);
        }
        Optional<Commands.Command> command = commands.parse(message.text());
        if (command.isPresent()) {
            Place place = Place.parse(step.session.place()).orElse(null);
            for (var reply : commands.run(message, command.get(), place)) {
                step.replies.add(responses.renderNested(reply.key(), step.language(), reply.slots()));
            }
            return finish(step);
        }
        String intent = understand(step);
        lateRating(step);
        switch (step.session.pending()) {
            case Pending.None none -> handle(step, intent);
            case Pending.AskPlace ask -> answerPlace(step, ask, intent);
            case Pending.AskVillage ask -> answerVillage(step, ask, intent);
            case Pending.AskChoice ask -> answerChoice(step, ask, intent);
            case Pending.AskConfirm ask -> answerConfirm(step, ask, intent);
            case Pending.AskRating ask -> answerRating(step, ask, intent);
            case Pending.AskErase ask -> answerErase(step, intent);
            case Pending.AskConcern ask -> answerConcern(step, intent);
            case Pending.AskWhichMeeting ask -> answerWhichMeeting(step, ask, intent);
        }
        return finish(step);
    }

    /**
     * A bare "满意" with no question pending (it expired, or was cancelled): when exactly one of the sender's closed
     * issues awaits their rating, the answer is taken for it.
     */
    private void lateRating(Step step) {
        String text = step.message.text();
        boolean bare = Languages.hanCount(text) <= 5 && Languages.englishWords(text) <= 3;
        if (!(step.session.pending() instanceof Pending.None)
                || !bare
                || ratings.of(text.toLowerCase(java.util.Locale.ROOT)).isEmpty()) {
            return;
        }
        List<String> waiting = desk.of(step.reporter, 10).stream()
                .map(IssueSummary::trackingNo)
                .filter(number -> desk.awaitsRating(step.reporter, number))
                .toList();
        if (waiting.size() == 1) {
            step.session = step.session.withPending(new Pending.AskRating(waiting.get(0)));
        }
    }

    /** The new session (remembering the language the user wrote in) and the replies. */
    private Turn finish(Step step) {
        Session next =
                Languages.of(step.message.text()).map(step.session::withHeard).orElse(step.session);
        return new Turn(next.answered(step.message.key(), step.replies), step.replies);
    }

    /**
     * The intent of a message: what only an explicit request may do is decided by rule first; the classifier's guess
     * is then kept from doing it (a concern holding a number is no binding, a long English sentence no language
     * switch).
     */
    private String understand(Step step) {
        String text = step.message.text();
        Optional<String> rule = ruledIntent(step, text);
        if (rule.isPresent()) {
            step.sure = true;
            return rule.get();
        }
        IntentPrediction prediction = classifier.classify(text);
        String intent = prediction.confidence() >= minConfidence ? prediction.intent() : "fallback";
        String refined = refine(intent, text);
        step.sure = prediction.confidence() >= SURE && refined.equals(intent);
        return refined;
    }

    private Optional<String> ruledIntent(Step step, String text) {
        Optional<String> language = ExplicitRequests.languageSwitch(text);
        if (language.isPresent()) {
            return Optional.of(language.get().equals("en") ? "switch_language_en" : "switch_language_zh");
        }
        if (ExplicitRequests.isResubscribe(text)) {
            return Optional.of("resubscribe");
        }
        if (ExplicitRequests.looksLikeRating(text)) {
            return Optional.of("rate");
        }
        if (ExplicitRequests.isStatusRequest(text)) {
            return Optional.of("check_status");
        }
        if (ExplicitRequests.isOpener(text)) {
            return Optional.of("opener");
        }
        if (step.session.pending() instanceof Pending.AskConfirm) {
            Optional<String> answer = ExplicitRequests.yesNo(text);
            if (answer.isPresent()) {
                return answer;
            }
        }
        if (memberOf.apply(step.reporter).isPresent()) {
            if (MeetingWords.isLeave(text)) {
                return Optional.of("rsvp_decline"); // "请假 12月4日下午有事" names a day but asks nothing
            }
            if (MeetingWords.isAcceptance(text)) {
                return Optional.of("rsvp_accept");
            }
        }
        return Optional.empty();
    }

    private static String refine(String intent, String text) {
        return switch (intent) {
            case "switch_language_en", "switch_language_zh" -> "fallback"; // only an explicit request switches
            case "bind_account" -> ExplicitRequests.isBinding(text) ? intent : "fallback";
            case "raise_concern", "confirm", "deny", "cancel" -> intent;
            // a meeting question naming a day is about that day: the schedule names its meetings and the address
            case "my_meetings" ->
                cn.shangliang.dialogue.entities.ChineseDates.find(text, java.time.LocalDate.EPOCH)
                                .isPresent()
                        ? "room_schedule"
                        : intent;
            default ->
                ExplicitRequests.hasPersonalNumber(text) && Languages.describes(text)
                        ? "raise_concern" // a phone or ID number inside a concern triggers nothing
                        : intent;
        };
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
                                .or(() -> Place.parse(step.session.place()).filter(regions::contains))
                                .or(() -> commands.scopeOf(step.reporter)),
                        ChineseDates.find(step.message.text(), LocalDate.now(clock)),
                        step.language()));
            case "my_meetings" -> step.replies.add(schedules.mine(memberOf.apply(step.reporter), step.language()));
            case "rsvp_accept", "rsvp_decline" -> rsvp(step, intent.equals("rsvp_accept"));
            case "bind_account" -> {
                var reply = commands.bind(step.reporter, step.message.text());
                step.say(reply.key(), reply.slots());
            }
            case "unsubscribe" -> {
                step.session = step.session.withUnsubscribed(true);
                step.say(
                        roles.apply(step.reporter) == Role.RESIDENT
                                ? "utter_unsubscribed_resident"
                                : "utter_unsubscribed");
            }
            case "resubscribe" -> {
                step.session = step.session.withUnsubscribed(false);
                step.say("utter_resubscribed");
            }
            case "opener" -> {
                step.session = step.session.withPending(new Pending.AskConcern());
                step.say("utter_ask_concern");
            }
            case "rate" -> rate(step);
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
        if (Languages.describes(step.message.text())) {
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
        Optional<ConcernPlace> where = ConcernPlace.resolve(
                Place.parse(step.session.place()).filter(regions::contains), regions.mentionedIn(concern));
        if (where.isEmpty()) {
            step.session = step.session.withPending(new Pending.AskPlace(concern));
            step.say("utter_ask_place");
            return;
        }
        offerOrAskVillage(step, concern, where.get());
    }

    /** Asks to confirm filing; a place read from the text alone is shown with a way to correct it. */
    private void askConfirm(Step step, String concern, ConcernPlace where) {
        step.session = step.session.withPending(
                new Pending.AskConfirm(concern, where.place().toString(), where.fromText()));
        step.say(
                where.fromText() ? "utter_confirm_file_named_place" : "utter_confirm_file",
                Map.of("place", where.place().toString(), "concern", excerpt(concern)));
    }

    /** The place a resident confirmed (by filing or supporting) becomes theirs when none was known. */
    private void remember(Step step, Place place) {
        if (step.session.place().isEmpty()) {
            step.session = step.session.withPlace(place.toString());
        }
    }

    /** Looks for an open topic covering the concern and acts on the matcher's decision. */
    private void offer(Step step, String concern, ConcernPlace where) {
        Place place = where.place();
        MatchResult result = matcher.match(new Concern(place.town(), place.village(), concern));
        switch (result) {
            case MatchResult.NoContent n -> step.say("utter_describe_concern");
            case MatchResult.Confident c -> joinOrFile(step, concern, where, c.best());
            case MatchResult.Ambiguous a -> {
                List<String> numbers =
                        a.candidates().stream().map(cand -> cand.topic().id()).toList();
                step.session = step.session.withPending(
                        new Pending.AskChoice(concern, place.toString(), numbers, where.fromText()));
                step.say("utter_choose", Map.of("list", numbered(a.candidates())));
            }
            case MatchResult.NoMatch n -> askConfirm(step, concern, where);
        }
    }

    private void joinOrFile(Step step, String concern, ConcernPlace where, Candidate best) {
        Optional<IssueSummary> joined =
                desk.support(step.message.key(), step.reporter, best.topic().id());
        if (joined.isPresent()) {
            remember(step, where.place());
            step.say("utter_supported", issueSlots(step, joined.get()));
        } else {
            askConfirm(step, concern, where);
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
            Place answered = ConcernPlace.answered(place.get(), regions.mentionedIn(ask.concern()));
            step.session = step.session.withPlace(answered.toString()).withPending(new Pending.None());
            offerOrAskVillage(step, ask.concern(), new ConcernPlace(answered, false));
        } else if (isOtherBusiness(step, intent)) {
            dropAndHandle(step, intent);
        } else {
            step.say("utter_ask_place_again");
        }
    }

    // ---- tiered consultation: a town-only resident with a village matter is asked the village (issue 13) ----

    /** As {@link #offer}, but first asks a resident who gave only a town for the village of a clearly village matter. */
    private void offerOrAskVillage(Step step, String concern, ConcernPlace where) {
        Place place = where.place();
        if (place.isTownOnly() && desk.wantsVillage(place, concern)) {
            step.session = step.session.withPending(new Pending.AskVillage(concern, place.town()));
            step.say("utter_ask_village", Map.of("town", place.town()));
            return;
        }
        offer(step, concern, where);
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
            offer(step, ask.concern(), new ConcernPlace(village.get(), false));
        } else if (!NO_VILLAGE.matcher(step.message.text()).find() && isOtherBusiness(step, intent)) {
            dropAndHandle(step, intent);
        } else {
            step.session = step.session.withPending(new Pending.None());
            offer(step, ask.concern(), new ConcernPlace(Place.town(ask.town()), false));
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
                remember(step, Place.parse(ask.place()).orElseThrow());
                step.say("utter_supported", issueSlots(step, joined.get()));
            } else {
                askConfirm(step, ask.concern(), placeOf(ask.place(), ask.placeFromText()));
            }
        } else if (choice == 0 || intent.equals("deny")) {
            askConfirm(step, ask.concern(), placeOf(ask.place(), ask.placeFromText()));
        } else if (isOtherBusiness(step, intent)) {
            dropAndHandle(step, intent);
        } else {
            step.say(
                    "utter_choose_again",
                    Map.of("count", Integer.toString(ask.trackingNos().size())));
        }
    }

    private void answerConfirm(Step step, Pending.AskConfirm ask, String intent) {
        Optional<Place> correction = correctedPlace(step, ask);
        if (correction.isPresent()) { // "不对，我是青阳镇里庄村的": file it where the resident lives
            askConfirm(step, ask.concern(), new ConcernPlace(correction.get(), false));
            return;
        }
        switch (intent) {
            case "confirm" -> {
                step.session = step.session.withPending(new Pending.None());
                Place place = Place.parse(ask.place()).orElseThrow();
                remember(step, place);
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

    /**
     * The reporter was asked to rate a closed issue. Other business is handled while the question stays open, until it
     * is answered, cancelled or a newer question replaces it.
     */
    private void answerRating(Step step, Pending.AskRating ask, String intent) {
        Optional<ConcernDesk.Rating> rating = ratings.of(step.message.text().toLowerCase(java.util.Locale.ROOT));
        if (rating.isPresent() && !intent.equals("rate")) {
            step.session = step.session.withPending(new Pending.None());
            desk.rate(step.reporter, ask.trackingNo(), rating.get());
            step.say("utter_rating_thanks", Map.of("tracking_no", ask.trackingNo()));
        } else if (intent.equals("cancel") || intent.equals("deny")) {
            cancel(step);
        } else if (intent.equals("fallback") && !Languages.describes(step.message.text())) {
            step.say("utter_rating_again", Map.of("tracking_no", ask.trackingNo()));
        } else {
            handle(step, intent); // the question stays unless this asks a newer one
        }
    }

    /** The next message after an opener ("我要反映个事") is the concern itself. */
    private void answerConcern(Step step, String intent) {
        step.session = step.session.withPending(new Pending.None());
        switch (intent) {
            case "cancel", "deny" -> cancel(step);
            case "opener" -> {
                step.session = step.session.withPending(new Pending.AskConcern());
                step.say("utter_ask_concern");
            }
            case "raise_concern", "fallback" -> raiseConcern(step, step.message.text());
            default -> {
                if (step.sure) {
                    handle(step, intent);
                } else {
                    raiseConcern(step, step.message.text());
                }
            }
        }
    }

    /** A member said 参加 / 请假 while several invitations wait and was shown them: the answer picks one. */
    private void answerWhichMeeting(Step step, Pending.AskWhichMeeting ask, String intent) {
        if (intent.equals("cancel")) {
            cancel(step);
            return;
        }
        int choice = choice(step.message.text(), intent);
        Optional<String> member = memberOf.apply(step.reporter);
        if (choice >= 1 && choice <= ask.meetingIds().size() && member.isPresent()) {
            step.session = step.session.withPending(new Pending.None());
            step.replies.add(schedules.answerChosen(
                    member.get(), ask.attends(), ask.reason(), ask.meetingIds().get(choice - 1), step.language()));
        } else if (isOtherBusiness(step, intent)) {
            dropAndHandle(step, intent);
        } else {
            step.say(
                    "utter_choose_again",
                    Map.of("count", Integer.toString(ask.meetingIds().size())));
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

    private void rsvp(Step step, boolean attends) {
        RoomSchedules.Rsvp answer =
                schedules.answer(memberOf.apply(step.reporter), attends, step.message.text(), step.language());
        step.replies.add(answer.reply());
        switch (answer) {
            case RoomSchedules.Rsvp.Done d -> {}
            case RoomSchedules.Rsvp.Ask a ->
                step.session = step.session.withPending(
                        new Pending.AskWhichMeeting(attends, step.message.text().strip(), a.meetingIds()));
        }
    }

    /** {@code 评价 QY-… 满意}: the reporter rates their own closed issue whenever they like. */
    private void rate(Step step) {
        Optional<ExplicitRequests.Rate> rate = ExplicitRequests.rate(step.message.text(), ratings);
        if (rate.isEmpty()) {
            step.say("utter_rate_how");
            return;
        }
        String number = rate.get().trackingNo();
        if (desk.rate(step.reporter, number, rate.get().rating())) {
            if (step.session.pending() instanceof Pending.AskRating r
                    && r.trackingNo().equals(number)) {
                step.session = step.session.withPending(new Pending.None());
            }
            step.say("utter_rating_thanks", Map.of("tracking_no", number));
        } else {
            step.say("utter_rate_refused", Map.of("tracking_no", number));
        }
    }

    /** A place named while we ask to confirm a place read from the text: the resident corrects it. */
    private Optional<Place> correctedPlace(Step step, Pending.AskConfirm ask) {
        String text = step.message.text();
        Optional<Place> named =
                regions.mentionedIn(text).or(() -> Place.parse(text.strip()).filter(regions::contains));
        if (named.isEmpty() || !ask.placeFromText() || Languages.hanCount(text) > 16) {
            return Optional.empty();
        }
        return named.filter(p -> !p.toString().equals(ask.place()));
    }

    private static ConcernPlace placeOf(String place, boolean fromText) {
        return new ConcernPlace(Place.parse(place).orElseThrow(), fromText);
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
                if (desk.awaitsRating(step.reporter, number)) {
                    step.session = step.session.withPending(new Pending.AskRating(number));
                    step.say("utter_rating_offer", Map.of("tracking_no", number));
                }
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
