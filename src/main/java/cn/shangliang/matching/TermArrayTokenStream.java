package cn.shangliang.matching;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Feeds terms analysed once already to the index, so that a topic is not analysed twice. */
final class TermArrayTokenStream extends TokenStream {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final String[] terms;
    private int next;

    TermArrayTokenStream(String[] terms) {
        this.terms = terms;
    }

    @Override
    public boolean incrementToken() {
        if (next >= terms.length) {
            return false;
        }
        clearAttributes();
        term.setEmpty().append(terms[next++]);
        return true;
    }

    @Override
    public void reset() {
        next = 0;
    }
}
