package cn.shangliang.consultation;

import java.util.regex.Pattern;

/**
 * The short title of an issue, made from what the resident wrote: chat fillers and greetings in front ("阿姨跟你说个事，",
 * "你好，我想反映一下") are left out, the first sentence is kept, Chinese cut at {@link #CHARS} characters, English at the
 * last word boundary before {@link #ENGLISH_CHARS} characters.
 */
public final class Titles {

    static final int CHARS = 24;
    static final int ENGLISH_CHARS = 60;

    /** Greetings, forms of address and openers that say nothing of the matter; removed again and again from the front. */
    private static final Pattern FILLER = Pattern.compile(
            "^(?:"
                    + "(?:你好|您好|你们好|大家好|喂|哎|唉|嗯|那个|这个|请问|麻烦(?:你|您)?(?:一下)?|打扰(?:一下|了)?|早上好|下午好|晚上好|"
                    + "阿姨|叔叔|小妹|小伙子|同志|领导|书记|主任|小商量|工作人员|老师)"
                    + "|(?:我|俺|我们)?(?:想|要|想要|来)?(?:跟你|和你|向你|给你|跟您|和您|向您|给您)?"
                    + "(?:反映|反应|说|讲|问|问问|咨询|报告)(?:一下)?(?:有)?(?:一|1)?(?:个|件|点)(?:事|事情|事儿|情况|问题)"
                    + "|(?:我|俺|我们)?(?:想|要|想要|来)?(?:反映|反应|咨询|报告)一下"
                    + "|(?:有)(?:一|1)?(?:个|件)(?:事|事情|事儿|情况|问题)(?:想)?(?:问问|反映|说说|跟你说)?"
                    + "|(?:hi|hello|hey|dear sir|dear madam|excuse me|good morning|good afternoon)\\b"
                    + "|i (?:want|would like|wish) to (?:report|raise|say|tell you)(?: that)?\\b"
                    + ")[\\s,，。.!！:：、~～]*",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern SENTENCE_END = Pattern.compile("[。！？!?；;\\n]|\\.(\\s|$)");

    private Titles() {}

    /** The title of an (already masked) text. */
    public static String of(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        String body = withoutFillers(flat);
        if (body.isEmpty()) {
            body = flat;
        }
        String first = SENTENCE_END.split(body, 2)[0].strip();
        if (first.isEmpty()) {
            first = body;
        }
        return isEnglish(first) ? cutEnglish(first) : cutChinese(first);
    }

    static String withoutFillers(String text) {
        String t = text;
        while (true) {
            var m = FILLER.matcher(t);
            if (!m.lookingAt() || m.end() == 0) {
                return t.strip();
            }
            t = t.substring(m.end());
        }
    }

    private static boolean isEnglish(String text) {
        return text.codePoints().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    private static String cutChinese(String text) {
        int chars = text.codePointCount(0, text.length());
        return chars <= CHARS ? text : text.substring(0, text.offsetByCodePoints(0, CHARS)) + "…";
    }

    private static String cutEnglish(String text) {
        if (text.length() <= ENGLISH_CHARS) {
            return text;
        }
        int space = text.lastIndexOf(' ', ENGLISH_CHARS);
        String cut = space > 0 ? text.substring(0, space) : text.substring(0, ENGLISH_CHARS);
        return cut.replaceAll("[\\s,;:]+$", "") + "…";
    }
}
