package cn.shangliang.matching;

import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Keeps the bigram field to bigrams: a lone Han character is already a word in the word field, and Latin words are
 * there too.
 */
final class HanOnlyFilter extends FilteringTokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    HanOnlyFilter(TokenStream in) {
        super(in);
    }

    @Override
    protected boolean accept() {
        return term.length() >= 2
                && Character.UnicodeScript.of(Character.codePointAt(term.buffer(), 0, term.length()))
                        == Character.UnicodeScript.HAN;
    }
}
