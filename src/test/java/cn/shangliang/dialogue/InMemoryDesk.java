package cn.shangliang.dialogue;

import cn.shangliang.consultation.ConcernDesk;
import cn.shangliang.consultation.IssueSummary;
import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.consultation.Texts;
import cn.shangliang.consultation.Topic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A {@link ConcernDesk} in memory for conversation scripts: numbers issues QY-20261126-0001, … */
final class InMemoryDesk implements ConcernDesk {

    final Map<String, IssueSummary> issues = new LinkedHashMap<>();
    final Map<String, Set<Reporter>> supporters = new HashMap<>();
    final Map<Reporter, List<String>> byReporter = new HashMap<>();
    final Map<String, String> requests = new HashMap<>();
    int filings;

    void add(String number, String title, Place place) {
        issues.put(
                number,
                new IssueSummary(number, title, place, Topic.Level.VILLAGE, Topic.Status.ACCEPTED, 0, Instant.EPOCH));
    }

    @Override
    public IssueSummary file(String requestKey, Reporter reporter, Place place, String text) {
        String existing = requests.get(requestKey);
        if (existing != null) {
            return issues.get(existing);
        }
        filings++;
        String number = "QY-20261126-%04d".formatted(filings);
        IssueSummary issue = new IssueSummary(
                number, Texts.title(text), place, Topic.Level.VILLAGE, Topic.Status.RECEIVED, 0, Instant.EPOCH);
        issues.put(number, issue);
        requests.put(requestKey, number);
        byReporter.computeIfAbsent(reporter, r -> new ArrayList<>()).add(0, number);
        return issue;
    }

    @Override
    public Optional<IssueSummary> support(String requestKey, Reporter reporter, String trackingNo) {
        IssueSummary issue = issues.get(trackingNo);
        if (issue == null) {
            return Optional.empty();
        }
        Set<Reporter> set = supporters.computeIfAbsent(trackingNo, n -> new HashSet<>());
        set.add(reporter);
        IssueSummary updated = new IssueSummary(
                issue.trackingNo(),
                issue.title(),
                issue.place(),
                issue.level(),
                issue.status(),
                set.size(),
                issue.createdAt());
        issues.put(trackingNo, updated);
        return Optional.of(updated);
    }

    final Map<String, Rating> ratings = new HashMap<>();

    @Override
    public boolean rate(Reporter reporter, String trackingNo, Rating rating) {
        ratings.put(trackingNo, rating);
        return true;
    }

    @Override
    public Optional<IssueSummary> find(String trackingNo) {
        return Optional.ofNullable(issues.get(trackingNo));
    }

    @Override
    public List<IssueSummary> of(Reporter reporter, int max) {
        return byReporter.getOrDefault(reporter, List.of()).stream()
                .limit(max)
                .map(issues::get)
                .toList();
    }
}
