package cn.shangliang.consultation;

import java.time.Instant;

/**
 * A side effect of a change that must not be lost: written in the same atomic step as the change (the outbox) and
 * delivered afterwards, at least once; each is harmless to repeat.
 */
public sealed interface Effect {

    /** Tell a person (queued once per {@link Notice#id()}). */
    record Notify(Notice notice) implements Effect {}

    /** The matcher's index learns of a new or changed issue. */
    record Publish(Topic topic) implements Effect {}

    /** The issue joins the list of a resident's issues ("我反映的事"). */
    record Remember(Reporter reporter, String trackingNo, Instant at) implements Effect {}

    /**
     * A meeting was booked ({@code before} null), changed or cancelled ({@code after.cancelled()}): its members are
     * told (invitations, changes, cancellations; reminders planned or forgotten).
     */
    record MeetingChanged(Meeting before, Meeting after) implements Effect {}
}
