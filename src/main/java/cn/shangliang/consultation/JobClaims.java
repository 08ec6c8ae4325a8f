package cn.shangliang.consultation;

import java.time.LocalDate;

/** Scheduled work shared by several processes: the first to claim a job for a day does it; the others skip it. */
public interface JobClaims {

    /** True for exactly one caller per job and day. */
    boolean claim(String job, LocalDate day);
}
