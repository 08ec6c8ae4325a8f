package cn.shangliang.matching;

import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;

/**
 * BAAI's bge-small-zh-v1.5 sentence-embedding model (MIT licence), run in-process by ONNX Runtime from the model file
 * bundled in langchain4j's artifact: no network, no service. About 10 ms of one core for a short message. The model
 * is loaded once per JVM (≈95 MB file), on first use.
 */
public final class BgeSmallZhEncoder implements SentenceEncoder {

    /** Longer texts add cost, not meaning, for a match: only their beginning is encoded. */
    static final int MAX_CHARS = 200;

    private static final class Holder {
        static final BgeSmallZhV15QuantizedEmbeddingModel MODEL = new BgeSmallZhV15QuantizedEmbeddingModel();
    }

    /** Loads the model now rather than on the first concern (start-up, not a resident, pays for it). */
    public static BgeSmallZhEncoder load() {
        Holder.MODEL.embed("预热").content();
        return new BgeSmallZhEncoder();
    }

    private BgeSmallZhEncoder() {}

    @Override
    public float[] encode(String text) {
        String t = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        return Holder.MODEL.embed(t.isBlank() ? "。" : t).content().vector(); // the model's output is unit length
    }
}
