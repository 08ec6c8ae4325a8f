package cn.shangliang.store;

import cn.shangliang.channel.webchat.WebChatClaims;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/** Web-chat uid claims as keys that expire, and the key that signs the session tokens. */
public final class RedisWebChatClaims implements WebChatClaims {

    private final UnifiedJedis redis;

    public RedisWebChatClaims(UnifiedJedis redis) {
        this.redis = redis;
    }

    @Override
    public boolean claim(String uid, Duration keep) {
        return "OK"
                .equals(redis.set(
                        RedisKeys.webChatClaim(uid),
                        "1",
                        SetParams.setParams().nx().ex(keep.toSeconds())));
    }

    @Override
    public void refresh(String uid, Duration keep) {
        redis.set(RedisKeys.webChatClaim(uid), "1", SetParams.setParams().ex(keep.toSeconds()));
    }

    /**
     * The key that signs session tokens, shared by every process: the first to need it writes 32 random bytes
     * ({@code SET NX}), every one then reads what won. Deleting it invalidates every token handed out (visitors then
     * start again under a new uid).
     */
    public static byte[] signingKey(UnifiedJedis redis, SecureRandom random) {
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        redis.set(
                RedisKeys.webChatTokenKey(),
                HexFormat.of().formatHex(fresh),
                SetParams.setParams().nx());
        return HexFormat.of().parseHex(redis.get(RedisKeys.webChatTokenKey()));
    }
}
