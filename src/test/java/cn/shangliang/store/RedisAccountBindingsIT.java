package cn.shangliang.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.consultation.AccountBindings.Redeemed;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.testing.RedisPerClass;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Binding codes on a real Redis: once only, expiring, and guarded against guessing. */
class RedisAccountBindingsIT {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    private RedisAccountBindings bindings;
    private final Reporter office = new Reporter("wecom", "zhang-office");
    private final Reporter home = new Reporter("telegram", "55501");

    @BeforeEach
    void setUp() {
        bindings = new RedisAccountBindings(redis.client());
    }

    @Test
    void code_bindsOnce_andEachAccountOfThePersonIsKnown() {
        String first = bindings.issue("member-01", Duration.ofHours(24));
        assertThat(first).matches("\\d{6}");
        assertThat(redis.client().ttl(RedisKeys.bindingCode(first))).isBetween(1L, 24L * 3600);

        assertThat(bindings.redeem(first, office)).isEqualTo(new Redeemed.Bound("member-01"));
        assertThat(bindings.redeem(first, home)).isEqualTo(new Redeemed.Unknown());

        String second = bindings.issue("member-01", Duration.ofHours(1));
        assertThat(bindings.redeem(second, home)).isEqualTo(new Redeemed.Bound("member-01"));
        assertThat(bindings.personOf(home)).contains("member-01");
        assertThat(bindings.accountsOf("member-01")).containsExactly(home, office);
        assertThat(bindings.accountsOf("member-02")).isEmpty();
    }

    @Test
    void wrongCodes_areCounted_andTheSixthTryWithinAnHourIsRefusedEvenIfRight() {
        String code = bindings.issue("member-01", Duration.ofHours(24));
        String wrong = code.equals("000000") ? "000001" : "000000";
        for (int i = 0; i < RedisAccountBindings.MAX_TRIES_PER_HOUR; i++) {
            assertThat(bindings.redeem(wrong, office)).isEqualTo(new Redeemed.Unknown());
        }

        assertThat(bindings.redeem(code, office)).isEqualTo(new Redeemed.TooManyTries());
        assertThat(bindings.personOf(office)).isEmpty();
        // another account is not held back, and the code was not spent
        assertThat(bindings.redeem(code, home)).isEqualTo(new Redeemed.Bound("member-01"));
    }

    @Test
    void guessingFromManyAccounts_isStoppedForEveryoneAfterTheHourlyTotal() {
        String code = bindings.issue("member-01", Duration.ofHours(24));
        String wrong = code.equals("000000") ? "000001" : "000000";
        for (int i = 0; i < RedisAccountBindings.MAX_TRIES_PER_HOUR_ALL; i++) {
            assertThat(bindings.redeem(wrong, new Reporter("webchat", "guess-" + i)))
                    .isEqualTo(new Redeemed.Unknown());
        }

        assertThat(bindings.redeem(code, office)).isEqualTo(new Redeemed.TooManyTries());
        assertThat(redis.client().exists(RedisKeys.bindingCode(code)))
                .as("the code is not spent")
                .isTrue();
    }

    @Test
    void malformedCode_isUnknown_andTouchesNothing() {
        assertThat(bindings.redeem("12345", office)).isEqualTo(new Redeemed.Unknown());
        assertThat(bindings.redeem("abc*de", office)).isEqualTo(new Redeemed.Unknown());
        assertThat(redis.client().keys("*")).isEmpty();
    }
}
