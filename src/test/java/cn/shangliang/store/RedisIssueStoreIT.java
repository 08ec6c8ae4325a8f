package cn.shangliang.store;

import cn.shangliang.app.Application;
import cn.shangliang.consultation.IssueStore;
import cn.shangliang.consultation.Outbox;
import cn.shangliang.testing.IssueStoreContract;
import cn.shangliang.testing.RedisPerClass;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on a real Redis. */
class RedisIssueStoreIT extends IssueStoreContract {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @Override
    @SuppressWarnings("unchecked")
    protected <S extends IssueStore & Outbox> S store() {
        return (S) new RedisIssueStore(redis.client(), Application.objectMapper());
    }
}
