package cn.shangliang.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shangliang.app.AppConfig;
import cn.shangliang.app.Application;
import cn.shangliang.channel.Inbound;
import cn.shangliang.channel.Inbox;
import cn.shangliang.channel.Outbound;
import cn.shangliang.consultation.IssueAction;
import cn.shangliang.consultation.IssueSummary;
import cn.shangliang.consultation.Staff;
import cn.shangliang.consultation.Transition;
import cn.shangliang.testing.TestConfig;
import cn.shangliang.testing.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conversations written as Rasa-style test stories ({@code src/test/resources/stories/*.yml}), each run through the
 * real pipeline: the web chat channel's inbound stream on a real Redis, the worker, the trained classifier, the
 * consultation core and the outbox relay. A {@code user} step sends a message; the {@code action} steps after it name
 * the catalogue keys of its replies, in order (a reply matches a key when it is one of the key's templates with the
 * slots filled, in either language); see stories/README.md for the rest of the format.
 */
class StoriesIT {

    /** The stories' clock starts on Tuesday 1 December 2026, 09:00 in Jiangyin, and runs. */
    private static final Instant START = Instant.parse("2026-12-01T01:00:00Z");

    private static final Pattern TRACKING = Pattern.compile("[A-Z]{2,4}-\\d{8}-\\d{4}");
    private static final Pattern MEETING = Pattern.compile("[a-z][a-z0-9-]*\\.\\d+");
    private static final Pattern SLOT = Pattern.compile("\\{[a-z_]+\\}");

    @TempDir
    static Path dir;

    private static TestRedis redis;
    private static Application app;
    private static Map<String, List<Pattern>> templates;
    private static Map<String, List<Pattern>> englishTemplates;

    @BeforeAll
    static void start() throws IOException {
        redis = TestRedis.start();
        AppConfig config = TestConfig.load(dir, storiesConfig(), Map.of());
        Clock clock = Clock.offset(Clock.system(ZoneId.of("Asia/Shanghai")), Duration.between(Instant.now(), START));
        app = Application.server(config, clock).startPipeline();
        loadTemplates();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** The sample configuration with this Redis, no embedding model (words only) and the stories' people. */
    private static String storiesConfig() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode base =
                (ObjectNode) yaml.readTree(Path.of("config/shangliang.yaml").toFile());
        ObjectNode server = base.putObject("server");
        server.put("port", 0).put("host", "127.0.0.1");
        base.putObject("redis").put("url", redis.url());
        base.put("data_dir", dir.resolve("data").toString());
        ((ObjectNode) base.path("pipeline")).put("reclaim_idle_seconds", 1);
        ((ObjectNode) base.path("matching")).put("semantic_weight", 0);
        JsonNode people =
                yaml.readTree(Path.of("src/test/resources/stories/people.yaml").toFile());
        base.set("people", people.path("people"));
        return yaml.writeValueAsString(base);
    }

    /** Every catalogue key as patterns: its templates with each {slot} matching anything. */
    private static void loadTemplates() throws IOException {
        JsonNode responses = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of("intents/responses.yml").toFile())
                .path("responses");
        templates = new HashMap<>();
        englishTemplates = new HashMap<>();
        responses.fields().forEachRemaining(e -> {
            for (JsonNode variant : e.getValue()) {
                Pattern p = pattern(variant.path("text").asText());
                templates.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(p);
                if (variant.path("condition").toString().contains("\"en\"")) {
                    englishTemplates
                            .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                            .add(p);
                }
            }
        });
    }

    private static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher m = SLOT.matcher(template);
        int at = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(at, m.start()))).append("[\\s\\S]*?");
            at = m.end();
        }
        regex.append(Pattern.quote(template.substring(at)));
        return Pattern.compile(regex.toString());
    }

    @TestFactory
    Stream<DynamicTest> stories() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/stories"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                int n = 0;
                for (JsonNode story : yaml.readTree(file.toFile()).path("stories")) {
                    String id = file.getFileName().toString().replace(".yml", "") + "-" + (++n);
                    tests.add(DynamicTest.dynamicTest(
                            file.getFileName() + ": " + story.path("story").asText(), () -> new Run(id, story).play()));
                }
            }
        }
        assertThat(tests).as("stories found").isNotEmpty();
        return tests.stream();
    }

    /** One story being played: its users, what they were told, the numbers it learnt. */
    private static final class Run {
        final String id;
        final JsonNode story;
        final String user;
        final Map<String, String> variables = new HashMap<>();
        final Set<String> seen = new HashSet<>();
        List<String> turn = List.of();
        int nextAction;
        String lastSender;

        Run(String id, JsonNode story) {
            this.id = id;
            this.story = story;
            this.user = id + "-" + story.path("metadata").path("user").asText("resident");
        }

        void play() {
            for (JsonNode step : story.path("steps")) {
                if (step.has("user")) {
                    send(step);
                } else if (step.has("action")) {
                    action(step);
                } else if (step.has("notice")) {
                    notice(step);
                } else if (step.has("no_notice")) {
                    noNotice(step);
                } else if (step.has("staff")) {
                    staff(step.path("staff"));
                } else if (step.has("issue")) {
                    issue(step.path("issue"));
                } else {
                    throw new IllegalArgumentException(id + ": unknown step " + step);
                }
            }
            assertThat(nextAction)
                    .as(id + ": the last turn's replies were all named: " + turn)
                    .isEqualTo(turn.size());
        }

        /** A sender named in a step: a configured account ({@code member-a}) as is, else a user of this story. */
        String sender(JsonNode step) {
            String name = step.path("sender").asText("");
            if (name.isEmpty()) {
                return user;
            }
            return name.startsWith("story-") ? name : id + "-" + name;
        }

        String fill(String text) {
            String out = text;
            for (var e : variables.entrySet()) {
                out = out.replace("{" + e.getKey() + "}", e.getValue());
            }
            return out;
        }

        void send(JsonNode step) {
            assertThat(nextAction)
                    .as(id + ": replies not named before the next turn: " + turn)
                    .isEqualTo(turn.size());
            String sender = sender(step);
            lastSender = sender;
            Map<String, String> attributes = new HashMap<>();
            String place = story.path("metadata").path("place").asText("");
            if (!place.isEmpty() && sender.equals(user)) {
                attributes.put("place", place);
            }
            if (step.has("voice")) {
                attributes.put(Inbound.VOICE, step.path("voice").asText());
            }
            String messageId = UUID.randomUUID().toString();
            String text = fill(step.path("user").asText().strip());
            app.inboundQueue().enqueue(new Inbound("webchat", messageId, sender, "", text, Instant.now(), attributes));
            turn = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> app.inbox().after("webchat", sender, "0", 500).stream()
                                    .map(Inbox.Entry::message)
                                    .filter(m -> m.inReplyTo().equals(messageId))
                                    .map(Outbound::text)
                                    .toList(),
                            replies -> !replies.isEmpty());
            turn.forEach(this::learn);
            nextAction = 0;
        }

        void learn(String text) {
            Matcher t = TRACKING.matcher(text);
            while (t.find()) {
                variables.put("issue", t.group());
            }
            Matcher m = MEETING.matcher(text);
            while (m.find()) {
                variables.put("meeting", m.group());
            }
        }

        void action(JsonNode step) {
            String key = step.path("action").asText();
            assertThat(nextAction)
                    .as(id + ": a reply for " + key + " after " + turn)
                    .isLessThan(turn.size());
            String reply = turn.get(nextAction++);
            expect(key, reply, step);
        }

        void expect(String key, String text, JsonNode step) {
            boolean english = step.path("language").asText("").equals("en");
            List<Pattern> patterns = (english ? englishTemplates : templates).getOrDefault(key, List.of());
            assertThat(patterns).as(id + ": catalogue key " + key).isNotEmpty();
            assertThat(patterns.stream().anyMatch(p -> p.matcher(text).matches()))
                    .as(id + ": \"" + text + "\" is " + key + (english ? " in English" : ""))
                    .isTrue();
            for (JsonNode s : step.path("contains")) {
                assertThat(text).as(id).contains(fill(s.asText()));
            }
            for (JsonNode s : step.path("not_contains")) {
                assertThat(text).as(id).doesNotContain(fill(s.asText()));
            }
        }

        List<Outbound> notices(String sender) {
            return app.inbox().after("webchat", sender, "0", 500).stream()
                    .map(Inbox.Entry::message)
                    .filter(m -> m.inReplyTo().isEmpty() && !seen.contains(m.id()))
                    .toList();
        }

        /** The next notice of that key (earlier ones of other keys, such as "scheduled" before "closed", pass). */
        void notice(JsonNode step) {
            String sender = sender(step);
            String key = step.path("notice").asText();
            boolean english = step.path("language").asText("").equals("en");
            List<Pattern> patterns = (english ? englishTemplates : templates).getOrDefault(key, List.of());
            List<Outbound> upTo = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> {
                                List<Outbound> waiting = notices(sender);
                                for (int i = 0; i < waiting.size(); i++) {
                                    String text = waiting.get(i).text();
                                    if (patterns.stream()
                                            .anyMatch(p -> p.matcher(text).matches())) {
                                        return waiting.subList(0, i + 1);
                                    }
                                }
                                return List.<Outbound>of();
                            },
                            list -> !list.isEmpty());
            upTo.forEach(n -> seen.add(n.id()));
            Outbound notice = upTo.get(upTo.size() - 1);
            learn(notice.text());
            expect(key, notice.text(), step);
        }

        void noNotice(JsonNode step) {
            String sender = sender(step.path("no_notice"));
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> notices(sender).isEmpty());
        }

        /** Staff act on an issue through the core (its notices go out by the outbox relay like any other). */
        void staff(JsonNode step) {
            String number = fill(step.path("issue").asText("{issue}"));
            List<IssueAction> actions = switch (step.path("action").asText()) {
                case "accept" -> List.of(new IssueAction.Accept());
                case "close" ->
                    List.of(
                            new IssueAction.Schedule(""),
                            new IssueAction.RecordOutcome("已协商解决"),
                            new IssueAction.Close());
                default -> throw new IllegalArgumentException(id + ": unknown staff action " + step);
            };
            for (IssueAction action : actions) {
                Transition t = app.issues()
                        .transition(id + ":" + UUID.randomUUID(), Staff.cityWide("story-office"), number, action);
                assertThat(t).as(id + ": " + action).isInstanceOf(Transition.Done.class);
            }
        }

        /** What was stored of the last issue: its place. */
        void issue(JsonNode step) {
            IssueSummary issue = app.issues().find(variables.get("issue")).orElseThrow();
            if (step.has("place")) {
                assertThat(issue.place().toString())
                        .as(id + ": place of " + issue.trackingNo())
                        .isEqualTo(step.path("place").asText());
            }
        }
    }
}
