package cn.shangliang.web;

import cn.shangliang.consultation.Meeting;
import cn.shangliang.consultation.Room;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** A room's meetings as an iCalendar feed (RFC 5545): CRLF line ends, escaped text, lines folded at 75 octets. */
final class ICalendar {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private ICalendar() {}

    static String of(Room room, List<Meeting> meetings, Instant now) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//Shangliang//Consultation rooms//ZH");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        line(out, "X-WR-CALNAME:" + text(room.name()));
        for (Meeting m : meetings) {
            line(out, "BEGIN:VEVENT");
            line(out, "UID:" + m.id() + "@shangliang");
            line(out, "DTSTAMP:" + UTC.format(now));
            line(out, "DTSTART:" + UTC.format(m.start().toInstant()));
            line(out, "DTEND:" + UTC.format(m.end().toInstant()));
            line(out, "SUMMARY:" + text(m.title()));
            line(out, "LOCATION:" + text(room.address().isEmpty() ? room.name() : room.name() + ", " + room.address()));
            if (!m.issues().isEmpty()) {
                line(out, "DESCRIPTION:" + text(String.join(", ", m.issues())));
            }
            line(out, "STATUS:" + (m.cancelled() ? "CANCELLED" : "CONFIRMED"));
            line(out, "END:VEVENT");
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    /** TEXT value escaping of RFC 5545 §3.3.11. */
    static String text(String value) {
        return value.replace("\\", "\\\\")
                .replace(";", "\\;")
                .replace(",", "\\,")
                .replace("\r\n", "\\n")
                .replace("\n", "\\n");
    }

    /** Appends one content line, folded so that no line exceeds 75 octets and no character is split. */
    private static void line(StringBuilder out, String content) {
        int octets = 0;
        int i = 0;
        while (i < content.length()) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > 75) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }
}
