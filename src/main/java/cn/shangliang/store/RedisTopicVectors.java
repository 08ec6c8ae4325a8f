package cn.shangliang.store;

import cn.shangliang.matching.TopicVectors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Topic vectors in one Redis hash under {@code {topics}} (float32 little-endian, 2 KiB each), with the most recently
 * used kept in this process as well: a vector is computed once per topic text, whichever process needs it first.
 */
public final class RedisTopicVectors implements TopicVectors {

    private final UnifiedJedis redis;
    private final TopicVectors local;
    private final byte[] hash = RedisKeys.topicVectors().getBytes(StandardCharsets.UTF_8);

    /** @param keepLocally how many vectors this process keeps in memory */
    public RedisTopicVectors(UnifiedJedis redis, int keepLocally) {
        this.redis = redis;
        this.local = TopicVectors.inMemory(keepLocally);
    }

    @Override
    public Optional<float[]> get(String key) {
        Optional<float[]> here = local.get(key);
        if (here.isPresent()) {
            return here;
        }
        byte[] bytes = redis.hget(hash, key.getBytes(StandardCharsets.UTF_8));
        if (bytes == null || bytes.length % Float.BYTES != 0) {
            return Optional.empty();
        }
        float[] v = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        local.put(key, v);
        return Optional.of(v);
    }

    @Override
    public void put(String key, float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        redis.hset(hash, key.getBytes(StandardCharsets.UTF_8), bytes.array());
        local.put(key, vector);
    }
}
