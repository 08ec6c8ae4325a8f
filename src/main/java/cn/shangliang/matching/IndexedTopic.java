package cn.shangliang.matching;

import cn.shangliang.consultation.Topic;

/** An open topic with its analysed title and body, kept beside the Lucene index for the similarity. */
record IndexedTopic(Topic topic, AnalyzedText title, AnalyzedText all) {}
