package cn.shangliang.channel.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.channel.PipelineMetrics;
import cn.shangliang.channel.RateLimiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which allowance refuses, in order, and the metric it leaves; the counting itself is Redis's (RedisRateLimiterIT). */
class WebChatGateTest {

    /** Counts per key within one fixed window, as the Redis log would within a minute. */
    private final Map<String, Integer> counts = new HashMap<>();

    private final RateLimiter limiter = requests -> {
        List<Optional<Duration>> waits = new ArrayList<>();
        for (RateLimiter.Request r : requests) {
            String key = r.channel() + ":" + r.userId();
            int n = counts.getOrDefault(key, 0);
            if (n < r.max()) {
                counts.put(key, n + 1);
                waits.add(Optional.empty());
            } else {
                waits.add(Optional.of(Duration.ofSeconds(20)));
            }
        }
        return waits;
    };
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final WebChatLimits limits =
            new WebChatLimits(3, 5, 2, 8, 3, 60, Duration.ofMinutes(1), Duration.ofDays(1), "");
    private final WebChatGate gate = new WebChatGate(limiter, limits, new PipelineMetrics(registry));

    @Test
    void message_overTheUidsAllowance_isRefusedForTheUid_withTheWait() {
        for (int i = 0; i < 3; i++) {
            assertThat(gate.message("u1", "10.0.0.1")).isInstanceOf(WebChatGate.Verdict.Admitted.class);
        }
        assertThat(gate.message("u1", "10.0.0.1"))
                .isEqualTo(new WebChatGate.Verdict.Refused(WebChatGate.Limit.UID, Duration.ofSeconds(20)));
        assertThat(registry.counter("shangliang.webchat.refused", "kind", "message", "limit", "uid")
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void message_manyUidsBehindOneAddress_hitTheAddressLimit_thenEveryonesCeiling() {
        for (int i = 0; i < 5; i++) {
            assertThat(gate.message("u" + i, "10.0.0.1")).isInstanceOf(WebChatGate.Verdict.Admitted.class);
        }
        assertThat(gate.message("u9", "10.0.0.1"))
                .extracting(v -> ((WebChatGate.Verdict.Refused) v).limit())
                .isEqualTo(WebChatGate.Limit.ADDRESS);
        for (int i = 0; i < 3; i++) { // 5 + 3 = everyone's 8; the refused one did not count
            gate.message("v" + i, "10.0.0." + (10 + i));
        }
        assertThat(gate.message("w", "10.0.0.99"))
                .extracting(v -> ((WebChatGate.Verdict.Refused) v).limit())
                .isEqualTo(WebChatGate.Limit.TOTAL);
    }

    @Test
    void aFlooderRefusedForItsAddress_usesUpNothingOfEveryonesAllowance() {
        for (int i = 0; i < 50; i++) {
            gate.connection("10.6.6.6");
        }
        assertThat(gate.connection("10.0.0.1")).isInstanceOf(WebChatGate.Verdict.Admitted.class);
    }

    @Test
    void connection_perAddress_thenTotal() {
        assertThat(gate.connection("10.0.0.1")).isInstanceOf(WebChatGate.Verdict.Admitted.class);
        assertThat(gate.connection("10.0.0.1")).isInstanceOf(WebChatGate.Verdict.Admitted.class);
        assertThat(gate.connection("10.0.0.1"))
                .extracting(v -> ((WebChatGate.Verdict.Refused) v).limit())
                .isEqualTo(WebChatGate.Limit.ADDRESS);
        assertThat(gate.connection("10.0.0.2")).isInstanceOf(WebChatGate.Verdict.Admitted.class);
        assertThat(gate.connection("10.0.0.3"))
                .extracting(v -> ((WebChatGate.Verdict.Refused) v).limit())
                .isEqualTo(WebChatGate.Limit.TOTAL);
    }
}
