package cn.shangliang.consultation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Chat accounts that members and staff bind to their entry in the roster themselves, with a one-time code that staff
 * issue: the same person may bind one account per platform (WeCom at the office, WeChat at home) and hears of their
 * meetings on each. Accounts listed in the configuration need no binding.
 */
public interface AccountBindings {

    /** Issues a fresh six-digit code for the person, valid for {@code validFor} and usable once. */
    String issue(String personId, Duration validFor);

    /** What became of a code. */
    sealed interface Redeemed {
        record Bound(String personId) implements Redeemed {}

        /** Wrong, used or expired. */
        record Unknown() implements Redeemed {}

        /** Too many wrong codes from this account lately: try again later (guards against guessing). */
        record TooManyTries() implements Redeemed {}
    }

    /** Binds {@code account} to the code's person and spends the code, atomically. */
    Redeemed redeem(String code, Reporter account);

    /** The person an account is bound to. */
    Optional<String> personOf(Reporter account);

    /** The accounts bound to a person. */
    List<Reporter> accountsOf(String personId);

    /** No bindings (commands and tests that do not need them). */
    static AccountBindings none() {
        return new AccountBindings() {
            @Override
            public String issue(String personId, Duration validFor) {
                throw new UnsupportedOperationException("account binding is not available here");
            }

            @Override
            public Redeemed redeem(String code, Reporter account) {
                return new Redeemed.Unknown();
            }

            @Override
            public Optional<String> personOf(Reporter account) {
                return Optional.empty();
            }

            @Override
            public List<Reporter> accountsOf(String personId) {
                return List.of();
            }
        };
    }
}
