package cn.shangliang.store;

import cn.shangliang.consultation.Reminders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/** Reminders in one sorted set scored by due time; taking them is one Lua script (ZRANGEBYSCORE + ZREM). */
public final class RedisReminders implements Reminders {

    private static final LuaScript PLAN = new LuaScript("""
            for _, old in ipairs(redis.call('SMEMBERS', KEYS[2])) do redis.call('ZREM', KEYS[1], old) end
            redis.call('DEL', KEYS[2])
            for i = 1, #ARGV, 2 do
              redis.call('ZADD', KEYS[1], ARGV[i], ARGV[i + 1])
              redis.call('SADD', KEYS[2], ARGV[i + 1])
            end
            return 1
            """);

    private static final LuaScript TAKE = new LuaScript("""
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
            for _, member in ipairs(due) do redis.call('ZREM', KEYS[1], member) end
            return due
            """);

    private final UnifiedJedis redis;

    public RedisReminders(UnifiedJedis redis) {
        this.redis = redis;
    }

    @Override
    public void plan(String meetingId, Instant start, List<Integer> minutesBefore, Instant now) {
        List<String> args = new ArrayList<>();
        for (int minutes : minutesBefore) {
            Instant due = start.minusSeconds(minutes * 60L);
            if (due.isAfter(now)) {
                args.add(Long.toString(due.toEpochMilli()));
                args.add(meetingId + "|" + minutes);
            }
        }
        PLAN.run(redis, List.of(RedisKeys.remindersDue(), RedisKeys.remindersOf(meetingId)), args);
    }

    @Override
    public void forget(String meetingId) {
        PLAN.run(redis, List.of(RedisKeys.remindersDue(), RedisKeys.remindersOf(meetingId)), List.of());
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Due> takeDue(Instant now, int max) {
        Object taken = TAKE.run(
                redis,
                List.of(RedisKeys.remindersDue()),
                List.of(Long.toString(now.toEpochMilli()), Integer.toString(max)));
        List<Due> due = new ArrayList<>();
        for (Object member : (List<Object>) taken) {
            String m = String.valueOf(member);
            int bar = m.lastIndexOf('|');
            due.add(new Due(m.substring(0, bar), Integer.parseInt(m.substring(bar + 1))));
        }
        return due;
    }
}
