package cn.shangliang.matching;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Feeds terms analysed once already to the index, so that a topic is not analysed twice. */
final class TermArrayTokenStream extends TokenStream {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final String scope;
    private final String[] terms;
    private int next;

    /** Each term is emitted as {@link LuceneTopicIndex#scoped}{@code (scope, term)}. */
    TermArrayTokenStream(String scope, String[] terms) {
        this.scope = scope;
        this.terms = terms;
    }

    @Override
    public boolean incrementToken() {
        if (next >= terms.length) {
            return false;
        }
        clearAttributes();
        term.setEmpty().append(LuceneTopicIndex.scoped(scope, terms[next++]));
        return true;
    }

    @Override
    public void reset() {
        next = 0;
    }
}
