package cn.shangliang.matching;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sentence vectors of topics, computed once per topic text and kept (the store keeps them in Redis, so that a
 * restart or another process need not compute them again). Keys name the topic and a hash of its text.
 */
public interface TopicVectors {

    Optional<float[]> get(String key);

    void put(String key, float[] vector);

    /** Vectors in this process only, at most {@code max} (least recently used go first). */
    static TopicVectors inMemory(int max) {
        Map<String, float[]> map = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > max;
            }
        };
        return new TopicVectors() {
            @Override
            public synchronized Optional<float[]> get(String key) {
                return Optional.ofNullable(map.get(key));
            }

            @Override
            public synchronized void put(String key, float[] vector) {
                map.put(key, vector);
            }
        };
    }
}
