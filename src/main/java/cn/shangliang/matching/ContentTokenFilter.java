package cn.shangliang.matching;

import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Keeps only tokens with at least one letter: numbers, punctuation, symbols and emoji carry no matter. */
final class ContentTokenFilter extends FilteringTokenFilter {

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
            if (Character.isLetter(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }
}
