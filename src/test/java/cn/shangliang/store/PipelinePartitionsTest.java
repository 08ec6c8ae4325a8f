package cn.shangliang.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

class PipelinePartitionsTest {

    @Test
    void tags_lieEachInItsShareOfTheSlots_soEqualSlotRangesGetEqualPartitions() {
        PipelinePartitions p = new PipelinePartitions(16);

        for (int i = 0; i < 16; i++) {
            int slot = JedisClusterCRC16.getSlot(p.tag(i) + ":in");
            assertThat(slot).as("partition %d", i).isBetween(i * 1024, i * 1024 + 1023);
        }
        Map<Integer, Integer> perThirdOfTheSlots = new HashMap<>();
        for (String tag : p.tags()) {
            perThirdOfTheSlots.merge(JedisClusterCRC16.getSlot(tag) * 3 / 16384, 1, Integer::sum);
        }
        assertThat(perThirdOfTheSlots.values()).allSatisfy(n -> assertThat(n).isBetween(5, 6));
    }

    @Test
    void of_isStableAndOnePersonsKeysShareASlot() {
        PipelinePartitions p = new PipelinePartitions(16);
        String tag = p.tagOf("generic", "u-42");

        assertThat(new PipelinePartitions(16).tagOf("generic", "u-42")).isEqualTo(tag);
        assertThat(JedisClusterCRC16.getSlot(RedisKeys.inbound(tag)))
                .isEqualTo(JedisClusterCRC16.getSlot(RedisKeys.sessionProfile(tag, "generic", "u-42")))
                .isEqualTo(JedisClusterCRC16.getSlot(RedisKeys.seen(tag, "generic", "m1")))
                .isEqualTo(JedisClusterCRC16.getSlot(RedisKeys.outboundHeld(tag, "generic", "u-42")));
    }

    @Test
    void of_spreadsSendersOverEveryPartition() {
        PipelinePartitions p = new PipelinePartitions(16);
        int[] counts = new int[16];
        for (int i = 0; i < 1600; i++) {
            counts[p.of("generic", "user-" + i)]++;
        }
        for (int n : counts) {
            assertThat(n).isBetween(60, 140);
        }
    }

    @Test
    void count_outOfRange_isRefusedWithTheValue() {
        assertThatThrownBy(() -> new PipelinePartitions(0)).hasMessageContaining("was 0");
    }
}
