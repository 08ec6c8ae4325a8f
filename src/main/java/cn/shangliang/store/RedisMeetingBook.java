package cn.shangliang.store;

import cn.shangliang.consultation.Meeting;
import cn.shangliang.consultation.MeetingBook;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Meetings in the slot of their room ({@code {room:<id>}}). One script applies a planned change: it answers a repeated
 * request key with the first result, refuses a plan made against an older room version, takes the next id only for a
 * new meeting, and writes the meeting, the time index and the request key together. No rules here: what may be
 * booked is decided in {@code consultation.MeetingRules}. Meeting ids are {@code <room id>.<n>}.
 */
public final class RedisMeetingBook implements MeetingBook {

    private static final long DAY_MS = 24 * 3600 * 1000L;
    private static final long REQUEST_TTL_SECONDS = 7 * 24 * 3600L;
    private static final String NEW_ID = "__ID__";

    /**
     * KEYS: time index zset, ends hash, version, id sequence, request key, the room's outbox. ARGV: kind
     * (create|update|cancel), expected version ('' = any), meeting id, start ms, end ms, json, meeting key prefix,
     * request ttl s, id prefix, the id to record for the request ('' = the meeting's), the meeting before as JSON (''
     * = the stored one, none for a create), '1' to write the change to the outbox. Returns {'repeat'|'ok', id} or
     * {'stale', version}.
     */
    private static final LuaScript APPLY = new LuaScript("""
            local done = redis.call('GET', KEYS[5])
            if done then return {'repeat', done} end
            local version = tonumber(redis.call('GET', KEYS[3]) or '0')
            if ARGV[2] ~= '' and version ~= tonumber(ARGV[2]) then return {'stale', tostring(version)} end
            local id = ARGV[3]
            local body = ARGV[6]
            if ARGV[1] == 'create' then
              id = ARGV[9] .. redis.call('INCR', KEYS[4])
              body = (string.gsub(body, '"%s"', '"' .. id .. '"', 1))
            end
            local before = ARGV[11]
            if before == '' and ARGV[1] ~= 'create' then before = redis.call('GET', ARGV[7] .. id) or '' end
            if ARGV[1] == 'cancel' then
              redis.call('ZREM', KEYS[1], id)
              redis.call('HDEL', KEYS[2], id)
            else
              redis.call('ZADD', KEYS[1], ARGV[4], id)
              redis.call('HSET', KEYS[2], id, ARGV[5])
            end
            redis.call('SET', ARGV[7] .. id, body)
            redis.call('INCR', KEYS[3])
            local recorded = ARGV[10] ~= '' and ARGV[10] or id
            redis.call('SET', KEYS[5], recorded, 'EX', ARGV[8])
            if ARGV[12] == '1' then
              if before == '' then before = 'null' end
              redis.call('XADD', KEYS[6], '*', 'e',
                '{"kind":"meeting","at":0,"before":' .. before .. ',"after":' .. body .. '}')
            end
            return {'ok', id}
            """.formatted(NEW_ID));

    private final UnifiedJedis redis;
    private final Json json;
    private final OutboxStream outbox;

    public RedisMeetingBook(UnifiedJedis redis, ObjectMapper mapper) {
        this.redis = redis;
        this.json = new Json(mapper);
        this.outbox = new OutboxStream(redis, json);
    }

    @Override
    public long version(String roomId) {
        String v = redis.get(RedisKeys.roomVersion(roomId));
        return v == null ? 0 : Long.parseLong(v);
    }

    @Override
    public Applied apply(String requestKey, Change change, long expectedVersion) {
        String expected = Long.toString(expectedVersion);
        return switch (change) {
            case Change.Create c -> run(requestKey, "create", copy(c.meeting(), NEW_ID, false), expected, "", "", true);
            case Change.Update u -> run(requestKey, "update", u.meeting(), expected, "", "", true);
            case Change.Cancel c ->
                run(requestKey, "cancel", copy(c.meeting(), c.meeting().id(), true), expected, "", "", true);
            case Change.Move m -> move(requestKey, m, expected);
        };
    }

