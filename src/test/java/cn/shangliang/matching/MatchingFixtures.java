package cn.shangliang.matching;

import cn.shangliang.consultation.Topic;
import java.nio.file.Path;

/** Small factories for matching tests. */
final class MatchingFixtures {

    static final Path SYNONYMS = Path.of("config", "synonyms.txt");

    private MatchingFixtures() {}

    static ChineseAnalyzer analyzer() {
        return ChineseAnalyzer.withSynonymFile(SYNONYMS);
    }

    static LuceneTopicIndex index(Topic... topics) {
        LuceneTopicIndex index = LuceneTopicIndex.inMemory(analyzer(), MatchingSettings.DEFAULTS);
        index.replaceAll(java.util.List.of(topics));
        index.markReady();
        return index;
    }

    static Topic villageTopic(String id, String town, String village, String title, String text) {
        return new Topic(id, town, village, Topic.Level.VILLAGE, title, text, Topic.Status.RECEIVED);
    }

    static Topic townTopic(String id, String town, String title, String text) {
        return new Topic(id, town, "", Topic.Level.TOWN, title, text, Topic.Status.ACCEPTED);
    }

    static Topic streetLights(String id, String town, String village) {
        return villageTopic(id, town, village, "主路路灯坏了不亮", "村里主路上好几盏路灯坏了，晚上一片漆黑，走夜路不安全，希望尽快维修。");
    }

    static Topic busService(String id, String town) {
        return townTopic(id, town, "镇上到城区公交班次少", "镇上到城区的公交车班次太少，末班车太早，上班的人晚上回不来，希望增加班次。");
    }
}
