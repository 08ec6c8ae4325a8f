package cn.shangliang.matching;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * BAAI's bge-small-zh-v1.5 sentence-embedding model (MIT licence), int8-quantised, run in-process by ONNX Runtime
 * from the model file bundled in langchain4j's artifact: no network, no service. About 3 ms of one core for a short
 * message (docs/PERFORMANCE.md). The model (24 MB) is loaded once per JVM, on first use.
 *
 * <p>The ONNX session runs each encoding on the calling thread (one intra-op thread, no spin-waiting): the pipeline's
 * worker threads already use every core, and spinning helper threads would burn CPU that other messages need.
 */
public final class BgeSmallZhEncoder implements SentenceEncoder {

    /** Longer texts add cost, not meaning, for a match: only their beginning is encoded. */
    static final int MAX_CHARS = 200;

    private static final String MODEL = "/bge-small-zh-v1.5-q.onnx";
    private static final String TOKENIZER = "/bge-small-zh-v1.5-q-tokenizer.json";

    private static final class Holder {
        static final Model MODEL_INSTANCE = new Model(encoder());
    }

    /** langchain4j's tokenisation, CLS pooling and normalisation, over a session tuned as above. */
    private static final class Model extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Model(OnnxBertBiEncoder encoder) {
            super(Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }
    }

    private static OnnxBertBiEncoder encoder() {
        try (InputStream model = resource(MODEL);
                InputStream tokenizer = resource(TOKENIZER)) {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = env.createSession(model.readAllBytes(), options);
            return new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.CLS);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the sentence-embedding model", e);
        } catch (OrtException e) {
            throw new IllegalStateException("loading the sentence-embedding model", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = BgeSmallZhEncoder.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(
                    name + " missing from the class path (langchain4j-embeddings-bge-small-zh-v15-q)");
        }
        return in;
    }

    /** Loads the model now rather than on the first concern (start-up, not a resident, pays for it). */
    public static BgeSmallZhEncoder load() {
        BgeSmallZhEncoder encoder = lazy();
        encoder.encode("预热");
        return encoder;
    }

    /** The encoder; the model is loaded on the first encoding (commands that never match never load it). */
    public static BgeSmallZhEncoder lazy() {
        return new BgeSmallZhEncoder();
    }

    private BgeSmallZhEncoder() {}

    @Override
    public float[] encode(String text) {
        String t = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        return Holder.MODEL_INSTANCE.embed(t.isBlank() ? "。" : t).content().vector(); // unit length
    }
}
