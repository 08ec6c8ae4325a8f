package cn.shangliang.jobs;

/** What the scheduled jobs share. */
final class Jobs {

    /** Notices to staff and the leadership office go out in the catalogue's default language. */
    static final String LANGUAGE = "zh";

    private Jobs() {}
}
