package cn.shangliang.dialogue.nlu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Training data in Rasa 3 NLU form: intent examples, entity synonyms, regex features and lookup tables. */
public record NluData(
        List<Example> examples,
        Map<String, String> synonyms,
        Map<String, List<Pattern>> regexes,
        Map<String, List<String>> lookups) {

    public NluData {
        examples = List.copyOf(examples);
        synonyms = Map.copyOf(synonyms);
        regexes = Map.copyOf(regexes);
        lookups = Map.copyOf(lookups);
    }

    /** This data with more lookup entries (e.g. town and village names from the configured regions). */
    public NluData withLookup(String name, List<String> values) {
        Map<String, List<String>> merged = new LinkedHashMap<>(lookups);
        List<String> all = new ArrayList<>(merged.getOrDefault(name, List.of()));
        all.addAll(values);
        merged.put(name, List.copyOf(all));
        return new NluData(examples, synonyms, regexes, merged);
    }

    /** The intents that have examples, in order of first appearance. */
    public List<String> intents() {
        return examples.stream().map(Example::intent).distinct().toList();
    }
}
