package cn.shangliang.store;

import cn.shangliang.consultation.Meeting;
import cn.shangliang.consultation.MeetingBook;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Meetings in the slot of their room ({@code {room:<id>}}): the clash check and the write are one script, so two
 * staff booking the same hour cannot both succeed. Meeting ids are {@code <room id>.<n>}.
 */
public final class RedisMeetingBook implements MeetingBook {

    private static final long DAY_MS = 24 * 3600 * 1000L;

    /** KEYS: meetings zset, ends hash, meeting key. ARGV: id, start ms, end ms, json. Returns the clashing id or 'ok'. */
    private static final LuaScript BOOK = new LuaScript("""
            local start = tonumber(ARGV[2])
            local finish = tonumber(ARGV[3])
            local near = redis.call('ZRANGEBYSCORE', KEYS[1], start - %d, '(' .. finish)
            for _, other in ipairs(near) do
              if other ~= ARGV[1] and tonumber(redis.call('HGET', KEYS[2], other)) > start then return other end
            end
            redis.call('ZADD', KEYS[1], start, ARGV[1])
            redis.call('HSET', KEYS[2], ARGV[1], finish)
            redis.call('SET', KEYS[3], ARGV[4])
            return 'ok'
            """.formatted(DAY_MS));

    private static final LuaScript CANCEL = new LuaScript("""
            if redis.call('EXISTS', KEYS[3]) == 0 then return 0 end
            redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('HDEL', KEYS[2], ARGV[1])
            redis.call('SET', KEYS[3], ARGV[2])
            return 1
            """);

    private final UnifiedJedis redis;
    private final Json json;

    public RedisMeetingBook(UnifiedJedis redis, ObjectMapper mapper) {
        this.redis = redis;
        this.json = new Json(mapper);
    }

    @Override
    public Booking create(Meeting meeting) {
        long n = redis.incr(RedisKeys.roomMeetingSequence(meeting.roomId()));
        Meeting withId = copy(meeting, meeting.roomId() + "." + n, false);
        return book(withId);
    }

    @Override
    public Booking update(Meeting meeting) {
        Optional<Meeting> old = get(meeting.id());
        if (old.isPresent() && !old.get().roomId().equals(meeting.roomId())) {
            // moving rooms: book in the new room under a new id, then free the old slot
            Booking booked = create(meeting);
            if (booked instanceof Booking.Booked) {
                cancel(meeting.id());
            }
            return booked;
        }
        return book(meeting);
    }

    private Booking book(Meeting meeting) {
        Object result = BOOK.run(
                redis,
                List.of(
                        RedisKeys.roomMeetings(meeting.roomId()),
                        RedisKeys.roomMeetingEnds(meeting.roomId()),
                        RedisKeys.meeting(meeting.roomId(), meeting.id())),
                List.of(
                        meeting.id(),
                        Long.toString(meeting.start().toInstant().toEpochMilli()),
                        Long.toString(meeting.end().toInstant().toEpochMilli()),
                        json.write(meeting)));
        if ("ok".equals(result)) {
            return new Booking.Booked(meeting);
        }
        return new Booking.Clash(get(String.valueOf(result)).orElseThrow());
    }

    @Override
    public Optional<Meeting> get(String id) {
        int dot = id.lastIndexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        String value = redis.get(RedisKeys.meeting(id.substring(0, dot), id));
        return Optional.ofNullable(value).map(v -> json.read(v, Meeting.class));
    }

    @Override
    public Optional<Meeting> cancel(String id) {
        Optional<Meeting> meeting = get(id);
        if (meeting.isEmpty()) {
            return Optional.empty();
        }
        Meeting cancelled = copy(meeting.get(), id, true);
        String room = cancelled.roomId();
        CANCEL.run(
                redis,
                List.of(RedisKeys.roomMeetings(room), RedisKeys.roomMeetingEnds(room), RedisKeys.meeting(room, id)),
                List.of(id, json.write(cancelled)));
        return Optional.of(cancelled);
    }

    @Override
    public void answer(String meetingId, String memberId, boolean attends, String note) {
        int dot = meetingId.lastIndexOf('.');
        redis.hset(
                RedisKeys.meetingAttendance(meetingId.substring(0, dot), meetingId),
                memberId,
                attends ? "attend" : note.isBlank() ? "leave" : "leave: " + note);
    }

    @Override
    public java.util.Map<String, String> attendance(String meetingId) {
        int dot = meetingId.lastIndexOf('.');
        return dot < 1
                ? java.util.Map.of()
                : redis.hgetAll(RedisKeys.meetingAttendance(meetingId.substring(0, dot), meetingId));
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
