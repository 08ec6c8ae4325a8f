package cn.shangliang.testing;

import cn.shangliang.consultation.IssueStore;
import cn.shangliang.consultation.Outbox;

/** The store contract on the in-memory store the core's tests use. */
class InMemoryIssueStoreTest extends IssueStoreContract {

    @Override
    @SuppressWarnings("unchecked")
    protected <S extends IssueStore & Outbox> S store() {
        return (S) new InMemoryIssueStore();
    }
}