    /** Creates the meeting in the new room, then cancels the old one, recording the request in both rooms. */
    private Applied move(String requestKey, Change.Move move, String expected) {
        Applied created = run(
                requestKey, "create", copy(move.after(), NEW_ID, false), expected, "", json.write(move.before()), true);
        if (created instanceof Applied.Done d) {
            run(
                    requestKey,
                    "cancel",
                    copy(move.before(), move.before().id(), true),
                    "",
                    d.meeting().id(),
                    "",
                    false);
        }
        return created;
    }

    private Applied run(
            String requestKey,
            String kind,
            Meeting meeting,
            String expected,
            String recordAs,
            String before,
            boolean announce) {
        String room = meeting.roomId();
        Object result = APPLY.run(
                redis,
                List.of(
                        RedisKeys.roomMeetings(room),
                        RedisKeys.roomMeetingEnds(room),
                        RedisKeys.roomVersion(room),
                        RedisKeys.roomMeetingSequence(room),
                        RedisKeys.roomRequest(room, requestKey),
                        RedisKeys.roomOutbox(room)),
                List.of(
                        kind,
                        expected,
                        meeting.id(),
                        Long.toString(meeting.start().toInstant().toEpochMilli()),
                        Long.toString(meeting.end().toInstant().toEpochMilli()),
                        json.write(meeting),
                        RedisKeys.meetingPrefix(room),
                        Long.toString(REQUEST_TTL_SECONDS),
                        room + ".",
                        recordAs,
                        before,
                        announce ? "1" : "0"));
        List<?> reply = (List<?>) result;
        String status = String.valueOf(reply.get(0));
        String id = String.valueOf(reply.get(1));
        return switch (status) {
            case "stale" -> new Applied.Stale();
            case "repeat" -> new Applied.Done(get(id).orElseThrow(), true);
            default -> new Applied.Done(get(id).orElseThrow(), false);
        };
    }

    @Override
    public List<Entry> pending(String roomId, int max) {
        return outbox.pending(RedisKeys.roomOutbox(roomId), max);
    }

    @Override
    public void delivered(String roomId, List<Entry> entries) {
        outbox.delivered(RedisKeys.roomOutbox(roomId), entries);
    }

    @Override
    public Optional<Meeting> applied(String roomId, String requestKey) {
        return Optional.ofNullable(redis.get(RedisKeys.roomRequest(roomId, requestKey)))
                .flatMap(this::get);
    }

    @Override
    public Optional<Meeting> get(String id) {
        return MeetingBook.roomOf(id)
                .map(room -> redis.get(RedisKeys.meeting(room, id)))
                .map(v -> json.read(v, Meeting.class));
    }

    @Override
    public void answer(String meetingId, String memberId, boolean attends, String note) {
        String room = MeetingBook.roomOf(meetingId).orElseThrow();
        redis.hset(
                RedisKeys.meetingAttendance(room, meetingId),
                memberId,
                attends ? "attend" : note.isBlank() ? "leave" : "leave: " + note);
    }

    @Override
    public Map<String, String> attendance(String meetingId) {
        return MeetingBook.roomOf(meetingId)
                .map(room -> redis.hgetAll(RedisKeys.meetingAttendance(room, meetingId)))
                .orElse(Map.of());
    }

    @Override
    public List<Meeting> schedule(String roomId, Instant from, Instant to) {
        List<Meeting> meetings = new ArrayList<>();
        for (String id :
                redis.zrangeByScore(RedisKeys.roomMeetings(roomId), from.toEpochMilli() - DAY_MS, to.toEpochMilli())) {
            get(id).filter(m -> m.end().toInstant().isAfter(from)
                            && m.start().toInstant().isBefore(to))
                    .ifPresent(meetings::add);
        }
        return meetings;
    }

    private static Meeting copy(Meeting m, String id, boolean cancelled) {
        return new Meeting(id, m.roomId(), m.title(), m.start(), m.end(), m.issues(), m.invitees(), cancelled);
    }
}
