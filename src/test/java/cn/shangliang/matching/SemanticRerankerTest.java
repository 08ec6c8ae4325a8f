package cn.shangliang.matching;

import static cn.shangliang.matching.MatchingFixtures.analyzer;
import static cn.shangliang.matching.MatchingFixtures.townTopic;
import static cn.shangliang.matching.MatchingFixtures.villageTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import cn.shangliang.consultation.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SemanticRerankerTest {

    private final Topic trucks = townTopic("T1", "长泾镇", "重型货车穿行镇区", "大货车整天从镇区主干道穿过，车速快、掉泥土，学校门口很危险，希望限行、让货车绕道走外环。");
    private final Topic parking = townTopic("T2", "长泾镇", "镇区停车难", "镇区菜场周边车位太少，车子乱停，早上堵得走不动。");

    /** An encoder that knows a few texts and counts its calls. */
    private static final class FakeEncoder implements SentenceEncoder {
        final Map<String, float[]> known;
        final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());

        FakeEncoder(Map<String, float[]> known) {
            this.known = known;
        }

        @Override
        public float[] encode(String text) {
            calls.add(text);
            return known.entrySet().stream()
                    .filter(e -> text.contains(e.getKey()))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(new float[] {0, 0, 1});
        }
    }

    @Test
    void similarity_blendsMeaningAndWords_andReorders() {
        var encoder = new FakeEncoder(Map.of(
                "渣土车", new float[] {1, 0, 0},
                "重型货车", new float[] {1, 0, 0},
                "停车难", new float[] {0, 1, 0}));
        var reranker = new SemanticReranker(encoder, TopicVectors.inMemory(10), 0.5);
        List<Candidate> lexical =
                List.of(new Candidate(parking, 0.30, List.of("镇里")), new Candidate(trucks, 0.10, List.of()));

        List<Candidate> out = reranker.rerank("渣土车天天在镇上乱窜", lexical);

        assertThat(out).extracting(c -> c.topic().id()).containsExactly("T1", "T2");
        assertThat(out.get(0).similarity()).isCloseTo(0.5 * 1 + 0.5 * 0.10, within(1e-9)); // cosine 1 ≥ ceiling
        assertThat(out.get(1).similarity()).isCloseTo(0.5 * 0 + 0.5 * 0.30, within(1e-9)); // cosine 0 < floor
    }

    @Test
    void topicVectors_areComputedOncePerTopicText() {
        var encoder = new FakeEncoder(Map.of());
        var reranker = new SemanticReranker(encoder, TopicVectors.inMemory(10), 0.5);
        List<Candidate> lexical =
                List.of(new Candidate(trucks, 0.2, List.of()), new Candidate(parking, 0.1, List.of()));

        reranker.rerank("一", lexical);
        reranker.rerank("二", lexical);

        assertThat(encoder.calls).hasSize(2 + 2); // two queries, two topics once each
        assertThat(reranker.rerank("三", List.of())).isEmpty();
    }

    @Test
    void topicsGivenAhead_havePreparedVectors_soTheirFirstMatchEncodesOnlyTheConcern() {
        var encoder = new FakeEncoder(Map.of());
        try (var reranker = new SemanticReranker(encoder, TopicVectors.inMemory(10), 0.5)) {
            reranker.prepareLater(List.of(trucks, parking));
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> encoder.calls.size() == 2 && reranker.preparing() == 0);

            reranker.rerank(
                    "一", List.of(new Candidate(trucks, 0.2, List.of()), new Candidate(parking, 0.1, List.of())));

            assertThat(encoder.calls).hasSize(3).last().isEqualTo("一");
        }
    }

    @Test
    void aTopicSharingNoWordWithTheConcern_isACandidateByMeaning_inTheConcernsOwnPlaceOnly() {
        Topic shop = villageTopic("V1", "长泾镇", "河塘村", "村里没有便民超市", "附近一家小超市也没有，日常用品很难购置。");
        Topic shopElsewhere = villageTopic("V2", "长泾镇", "南国村", "村里没有便民超市", "附近一家小超市也没有，日常用品很难购置。");
        Topic lights = villageTopic("V3", "长泾镇", "河塘村", "村道路灯不亮", "村道上好几盏路灯坏了，天黑以后看不清路。");
        var encoder = new FakeEncoder(Map.of(
                "超市", new float[] {1, 0, 0},
                "买个菜", new float[] {0.9f, (float) Math.sqrt(1 - 0.81), 0},
                "路灯", new float[] {0, 1, 0}));
        Concern concern = new Concern("长泾镇", "河塘村", "买个菜要走四十分钟");
        LuceneTopicIndex words = LuceneTopicIndex.inMemory(analyzer(), MatchingSettings.SEMANTIC);
        LuceneTopicIndex index = LuceneTopicIndex.inMemory(analyzer(), MatchingSettings.SEMANTIC)
                .withSemantic(new SemanticReranker(encoder, TopicVectors.inMemory(10), 0.5));
        try (words;
                index) {
            for (LuceneTopicIndex i : List.of(words, index)) {
                i.replaceAll(List.of(shop, shopElsewhere, lights));
                i.markReady();
            }
            index.prepareVectorsNow();
            assertThat(words.match(concern).candidates()).as("no shared word").isEmpty();

            MatchResult result = index.match(concern);

            // cosine 0.9 with the shop of its own village; the same topic text in another village is never a
            // candidate, and the street lights (cosine 0.44, below the floor) are not added
            assertThat(result.candidates()).extracting(c -> c.topic().id()).containsExactly("V1");
            assertThat(result).isInstanceOf(MatchResult.Confident.class);

            index.remove("V1");
            assertThat(index.match(concern).candidates()).isEmpty();

            // a place without topics: nothing to compare with, so the concern is not even encoded
            int calls = encoder.calls.size();
            assertThat(index.match(new Concern("长泾镇", "北潘村", "买个菜要走四十分钟")).candidates())
                    .isEmpty();
            assertThat(encoder.calls).hasSize(calls);
        }
    }

    @Test
    void eightBitVectors_keepTheCosineWithinTwoHundredths() {
        java.util.Random random = new java.util.Random(3);
        for (int n = 0; n < 200; n++) {
            float[] a = unit(random, 512);
            float[] b = unit(random, 512);
            for (int i = 0; i < 512; i++) { // correlated pairs too, as texts of one place are
                b[i] = b[i] * (n % 4) + a[i];
            }
            b = normalised(b);
            double exact = SentenceEncoder.cosine(a, b);
            assertThat(PlaceVectors.approximateCosine(a, b)).isCloseTo(exact, within(0.02));
        }
    }

    private static float[] unit(java.util.Random random, int dims) {
        float[] v = new float[dims];
        for (int i = 0; i < dims; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return normalised(v);
    }

    private static float[] normalised(float[] v) {
        double norm = Math.sqrt(SentenceEncoder.cosine(v, v));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    @Test
    void meaning_mapsTheCosineRangeOntoZeroToOne() {
        assertThat(SemanticReranker.meaning(0.2)).isZero();
        assertThat(SemanticReranker.meaning(SemanticReranker.COSINE_FLOOR)).isZero();
        assertThat(SemanticReranker.meaning(SemanticReranker.COSINE_CEILING)).isEqualTo(1.0);
        assertThat(SemanticReranker.meaning(0.99)).isEqualTo(1.0);
        assertThatThrownBy(() -> new SemanticReranker(new FakeEncoder(Map.of()), TopicVectors.inMemory(1), 0))
                .hasMessageContaining("semantic_weight");
    }

    @Test
    void realModel_recognisesAParaphraseTheWordsAloneMiss() {
        LuceneTopicIndex lexical = LuceneTopicIndex.inMemory(analyzer(), MatchingSettings.DEFAULTS);
        LuceneTopicIndex semantic = LuceneTopicIndex.inMemory(analyzer(), MatchingSettings.SEMANTIC)
                .withSemantic(new SemanticReranker(BgeSmallZhEncoder.load(), TopicVectors.inMemory(10), 0.5));
        String concern = "拉土的大卡车在镇上横冲直撞，吓死人了，叫它们走外环吧";
        try (lexical;
                semantic) {
            for (LuceneTopicIndex index : List.of(lexical, semantic)) {
                index.replaceAll(List.of(trucks, parking));
                index.markReady();
            }
            assertThat(lexical.match(new Concern("长泾镇", "", concern))).isNotInstanceOf(MatchResult.Confident.class);
            MatchResult result = semantic.match(new Concern("长泾镇", "", concern));
            assertThat(result).isInstanceOf(MatchResult.Confident.class);
            assertThat(result.candidates().get(0).topic().id()).isEqualTo("T1");
        }
    }
}
