package cn.shangliang.store;

import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Every Redis key name Shangliang uses, built in one place. Keys of one entity share a hash tag ({@code {...}}) so that
 * multi-key scripts stay within one slot on Redis Cluster.
 */
public final class RedisKeys {

    private static final String PIPE = "{pipe}";

    private RedisKeys() {}

    // ---- the durable message pipeline: split into partitions, one hash tag (one slot) each ----

    /**
     * The hash tag of {@code partition} of {@code count}: the first {@code {pipe:<partition>:<k>}} whose slot lies in
     * the partition's share of the 16384 slots ({@code [partition, partition + 1) × 16384 / count}), so that a cluster
     * whose masters hold equal ranges of slots (what {@code redis-cli --cluster create} makes) gets an equal number of
     * partitions on each master. Every process computes the same tags.
     */
    public static String pipelineTag(int partition, int count) {
        int from = (int) ((long) partition * 16384 / count);
        int to = (int) ((long) (partition + 1) * 16384 / count);
        for (int k = 0; ; k++) {
            String tag = "{pipe:" + partition + ":" + k + "}";
            int slot = JedisClusterCRC16.getSlot(tag);
            if (slot >= from && slot < to) {
                return tag;
            }
        }
    }

    /** The number of partitions the pipeline's data is laid out in now (a change needs a drain first). */
    public static String pipelineLayout() {
        return PIPE + ":partitions";
    }

    /** Stream of accepted inbound messages of one partition, read by the worker consumer group. */
    public static String inbound(String tag) {
        return tag + ":in";
    }

    /** Inbound messages of one partition that failed too often. */
    public static String inboundDead(String tag) {
        return tag + ":in:dead";
    }

    /** Dedup and completion marker of one inbound message: "q" once queued, "d" once handled. */
    public static String seen(String tag, String channel, String messageId) {
        return tag + ":seen:" + channel + ":" + messageId;
    }

    /** Stream of replies and notifications of one partition's recipients, waiting for their channel sender. */
    public static String outbound(String tag) {
        return tag + ":out";
    }

    /** Idempotency marker of a queued notification (in its recipient's partition). */
    public static String outboundSeen(String tag, String outboundId) {
        return tag + ":outseen:" + outboundId;
    }

    /** Sorted set of outbound messages waiting for a retry, scored by due time (epoch ms). */
    public static String outboundRetry(String tag) {
        return tag + ":out:retry";
    }

    /** Outbound messages of one partition that could not be delivered. */
    public static String outboundDead(String tag) {
        return tag + ":out:dead";
    }

    /** One recipient's replies waiting in the retry set: message id → order (so that newer ones wait behind). */
    public static String outboundHeld(String tag, String channel, String userId) {
        return tag + ":out:held:" + channel + ":" + userId;
    }

    /** The due times (epoch ms) of {@link #outboundHeld}'s messages. */
    public static String outboundHeldDue(String tag, String channel, String userId) {
        return outboundHeld(tag, channel, userId) + ":due";
    }

    /**
     * The user's remembered profile (place, language, subscription), in the partition of the user's messages so that
     * a message's completion writes it in the same script.
     */
    public static String sessionProfile(String tag, String channel, String userId) {
        return tag + ":profile:" + channel + ":" + userId;
    }

    /** The user's pending question and last answer (expires), in the partition of the user's messages. */
    public static String sessionPending(String tag, String channel, String userId) {
        return tag + ":pending:" + channel + ":" + userId;
    }

    /**
     * The user's issues (reported or supported), newest first, in the partition of the user's messages: the session
     * script reads it (a profile of someone named on an issue does not expire) in the same slot.
     */
    public static String sessionIssues(String tag, String channel, String userId) {
        return tag + ":issues:" + channel + ":" + userId;
    }

    // ---- the pipeline before it was partitioned: read only, to carry sessions over and to see a backlog left ----

    /** The unpartitioned inbound stream (before {@code pipeline.partitions}). */
    public static String legacyInbound() {
        return PIPE + ":in";
    }

    /** The unpartitioned outbound stream (before {@code pipeline.partitions}). */
    public static String legacyOutbound() {
        return PIPE + ":out";
    }

    /** Sliding-window log of one recipient's recent sends (sorted set scored by epoch ms). */
    public static String rateLog(String channel, String userId) {
        return "{rl:" + channel + ":" + userId + "}:log";
    }

    // ---- per-user inboxes of the channels that pull their replies (web chat, terminal) ----

    public static String inbox(String channel, String userId) {
        return "{inbox:" + channel + ":" + userId + "}";
    }

    /** A web-chat uid taken by the browser that first used it (its session token is then required); expires. */
    public static String webChatClaim(String userId) {
        return "{user:webchat:" + userId + "}:claim";
    }

    /** The HMAC key of web-chat session tokens (hex), made once by whichever process needs it first. */
    public static String webChatTokenKey() {
        return "{secrets}:webchat-token-key";
    }

    /** Pub/sub channel announcing new inbox entries to every process. */
    public static String inboxAnnouncements() {
        return "shangliang:inbox";
    }

    // ---- consultation issues: all keys of one town share the tag {town:<code>} ----

    public static String issue(String townCode, String trackingNo) {
        return "{town:" + townCode + "}:issue:" + trackingNo;
    }

    public static String issueSupporters(String townCode, String trackingNo) {
        return issue(townCode, trackingNo) + ":supporters";
    }

    /** Every change of an issue, oldest first (JSON entries). */
    public static String issueHistory(String townCode, String trackingNo) {
        return issue(townCode, trackingNo) + ":history";
    }

