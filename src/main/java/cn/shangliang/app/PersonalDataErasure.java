package cn.shangliang.app;

import cn.shangliang.consultation.IdentityEraser;
import cn.shangliang.consultation.IssueStore;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.dialogue.PersonalDataEraser;
import cn.shangliang.store.RedisUserData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resident's deletion request, carried out: first their identity on every issue (through the core's
 * {@link IdentityEraser}, issue by issue, atomically), then their own keys. Run again after a crash, it finishes the
 * job.
 */
final class PersonalDataErasure implements PersonalDataEraser {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataErasure.class);
    private static final int MAX_ISSUES = 10_000;

    private final IssueStore issues;
    private final IdentityEraser eraser;
    private final RedisUserData userData;

    PersonalDataErasure(IssueStore issues, IdentityEraser eraser, RedisUserData userData) {
        this.issues = issues;
        this.eraser = eraser;
        this.userData = userData;
    }

    @Override
    public int issuesNaming(Reporter person) {
        return issues.ofUser(person, MAX_ISSUES).size();
    }

    @Override
    public int erase(Reporter person) {
        int named = issuesNaming(person);
        eraser.eraseEverywhere(person);
        userData.erase(person);
        log.info("personal data erased on request: one {} user, named on {} issues", person.channel(), named);
        return named;
    }
}
