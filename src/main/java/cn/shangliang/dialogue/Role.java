package cn.shangliang.dialogue;

/** What a user may do: residents raise concerns, members also attend meetings, staff also work the queues. */
public enum Role {
    RESIDENT,
    MEMBER,
    STAFF
}
