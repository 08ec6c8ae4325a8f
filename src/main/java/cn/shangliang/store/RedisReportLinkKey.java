package cn.shangliang.store;

import java.security.SecureRandom;
import java.util.HexFormat;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The key that signs report links, kept in Redis so that every process signs and checks with the same one: the first
 * process to need it writes 32 random bytes ({@code SET NX}), every one then reads what won. Deleting the key
 * invalidates every link handed out.
 */
public final class RedisReportLinkKey {

    private RedisReportLinkKey() {}

    public static byte[] load(UnifiedJedis redis, SecureRandom random) {
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        redis.set(
                RedisKeys.reportLinkKey(),
                HexFormat.of().formatHex(fresh),
                SetParams.setParams().nx());
        return HexFormat.of().parseHex(redis.get(RedisKeys.reportLinkKey()));
    }
}