    /** Daily sequence of tracking numbers of one town. */
    public static String dailySequence(String townCode, String yyyymmdd) {
        return "{town:" + townCode + "}:seq:" + yyyymmdd;
    }

    /** The outcome of one request (a message) against a town's issues, for idempotency. */
    public static String townRequest(String townCode, String requestKey) {
        return "{town:" + townCode + "}:req:" + requestKey;
    }

    /** The tracking number an imported topic id got. */
    public static String townImport(String townCode, String importedId) {
        return "{town:" + townCode + "}:import:" + importedId;
    }

    /** The town's outbox: effects (notices, topic events) written with its changes, waiting to be delivered. */
    public static String outbox(String townCode) {
        return "{town:" + townCode + "}:outbox";
    }

    /** Tracking numbers of all of a town's issues. */
    public static String allIssues(String townCode) {
        return "{town:" + townCode + "}:all";
    }

    /** Tracking numbers of a town's open issues. */
    public static String openIssues(String townCode) {
        return "{town:" + townCode + "}:open";
    }

    // ---- per user ----

    /** Issues a user raised or supports, scored by time. */
    /** The user's issues before {@code pipeline.partitions} (read and cleaned up, never written). */
    public static String userIssues(String channel, String userId) {
        return "{user:" + channel + ":" + userId + "}:issues";
    }

    /** The user's profile before {@code pipeline.partitions} (read when the partition holds none yet). */
    public static String userProfile(String channel, String userId) {
        return "{user:" + channel + ":" + userId + "}:profile";
    }

    /** The user's pending question before {@code pipeline.partitions} (read when the partition holds none yet). */
    public static String userPending(String channel, String userId) {
        return "{user:" + channel + ":" + userId + "}:pending";
    }

    // ---- consultation topics as the matcher follows them: one entity (all topics), one slot ----

    private static final String TOPICS = "{topics}";

    /** Hash of every topic by id, the JSON of its current state. */
    public static String topics() {
        return TOPICS + ":all";
    }

    /** Stream of topic changes (created, updated, closed, rejected, merged), appended with each write of the hash. */
    public static String topicChanges() {
        return TOPICS + ":changes";
    }

    // ---- scheduled jobs ----

    /** Claimed by the one process that runs {@code job} on {@code day}. */
    public static String jobClaim(String job, String day) {
        return "{jobs}:" + job + ":" + day;
    }

    /** The HMAC key of signed report links (hex), made once by whichever process needs it first. */
    public static String reportLinkKey() {
        return "{secrets}:report-link-key";
    }

    // ---- rooms and meetings: one slot per room ----

    /** A room's meetings (not cancelled), scored by start (epoch ms). */
    public static String roomMeetings(String roomId) {
        return "{room:" + roomId + "}:meetings";
    }

    /** End time (epoch ms) of each meeting in {@link #roomMeetings}. */
    public static String roomMeetingEnds(String roomId) {
        return "{room:" + roomId + "}:ends";
    }

    /** Sequence of a room's meeting ids. */
    public static String roomMeetingSequence(String roomId) {
        return "{room:" + roomId + "}:seq";
    }

    /** One meeting, as JSON; its id starts with the room's id. */
    public static String meeting(String roomId, String meetingId) {
        return "{room:" + roomId + "}:meeting:" + meetingId;
    }

    /** The prefix of {@link #meeting} keys of a room (the script that assigns ids appends the id). */
    public static String meetingPrefix(String roomId) {
        return "{room:" + roomId + "}:meeting:";
    }

    /** Version of a room's meetings: grows with every change applied (compare-and-set of planned changes). */
    public static String roomVersion(String roomId) {
        return "{room:" + roomId + "}:version";
    }

    /** The room's outbox: each applied change of its meetings, for the members to be told. */
    public static String roomOutbox(String roomId) {
        return "{room:" + roomId + "}:outbox";
    }

    /** The meeting id a request applied in a room (kept a week, so that a retried request changes nothing). */
    public static String roomRequest(String roomId, String requestKey) {
        return "{room:" + roomId + "}:request:" + requestKey;
    }

    /** Members' answers to a meeting's invitation. */
    public static String meetingAttendance(String roomId, String meetingId) {
        return meeting(roomId, meetingId) + ":attendance";
    }

    // ---- meeting reminders: one slot ----

    /** Planned reminders, scored by due time (epoch ms); members are {@code <meeting id>|<minutes before>}. */
    public static String remindersDue() {
        return "{reminders}:due";
    }

    /** The members of {@link #remindersDue} that belong to one meeting. */
    public static String remindersOf(String meetingId) {
        return "{reminders}:of:" + meetingId;
    }

    // ---- account binding: one slot ----

    /** A one-time binding code → the person id; expires by itself. */
    public static String bindingCode(String code) {
        return "{bind}:code:" + code;
    }

    /** Wrong codes sent lately by one account ({@code channel:user}). */
    public static String bindingTries(String account) {
        return "{bind}:tries:" + account;
    }

    /** Wrong codes sent lately by all accounts together. */
    public static String bindingTriesAll() {
        return "{bind}:tries";
    }

    /** Bound accounts: {@code channel:user} → person id. */
    public static String boundAccounts() {
        return "{bind}:accounts";
    }

    /** The staff audit log: a stream trimmed by age and length. */
    public static String auditLog() {
        return "{audit}:log";
    }

    /** Sentence vectors of topic texts: {@code <topic id>:<text hash>} → float32 bytes. */
    public static String topicVectors() {
        return "{topics}:vectors";
    }
}
