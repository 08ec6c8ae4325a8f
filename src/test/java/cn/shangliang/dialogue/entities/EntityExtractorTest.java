package cn.shangliang.dialogue.entities;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Regions;
import cn.shangliang.consultation.Town;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntityExtractorTest {

    private final EntityExtractor extractor = new EntityExtractor(
            new Regions(List.of(new Town("青阳镇", "QY", List.of("里庄村", "青阳社区")), new Town("璜土镇", "HT", List.of("石庄村")))),
            Clock.fixed(Instant.parse("2026-11-26T02:00:00Z"), ZoneId.of("Asia/Shanghai")));

    @Test
    void trackingNumber_anyCase() {
        assertThat(extractor.extract("查询 qy-20261126-0042 谢谢").trackingNo()).contains("QY-20261126-0042");
        assertThat(extractor.extract("查询QY-20261126-0042").trackingNo()).contains("QY-20261126-0042");
        assertThat(extractor.extract("QY-2026112-0042").trackingNo()).isEmpty();
    }

    @Test
    void bindingCode_sixDigitsNotPartOfATrackingNumber() {
        assertThat(extractor.extract("绑定码628401").bindingCode()).contains("628401");
        assertThat(extractor.extract("绑定 628401").bindingCode()).contains("628401");
        assertThat(extractor.extract("查询 QY-20261126-0042").bindingCode()).isEmpty();
        assertThat(extractor.extract("电话13812345678").bindingCode()).isEmpty();
    }

    @Test
    void places_villageBeatsTown_shortTownNames() {
        assertThat(extractor.extract("我是青阳镇里庄村的").place()).contains(new Place("青阳镇", "里庄村"));
        assertThat(extractor.extract("璜土这边的公交太少").place()).contains(Place.town("璜土镇"));
        assertThat(extractor.extract("石庄村的桥").place()).contains(new Place("璜土镇", "石庄村"));
        assertThat(extractor.extract("路灯坏了").place()).isEmpty();
    }

    @Test
    void dates_relativeToTheClock() {
        DateSpan span = extractor.extract("青阳镇议事室下周三下午有会吗").date().orElseThrow();
        assertThat(span.from()).isEqualTo(LocalDate.of(2026, 12, 2));
        assertThat(span.part()).contains(DayPart.AFTERNOON);
        assertThat(extractor.extract("查询 QY-20261126-0042").date()).isEmpty();
    }
}
