package cn.shangliang.report;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.consultation.IsoWeek;
import cn.shangliang.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportLinksTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T09:00:00Z"), ZoneId.of("UTC"));
    private final ReportLinks links = new ReportLinks(KEY, "https://sl.example.cn/", Duration.ofHours(72), clock);

    @Test
    void link_freshLink_isValidForItsWeekFormatAndLanguage() {
        Map<String, String> q = query(links.link(IsoWeek.parse("2026-W49"), "xlsx", "zh"));

        assertThat(valid(links, q)).isTrue();
        assertThat(links.link(IsoWeek.parse("2026-W49"), "xlsx", "zh"))
                .startsWith("https://sl.example.cn/api/reports/weekly?week=2026-W49&format=xlsx&lang=zh&expires=");
    }

    @Test
    void valid_afterItsHours_isFalse() {
        Map<String, String> q = query(links.link(IsoWeek.parse("2026-W49"), "csv", "en"));

        clock.advance(Duration.ofHours(72));

        assertThat(valid(links, q)).isFalse();
    }

    @Test
    void valid_changedWeekFormatExpiryOrKey_isFalse() {
        Map<String, String> q = query(links.link(IsoWeek.parse("2026-W49"), "csv", "zh"));

        assertThat(valid(links, with(q, "week", "2026-W48"))).isFalse();
        assertThat(valid(links, with(q, "format", "xlsx"))).isFalse();
        assertThat(valid(links, with(q, "lang", "en"))).isFalse();
        assertThat(valid(links, with(q, "expires", Long.toString(Long.parseLong(q.get("expires")) + 3600))))
                .isFalse();
        assertThat(valid(links, with(q, "sig", "00"))).isFalse();
        assertThat(valid(links, with(q, "expires", "soon"))).isFalse();
        ReportLinks otherKey =
                new ReportLinks("fedcba9876543210fedcba9876543210".getBytes(), "https://x", Duration.ofHours(1), clock);
        assertThat(valid(otherKey, q)).isFalse();
        assertThat(links.valid(null, "csv", "zh", q.get("expires"), q.get("sig")))
                .isFalse();
    }

    private static boolean valid(ReportLinks links, Map<String, String> q) {
        return links.valid(q.get("week"), q.get("format"), q.get("lang"), q.get("expires"), q.get("sig"));
    }

    private static Map<String, String> with(Map<String, String> q, String key, String value) {
        Map<String, String> copy = new HashMap<>(q);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, String> query(String link) {
        Map<String, String> q = new HashMap<>();
        for (String pair : URI.create(link).getQuery().split("&")) {
            q.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return q;
    }
}
