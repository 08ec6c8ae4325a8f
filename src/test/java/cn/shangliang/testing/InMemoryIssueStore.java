package cn.shangliang.testing;

import cn.shangliang.consultation.IssueChange;
import cn.shangliang.consultation.IssueRecord;
import cn.shangliang.consultation.IssueStore;
import cn.shangliang.consultation.Outbox;
import cn.shangliang.consultation.Reporter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The issue store in memory, for tests of the core and the doors without Redis: the same contract as
 * {@code RedisIssueStore} (checked by the same contract tests), no rules of its own.
 */
public final class InMemoryIssueStore implements IssueStore, Outbox {

    private final Map<String, String> reserved = new HashMap<>();
    private final Map<String, Integer> sequences = new HashMap<>();
    private final Map<String, IssueRecord> issues = new LinkedHashMap<>();
    private final Map<String, Set<String>> open = new HashMap<>();
    private final Map<String, Set<String>> all = new HashMap<>();
    private final Set<String> applied = new HashSet<>();
    private final Map<Reporter, TreeMap<Long, List<String>>> byUser = new HashMap<>();
    private final Map<String, List<Entry>> outboxes = new HashMap<>();
    private long entryIds;

    @Override
    public synchronized String reserve(String townCode, String requestKey, LocalDate day, boolean permanent) {
        String key = townCode + (permanent ? ":import:" : ":req:") + requestKey;
        return reserved.computeIfAbsent(key, k -> {
            String yyyymmdd = day.format(DateTimeFormatter.BASIC_ISO_DATE);
            int n = sequences.merge(townCode + yyyymmdd, 1, Integer::sum);
            return townCode + "-" + yyyymmdd + "-" + "%04d".formatted(n);
        });
    }

    @Override
    public synchronized java.util.Optional<IssueRecord> load(String townCode, String trackingNo) {
        return java.util.Optional.ofNullable(issues.get(trackingNo));
    }

    @Override
    public synchronized List<String> numbers(String townCode, boolean openOnly) {
        return List.copyOf((openOnly ? open : all).getOrDefault(townCode, Set.of()));
    }

    @Override
    public synchronized List<String> ofUser(Reporter reporter, int max) {
        List<String> newestFirst = new ArrayList<>();
        byUser.getOrDefault(reporter, new TreeMap<>()).descendingMap().values().forEach(newestFirst::addAll);
        return newestFirst.stream().limit(max).toList();
    }

    @Override
    public synchronized IssueChange.Outcome apply(IssueChange change) {
        String done = change.townCode() + ":" + change.requestKey();
        if (applied.contains(done)) {
            return IssueChange.Outcome.ALREADY_APPLIED;
        }
        for (IssueChange.Write w : change.writes()) {
            IssueRecord current = issues.get(w.after().trackingNo());
            boolean ok = w.expectedVersion() < 0
                    ? current == null
                    : current != null && current.version() == w.expectedVersion();
            if (!ok) {
                return IssueChange.Outcome.CONFLICT;
            }
        }
        for (IssueChange.Write w : change.writes()) {
            IssueRecord r = w.after();
            long version = w.expectedVersion() < 0 ? 1 : w.expectedVersion() + 1;
            IssueRecord stored = r.withVersion(version);
            issues.put(r.trackingNo(), stored);
            all.computeIfAbsent(change.townCode(), c -> new java.util.LinkedHashSet<>())
                    .add(r.trackingNo());
            Set<String> openSet = open.computeIfAbsent(change.townCode(), c -> new java.util.LinkedHashSet<>());
            if (r.status().isOpen()) {
                openSet.add(r.trackingNo());
            } else {
                openSet.remove(r.trackingNo());
            }
        }
        List<Entry> box = outboxes.computeIfAbsent(change.townCode(), c -> new ArrayList<>());
        change.effects().forEach(e -> box.add(new Entry(Long.toString(++entryIds), e)));
        applied.add(done);
        return IssueChange.Outcome.APPLIED;
    }

    @Override
    public synchronized boolean applied(String townCode, String requestKey) {
        return applied.contains(townCode + ":" + requestKey);
    }

    @Override
    public synchronized void remember(Reporter reporter, String trackingNo, Instant at) {
        if (ofUser(reporter, Integer.MAX_VALUE).contains(trackingNo)) {
            return;
        }
        byUser.computeIfAbsent(reporter, r -> new TreeMap<>())
                .computeIfAbsent(at.toEpochMilli(), t -> new ArrayList<>())
                .add(trackingNo);
    }

    @Override
    public synchronized void forget(Reporter reporter, String trackingNo) {
        var lists = byUser.get(reporter);
        if (lists != null) {
            lists.values().forEach(l -> l.remove(trackingNo));
            lists.values().removeIf(List::isEmpty);
        }
    }

    @Override
    public synchronized List<Entry> pending(String townCode, int max) {
        return outboxes.getOrDefault(townCode, List.of()).stream().limit(max).toList();
    }

    @Override
    public synchronized void delivered(String townCode, List<Entry> entries) {
        outboxes.getOrDefault(townCode, new ArrayList<>()).removeAll(entries);
    }
}
