package cn.shangliang.dialogue;

import cn.shangliang.consultation.ConcernDesk;
import cn.shangliang.dialogue.entities.EntityExtractor;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What only an explicit request may do, decided by rule rather than by the classifier's guess: switching the language,
 * binding an account, rating by number, resuming notices; and the openers ("我要反映个事") that announce a concern
 * without saying it. Everything here looks at the whole (short) message, so a concern that merely contains such a word
 * or a number stays a concern.
 */
final class ExplicitRequests {

    private static final Pattern PUNCTUATION = Pattern.compile("[\\p{P}\\p{S}\\s]+");
    private static final Pattern ENGLISH = Pattern.compile("english|英文|英语|英語");
    private static final Pattern CHINESE = Pattern.compile("chinese|mandarin|中文|汉语|漢語|普通话|普通話");
    /** Words that may surround a language request without making it something else. */
    private static final Pattern LANGUAGE_FRAME = Pattern.compile(
            "^(please|pls|can|could|you|we|speak|talk|use|in|reply|answer|switch|to|change|i|want|would|like|prefer|"
                    + "english|chinese|mandarin|the|language|ok|thanks)+$");

    /** A binding: the binding word, then a six-digit code, and nothing else (a greeting or thanks aside). */
    private static final Pattern BINDING =
            Pattern.compile("^(你好|您好)?(我的)?(绑定|綁定|bind|绑定码|綁定碼|验证码|激活码|邀请码|身份码)(码|碼|账号|帳號|account|code)?(是|为|:)?"
                    + "(\\d{6})(绑定|谢谢|谢谢你|thanks)?$");

    private static final Pattern BINDING_WORD = Pattern.compile("绑定|綁定|bind|绑定码|验证码|激活码|邀请码|认证|關聯|关联");
    private static final Pattern DIGITS = Pattern.compile("\\d");
    /** A phone, ID-card, bank-card or similar personal number: seven or more digits in a row. */
    private static final Pattern LONG_NUMBER = Pattern.compile("\\d{7,}");

    /** "我想问一下", "我要反映一下": wanting to say or ask something, with no object at all. */
    private static final Pattern OPENER_VERB = Pattern.compile("^(你好|您好|喂|那个|阿姨|叔叔|小商量|同志|请问)*"
            + "(我|俺|我们)(想|要|想要)(跟你|和你|向你|给你|跟您|和您|向您|给您)?(反映|反应|问|问问|咨询|说|讲|说说|报告)(一下)?(可以吗|行吗|好吗)?$");

    /** "我要反映个事", "跟你说个事", "有个事想问问", "I have a problem" — an opener with no matter in it yet. */
    private static final Pattern OPENER = Pattern.compile("^(你好|您好|喂|那个|阿姨|叔叔|小商量|同志|请问)*"
            + "(我|俺|我们)?(想|要|想要|得|还)?(跟你|和你|同你|向你|给你|跟您|和您|向您|给您)?"
            + "(反映|反应|说|讲|报告|问|问问|咨询|提|聊)?(一下)?(有)?(一|1)?(个|件|点)(事|事情|事儿|情况|问题)"
            + "(想)?(跟你|和你|向你|给你|跟您|和您)?(反映|反映一下|说说|说一下|讲讲|问问|问一下|咨询一下|商量商量|商量一下)?"
            + "(可以吗|行吗|好吗|呀|啊|哈|呢|哦)?$");

    private static final Pattern OPENER_EN = Pattern.compile(
            "^(hi|hello)?(i|we)(have|wanttoreport|wouldliketoreport|wanttoraise|wanttotellyou|needtoreport)"
                    + "(a|an|one)?(problem|issue|concern|matter|complaint|something|question)$");

    /** "评价 QY-20261126-0042 满意", "rate QY-20261126-0042 satisfied". */
    private static final Pattern RATE = Pattern.compile("^\\s*(评价|評價|打分|rate|rating)\\s*", Pattern.CASE_INSENSITIVE);

    private static final Pattern RESUBSCRIBE = Pattern.compile(
            "^(请|麻烦)?(恢复|重新|再)(通知|提醒|订阅|推送|接收通知|发通知)(吧|吗)?$|^(resume|restart|turnon)(notices|notifications"
                    + "|updates)$|^(subscribe|resubscribe)$");

    // the whole-message patterns see the folded text: no spaces, no punctuation, lower case

    /** "my issues", "status QY-…": the English commands the English help offers. */
    private static final Pattern MY_ISSUES_EN =
            Pattern.compile("^(show)?(me)?(my)(issues|concerns|reports|matters|cases)$");

