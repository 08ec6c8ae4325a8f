package cn.shangliang.store;

import cn.shangliang.consultation.AccountBindings;
import cn.shangliang.consultation.Reporter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Binding codes and bound accounts in Redis, all under the hash tag {@code {bind}}: a code is a key with a TTL, spent
 * by one script that also counts the account's wrong tries; bound accounts are one hash (account → person id).
 */
public final class RedisAccountBindings implements AccountBindings {

    /** Wrong codes one account may send per hour. */
    static final int MAX_TRIES_PER_HOUR = 5;

    /**
     * Wrong codes all accounts together may send per hour: web chat ids cost nothing, so guessing from many accounts
     * is stopped here (binding pauses for everyone until the hour is over, which the log shows).
     */
    static final int MAX_TRIES_PER_HOUR_ALL = 100;

    /** KEYS: code, the account's wrong tries, bound accounts, all wrong tries. ARGV: account, max, max for all. */
    private static final LuaScript REDEEM = new LuaScript("""
            local mine = tonumber(redis.call('GET', KEYS[2]) or '0')
            local all = tonumber(redis.call('GET', KEYS[4]) or '0')
            if mine >= tonumber(ARGV[2]) or all >= tonumber(ARGV[3]) then return {'busy'} end
            local person = redis.call('GET', KEYS[1])
            if not person then
              if redis.call('INCR', KEYS[2]) == 1 then redis.call('EXPIRE', KEYS[2], 3600) end
              if redis.call('INCR', KEYS[4]) == 1 then redis.call('EXPIRE', KEYS[4], 3600) end
              return {'unknown'}
            end
            redis.call('DEL', KEYS[1])
            redis.call('DEL', KEYS[2])
            redis.call('HSET', KEYS[3], ARGV[1], person)
            return {'bound', person}
            """);

    private final UnifiedJedis redis;
    private final SecureRandom random = new SecureRandom();

    public RedisAccountBindings(UnifiedJedis redis) {
        this.redis = redis;
    }

    private static String account(Reporter r) {
        return r.channel() + ":" + r.userId();
    }

    @Override
    public String issue(String personId, Duration validFor) {
        for (int attempt = 0; attempt < 20; attempt++) {
            String code = String.format("%06d", random.nextInt(1_000_000));
            String ok = redis.set(
                    RedisKeys.bindingCode(code),
                    personId,
                    SetParams.setParams().nx().ex(Math.max(1, validFor.toSeconds())));
            if ("OK".equals(ok)) {
                return code;
            }
        }
        throw new IllegalStateException("no free binding code after 20 tries");
    }

    @Override
    public Redeemed redeem(String code, Reporter account) {
        if (!code.matches("\\d{6}")) {
            return new Redeemed.Unknown();
        }
        Object result = REDEEM.run(
                redis,
                List.of(
                        RedisKeys.bindingCode(code),
                        RedisKeys.bindingTries(account(account)),
                        RedisKeys.boundAccounts(),
                        RedisKeys.bindingTriesAll()),
                List.of(
                        account(account),
                        Integer.toString(MAX_TRIES_PER_HOUR),
                        Integer.toString(MAX_TRIES_PER_HOUR_ALL)));
        List<?> reply = (List<?>) result;
        return switch (String.valueOf(reply.get(0))) {
            case "bound" -> new Redeemed.Bound(String.valueOf(reply.get(1)));
            case "busy" -> {
                org.slf4j.LoggerFactory.getLogger(RedisAccountBindings.class)
                        .warn("binding code from {} refused: too many wrong codes this hour", account(account));
                yield new Redeemed.TooManyTries();
            }
            default -> new Redeemed.Unknown();
        };
    }

    @Override
    public Optional<String> personOf(Reporter account) {
        return Optional.ofNullable(redis.hget(RedisKeys.boundAccounts(), account(account)));
    }

    @Override
    public List<Reporter> accountsOf(String personId) {
        List<Reporter> out = new ArrayList<>();
        for (Map.Entry<String, String> e :
                redis.hgetAll(RedisKeys.boundAccounts()).entrySet()) {
            int colon = e.getKey().indexOf(':');
            if (e.getValue().equals(personId) && colon > 0) {
                out.add(new Reporter(e.getKey().substring(0, colon), e.getKey().substring(colon + 1)));
            }
        }
        out.sort(java.util.Comparator.comparing(Reporter::channel).thenComparing(Reporter::userId));
        return out;
    }
}
