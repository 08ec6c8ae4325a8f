package cn.shangliang.consultation;

/** The outcome of a staff action on an issue. */
public sealed interface Transition {

    record Done(IssueDetail issue) implements Transition {}

    record NotFound(String trackingNo) implements Transition {}

    /** Outside the staff member's scope: nothing changed. */
    record Forbidden(String trackingNo) implements Transition {}

    /** Not allowed in the issue's state, or missing a reason: nothing changed. */
    record Refused(String reason) implements Transition {}
}
