package cn.shangliang.store;

import cn.shangliang.consultation.Effect;
import cn.shangliang.consultation.Meeting;
import cn.shangliang.consultation.Notice;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.consultation.Topic;
import java.time.Instant;

/** An effect as an outbox stream keeps it: one JSON shape for all kinds, so that no type information is needed. */
record StoredEffect(
        String kind,
        Notice notice,
        Topic topic,
        Reporter reporter,
        String trackingNo,
        long at,
        Meeting before,
        Meeting after) {

    static StoredEffect of(Effect effect) {
        return switch (effect) {
            case Effect.Notify n -> new StoredEffect("notify", n.notice(), null, null, null, 0, null, null);
            case Effect.Publish p -> new StoredEffect("publish", null, p.topic(), null, null, 0, null, null);
            case Effect.Remember r ->
                new StoredEffect(
                        "remember", null, null, r.reporter(), r.trackingNo(), r.at().toEpochMilli(), null, null);
            case Effect.MeetingChanged m ->
                new StoredEffect("meeting", null, null, null, null, 0, m.before(), m.after());
        };
    }

    Effect effect() {
        return switch (kind) {
            case "notify" -> new Effect.Notify(notice);
            case "publish" -> new Effect.Publish(topic);
            case "remember" -> new Effect.Remember(reporter, trackingNo, Instant.ofEpochMilli(at));
            case "meeting" -> new Effect.MeetingChanged(before, after);
            default -> throw new IllegalStateException("unknown outbox entry kind " + kind);
        };
    }
}
