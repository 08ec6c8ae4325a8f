package cn.shangliang.matching;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Splits every all-Han token into one token per character, typed as an ideograph with its own offsets, so that
 * {@link org.apache.lucene.analysis.cjk.CJKBigramFilter} forms bigrams across adjacent words but not across the gap a
 * removed stop word leaves. Other tokens pass unchanged.
 */
final class HanCharSplitFilter extends TokenFilter {

    private static final String IDEOGRAPHIC = "<IDEOGRAPHIC>";

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);

    private String pending;
    private int pendingIndex;
    private int pendingStart;

    HanCharSplitFilter(TokenStream in) {
        super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (pending == null) {
            if (!input.incrementToken()) {
                return false;
            }
            String word = term.toString();
            if (!allHan(word)) {
                return true;
            }
            pending = word;
            pendingIndex = 0;
            pendingStart = offset.startOffset();
        }
        int cp = pending.codePointAt(pendingIndex);
        int width = Character.charCount(cp);
        clearAttributes();
        term.setEmpty().append(pending, pendingIndex, pendingIndex + width);
        int start = pendingStart + pendingIndex;
        offset.setOffset(start, start + width);
        type.setType(IDEOGRAPHIC);
        pendingIndex += width;
        if (pendingIndex >= pending.length()) {
            pending = null;
        }
        return true;
    }

    private static boolean allHan(String word) {
        return !word.isEmpty()
                && word.codePoints().allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending = null;
    }
}
