package cn.shangliang.store;

import cn.shangliang.app.Application;
import cn.shangliang.consultation.MeetingBook;
import cn.shangliang.consultation.MeetingBookContract;
import cn.shangliang.testing.RedisPerClass;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link MeetingBookContract} against Redis. */
class RedisMeetingBookIT extends MeetingBookContract {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @Override
    protected MeetingBook book() {
        return new RedisMeetingBook(redis.client(), Application.objectMapper());
    }
}