    private static final Pattern STATUS_EN =
            Pattern.compile("^\\s*(status|check|query|track)\\b", Pattern.CASE_INSENSITIVE);

    private static final Pattern YES_EN = Pattern.compile(
            "^(yes|y|yeah|yep|yup|ok|okay|sure|confirm|yesplease|yesregisterit|registerit|pleaseregisterit)$");
    private static final Pattern NO_EN = Pattern.compile("^(no|n|nope|nothanks|dont|donotregisterit|leaveit)$");

    private ExplicitRequests() {}

    /** An English yes or no to a yes/no question ({@code confirm} / {@code deny}). */
    static Optional<String> yesNo(String text) {
        String f = fold(text);
        if (YES_EN.matcher(f).matches()) {
            return Optional.of("confirm");
        }
        return NO_EN.matcher(f).matches() ? Optional.of("deny") : Optional.empty();
    }

    /** The message folded for the whole-message rules: lower case, no punctuation, spaces or emoji. */
    static String fold(String text) {
        return PUNCTUATION.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
    }

    /** {@code en} or {@code zh} when the message asks for that language and nothing else. */
    static Optional<String> languageSwitch(String text) {
        String f = fold(text);
        boolean en = ENGLISH.matcher(f).find();
        boolean zh = CHINESE.matcher(f).find();
        if (en == zh) {
            return Optional.empty();
        }
        int han = Languages.hanCount(f);
        int words = Languages.englishWords(text);
        boolean shortRequest = han > 0
                ? han <= 10 && words <= 1
                : words <= 6
                        && LANGUAGE_FRAME
                                .matcher(text.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", ""))
                                .matches();
        return shortRequest ? Optional.of(en ? "en" : "zh") : Optional.empty();
    }

    /** Whether a message the classifier read as a binding really is one: the code alone, or no number at all. */
    static boolean isBinding(String text) {
        String f = fold(text);
        if (BINDING.matcher(f).matches()) {
            return true;
        }
        // "怎么绑定" asks how (no digits); "绑定 12345" got the code wrong: both are told how
        boolean noNumber = !DIGITS.matcher(f).find() && Languages.hanCount(f) <= 20;
        boolean wrongCode = !LONG_NUMBER.matcher(f).find() && Languages.hanCount(f) <= 8;
        return BINDING_WORD.matcher(f).find() && (noNumber || wrongCode);
    }

    /** Whether the message carries a phone, ID-card or bank-card number (no tracking number counted). */
    static boolean hasPersonalNumber(String text) {
        String rest = EntityExtractor.TRACKING_NO.matcher(text).replaceAll(" ");
        return LONG_NUMBER.matcher(rest.replaceAll("[\\s-]", "")).find();
    }

    /** An opener that announces a matter without saying it. */
    static boolean isOpener(String text) {
        String f = fold(text);
        return !f.isEmpty()
                && (OPENER.matcher(f).matches()
                        || OPENER_VERB.matcher(f).matches()
                        || OPENER_EN.matcher(f).matches());
    }

    /** A rating with a number: the tracking number and the rating, when both are there. */
    record Rate(String trackingNo, ConcernDesk.Rating rating) {}

    static Optional<Rate> rate(String text, RatingWords ratings) {
        var m = RATE.matcher(text);
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        Optional<String> number = EntityExtractor.trackingNo(text);
        Optional<ConcernDesk.Rating> rating = ratings.of(
                EntityExtractor.TRACKING_NO.matcher(text).replaceAll(" ").toLowerCase(Locale.ROOT));
        return number.isPresent() && rating.isPresent()
                ? Optional.of(new Rate(number.get(), rating.get()))
                : Optional.empty();
    }

    /** Whether the message starts like a rating ({@code 评价 …}) even if the number or the rating is missing. */
    static boolean looksLikeRating(String text) {
        return RATE.matcher(text).lookingAt()
                && EntityExtractor.trackingNo(text).isPresent();
    }

    static boolean isResubscribe(String text) {
        String f = fold(text);
        return RESUBSCRIBE.matcher(f).matches();
    }

    /** The English status commands: "my issues", "status QY-…". */
    static boolean isStatusRequest(String text) {
        String f = fold(text);
        return MY_ISSUES_EN.matcher(f).matches()
                || (STATUS_EN.matcher(text).lookingAt()
                        && EntityExtractor.trackingNo(text).isPresent());
    }
}
