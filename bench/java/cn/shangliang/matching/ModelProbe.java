package cn.shangliang.matching;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Writes what the matching experiments ({@code bench/matching-experiments.py}) read, from the matcher's own model and
 * dictionaries. Input texts are JSONL lines {@code {"text": …}}; every text is folded as the matcher folds it.
 *
 * <ul>
 *   <li>{@code states IN OUT}: the bge-small-zh-v1.5 (int8) last hidden states of each text, float32 big-endian, one
 *       row of 512 per token including [CLS] and [SEP], to OUT; a JSONL index ({@code n}, {@code tokens}) to OUT.json;
 *   <li>{@code words IN OUT}: smartcn's words of each text, one JSON array per line;
 *   <li>{@code counts WORDS OUT}: each word's count in smartcn's background corpus ({@link BackgroundFrequencies}),
 *       plus {@code __total__}.
 * </ul>
 */
public final class ModelProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelProbe() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ModelProbe states|words|counts IN OUT");
        }
        Path in = Path.of(args[1]);
        Path out = Path.of(args[2]);
        switch (args[0]) {
            case "states" -> states(texts(in), out);
            case "words" -> words(texts(in), out);
            case "counts" -> counts(in, out);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static List<String> texts(Path in) throws Exception {
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(in)) {
            if (!line.isBlank()) {
                texts.add(ChineseAnalyzer.fold(JSON.readTree(line).get("text").asText()));
            }
        }
        return texts;
    }

    private static void states(List<String> texts, Path out) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(2);
        // -Dprobe.model=/other.onnx compares another BERT-style model of the class path (same tokenizer)
        try (InputStream model = resource(System.getProperty("probe.model", "/bge-small-zh-v1.5-q.onnx"));
                InputStream vocab = resource("/bge-small-zh-v1.5-q-tokenizer.json");
                OrtSession session = env.createSession(model.readAllBytes(), options);
                HuggingFaceTokenizer tokenizer =
                        HuggingFaceTokenizer.newInstance(vocab, Map.of("padding", "false", "truncation", "false"));
                DataOutputStream rows = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(out)));
                PrintWriter index = new PrintWriter(Files.newBufferedWriter(Path.of(out + ".json")))) {
            for (String text : texts) {
                Encoding e = tokenizer.encode(text.isBlank() ? "。" : text);
                try (OnnxTensor ids = OnnxTensor.createTensor(env, new long[][] {e.getIds()});
                        OnnxTensor mask = OnnxTensor.createTensor(env, new long[][] {e.getAttentionMask()});
                        OnnxTensor types = OnnxTensor.createTensor(env, new long[][] {e.getTypeIds()});
                        OrtSession.Result result = session.run(
                                Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types))) {
                    float[][][] hidden = (float[][][]) result.get(0).getValue();
                    for (float[] row : hidden[0]) {
                        for (float x : row) {
                            rows.writeFloat(x);
                        }
                    }
                    index.println(JSON.writeValueAsString(
                            Map.of("n", e.getIds().length, "tokens", Arrays.asList(e.getTokens()))));
                }
            }
        }
    }

    private static void words(List<String> texts, Path out) throws Exception {
        try (Analyzer analyzer = new SmartChineseAnalyzer(CharArraySet.EMPTY_SET);
                PrintWriter lines = new PrintWriter(Files.newBufferedWriter(out))) {
            for (String text : texts) {
                List<String> words = new ArrayList<>();
                try (TokenStream ts = analyzer.tokenStream("f", text)) {
                    CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                    ts.reset();
                    while (ts.incrementToken()) {
                        words.add(term.toString());
                    }
                    ts.end();
                }
                lines.println(JSON.writeValueAsString(words));
            }
        }
    }

    private static void counts(Path wordsFile, Path out) throws Exception {
        String[] words = JSON.readValue(wordsFile.toFile(), String[].class);
        BackgroundFrequencies background = BackgroundFrequencies.get();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String w : words) {
            counts.put(w, (long) background.count(w));
        }
        counts.put("__total__", background.total());
        JSON.writeValue(out.toFile(), counts);
    }

    private static InputStream resource(String name) {
        InputStream in = ModelProbe.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " missing from the class path");
        }
        return in;
    }
}
