package cn.shangliang.jobs;

import cn.shangliang.channel.Outbound;
import cn.shangliang.channel.OutboundQueue;
import cn.shangliang.consultation.People;
import cn.shangliang.consultation.Person;
import cn.shangliang.consultation.Reporter;
import java.time.Instant;

/** One text to every chat account of a person (listed and bound), idempotent per account by its id. */
final class PersonNotice {

    private PersonNotice() {}

    /** Queues the text once per account; {@code idPrefix} names the notice (e.g. {@code weekly:2026-W48}). */
    static int send(OutboundQueue outbound, People people, Person person, String idPrefix, String text, Instant at) {
        int sent = 0;
        for (Reporter r : people.reportersOf(person)) {
            outbound.enqueue(Outbound.notification(
                    idPrefix + ":" + r.channel() + ":" + r.userId(), r.channel(), r.userId(), text, at));
            sent++;
        }
        return sent;
    }
}
