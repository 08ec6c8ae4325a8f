package cn.shangliang.report;

import java.util.Map;

/**
 * The reply catalogue as reports see it (intents/responses.yml, zh and en): every header, label and sentence of a
 * report is a key here. The composition root passes {@code Responses::render}.
 */
@FunctionalInterface
public interface Catalogue {

    /** The text of {@code key} in {@code language} ({@code zh} or {@code en}) with its slots filled. */
    String render(String key, String language, Map<String, String> slots);
}
