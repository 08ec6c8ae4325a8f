package cn.shangliang.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.consultation.OpeningHours;
import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Room;
import cn.shangliang.dialogue.entities.DateSpan;
import cn.shangliang.dialogue.entities.DayPart;
import cn.shangliang.testing.InMemoryMeetingBook;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Schedule answers treat closed hours as closed. */
class RoomSchedulesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T01:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final LocalDate WEDNESDAY = LocalDate.of(2026, 12, 2);
    private static final LocalDate SATURDAY = LocalDate.of(2026, 12, 5);

    private static final Room WEEKDAYS = new Room(
            "qy-town",
            "青阳镇议事室",
            "青阳镇",
            "",
            "",
            40,
            new OpeningHours(
                    "周一至周五 8:30-17:00",
                    List.of(new OpeningHours.Range(
                            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                            LocalTime.of(8, 30),
                            LocalTime.of(17, 0)))));

    private final Responses responses = Responses.load(Path.of("intents/responses.yml"), new Random(1));
    private final RoomSchedules schedules =
            new RoomSchedules(List.of(WEEKDAYS), new InMemoryMeetingBook(), responses, CLOCK);

    private String ask(LocalDate day, Optional<DayPart> part, String language) {
        return schedules.answer(
                Optional.of(Place.town("青阳镇")), Optional.of(new DateSpan(day, day, part, Optional.empty())), language);
    }

    @Test
    void answer_saturdayInARoomClosedOnSaturday_saysClosed() {
        assertThat(ask(SATURDAY, Optional.empty(), "zh"))
                .contains("不开放")
                .contains("周一至周五 8:30-17:00")
                .doesNotContain("空着");
        assertThat(ask(SATURDAY, Optional.empty(), "en")).contains("closed");
    }

    @Test
    void answer_weekdayEvening_saysClosed_weekdayMorning_saysFreeWithHours() {
        assertThat(ask(WEDNESDAY, Optional.of(DayPart.EVENING), "zh")).contains("不开放");
        assertThat(ask(WEDNESDAY, Optional.of(DayPart.MORNING), "zh"))
                .contains("空着")
                .contains("周一至周五 8:30-17:00");
    }

    @Test
    void answer_roomWithoutHours_isFree() {
        RoomSchedules always = new RoomSchedules(
                List.of(new Room("qy-town", "青阳镇议事室", "青阳镇", "", "", 40, "")),
                new InMemoryMeetingBook(),
                responses,
                CLOCK);
        assertThat(always.answer(
                        Optional.of(Place.town("青阳镇")),
                        Optional.of(new DateSpan(SATURDAY, SATURDAY, Optional.empty(), Optional.empty())),
                        "zh"))
                .contains("空着");
    }
}
