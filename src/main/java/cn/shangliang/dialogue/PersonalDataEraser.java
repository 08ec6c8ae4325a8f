package cn.shangliang.dialogue;

import cn.shangliang.consultation.Reporter;

/**
 * Erases what Shangliang keeps about one person on request ("删除我的信息"): their identity on every issue they
 * raised or support (the issues stay, anonymous), their profile, conversation state and reply inbox.
 */
public interface PersonalDataEraser {

    /** How many issues name the person (raised or supported): what the confirmation question tells them. */
    int issuesNaming(Reporter person);

    /** Erases everything that names the person; returns how many issues no longer name them. Idempotent. */
    int erase(Reporter person);

    /** For dialogues built without storage (tests that do not erase): names nothing, erases nothing. */
    static PersonalDataEraser none() {
        return new PersonalDataEraser() {
            @Override
            public int issuesNaming(Reporter person) {
                return 0;
            }

            @Override
            public int erase(Reporter person) {
                return 0;
            }
        };
    }
}
