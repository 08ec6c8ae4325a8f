package cn.shangliang.matching;

import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Keeps only tokens with at least one letter that is not a numeral: numbers (also written 三 or 两), punctuation, symbols
 * and emoji carry no matter.
 */
final class ContentTokenFilter extends FilteringTokenFilter {

    private static final String NUMERALS = "零一二三四五六七八九十百千万亿两几半";

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    ContentTokenFilter(TokenStream in) {
        super(in);
    }

    @Override
    protected boolean accept() {
        char[] buffer = term.buffer();
        int length = term.length();
        for (int i = 0; i < length; ) {
            int cp = Character.codePointAt(buffer, i, length);
            if (Character.isLetter(cp) && NUMERALS.indexOf(cp) < 0) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }
}
