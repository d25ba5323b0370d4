package dlg.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dlg.manager.history.DurationHistogram;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * A session's constructs ({@link Groups}: the logical graph's {@code lg_key}s, else names, ...)
 * with each one's progress and its apps' durations, in pipeline order: the constructs' graph
 * sorted topologically, sources first (ties, and cycles, by where they first appear), so that a
 * long pipeline reads in order. One scan of the drops, at most {@link Groups#MAX_GROUPS} rows.
 *
 * <p>Mergeable exactly, at every level: durations travel as a {@link DurationHistogram}'s
 * compact text, and the constructs' links with them, so a DataIslandManager merges its nodes'
 * answers and a MasterManager merges the merged ones, and medians and order come out as if one
 * node had all the drops.
 *
 * @param groupBy the attribute the drops were grouped by ({@code lg_key}, {@code name}, ...)
 * @param total drops in the session
 * @param all constructs in all; more than listed when a composite's nodes had more than {@link Groups#MAX_GROUPS}
 * @param links between constructs (their keys), in the direction data flows
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Constructs(String groupBy, long total, int all, List<Construct> constructs, List<GraphView.Edge> links) {

    /**
     * One construct.
     *
     * @param key its group key, {@code attribute=value}: what {@code ?group=} of the drop list takes
     * @param label the name of its first drop
     * @param count its drops
     * @param counts its drops per shown state, the empty ones left out
     * @param timed its apps that ran to an end (those the durations count)
     * @param medianMs median run (within 1/32), null when none ran
     * @param p95Ms 95th percentile run (within 1/32), null when none ran
     * @param maxMs longest run, null when none ran
     * @param totalMs the runs together
     * @param durations the runs, {@link DurationHistogram#encode()}: what merges are made of
     * @param firstStart when its first app started, epoch ms, or null
     * @param lastEnd when its last drop settled, epoch ms, or null
     * @param nodes the nodes its drops are on (each node has its own drops: counts add up)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Construct(String key, String label, boolean app, long count, Map<String, Long> counts, long timed,
                     Long medianMs, Long p95Ms, Long maxMs, long totalMs, String durations, Long firstStart,
                     Long lastEnd, int nodes) {
    }

    static Constructs of(DropTable drops, Groups groups) {
        int n = groups.size();
        int[] groupOf = groups.groupOf();
        long[][] counts = new long[n][ShownState.count()];
        DurationHistogram[] durations = new DurationHistogram[n];
        long[] max = new long[n];
        long[] sum = new long[n];
        long[] first = new long[n];
        long[] last = new long[n];
        List<Set<String>> nodes = new ArrayList<>(n);
        boolean[] anywhere = new boolean[n]; // a drop without a node attribute: it is on this manager
        for (int g = 0; g < n; g++) {
            durations[g] = new DurationHistogram();
            first[g] = -1;
            last[g] = -1;
            nodes.add(new HashSet<>(2));
        }
        for (int i = 0; i < drops.size(); i++) {
            int g = groupOf[i];
            counts[g][drops.state(i).ordinal()]++;
            long start = drops.started(i);
            long end = drops.ended(i);
            if (drops.isApp(i) && start >= 0) {
                first[g] = first[g] < 0 ? start : Math.min(first[g], start);
                if (end >= 0) {
                    long ms = Math.max(0, end - start);
                    durations[g].add(ms);
                    max[g] = Math.max(max[g], ms);
                    sum[g] += ms;
                }
            }
            if (end >= 0) {
                last[g] = Math.max(last[g], end);
            }
            String node = drops.node(i);
            if (node == null) {
                anywhere[g] = true;
            } else {
                nodes.get(g).add(node);
            }
        }
        List<Construct> out = new ArrayList<>(n);
        for (int g = 0; g < n; g++) {
            int on = nodes.get(g).isEmpty() && anywhere[g] ? 1 : nodes.get(g).size();
            out.add(construct(groups.keys().get(g), groups.labels().get(g), groups.apps().get(g),
                    GraphViews.total(counts[g]), GraphViews.countsByName(counts[g]), durations[g], max[g], sum[g],
                    first[g], last[g], on));
        }
        boolean[] linked = new boolean[n * n]; // at most MAX_GROUPS squared
        List<GraphView.Edge> links = new ArrayList<>();
        drops.forEachEdge((from, to) -> {
            int a = groupOf[from];
            int b = groupOf[to];
            if (a != b && !linked[a * n + b]) {
                linked[a * n + b] = true;
                links.add(new GraphView.Edge(groups.keys().get(a), groups.keys().get(b)));
            }
        });
        return ordered(groups.attribute(), drops.size(), n, out, links);
    }

    private static Construct construct(String key, String label, boolean app, long count, Map<String, Long> counts,
                                       DurationHistogram h, long max, long sum, long first, long last, int nodes) {
        boolean ran = h.count() > 0;
        // a quantile is its bucket's middle: never past the longest run
        return new Construct(key, label, app, count, counts, h.count(), ran ? Math.min(max, h.quantile(0.5)) : null,
                ran ? Math.min(max, h.quantile(0.95)) : null, ran ? max : null, sum, h.encode(), first >= 0 ? first : null,
                last >= 0 ? last : null, nodes);
    }

    /**
     * The answers of several nodes (or several islands) as one: each construct's counts and
     * runs added, medians read from the merged runs, the links of all (and {@code more} links,
     * those the composite cut when it split the graph), in pipeline order again; ties keep the
     * order the parts gave.
     */
    static Constructs merge(List<Constructs> parts, Collection<GraphView.Edge> more) {
        Map<String, Acc> byKey = new LinkedHashMap<>();
        Map<String, Integer> rank = new HashMap<>();
        Set<GraphView.Edge> links = new LinkedHashSet<>();
        String groupBy = null;
        long total = 0;
        int all = 0;
        for (Constructs p : parts) {
            groupBy = groupBy != null ? groupBy : p.groupBy();
            total += p.total();
            all = Math.max(all, p.all());
            for (int k = 0; k < p.constructs().size(); k++) {
                Construct c = p.constructs().get(k);
                byKey.computeIfAbsent(c.key(), key -> new Acc(c)).add(c);
                rank.merge(c.key(), k, Math::min);
            }
            links.addAll(p.links());
        }
        links.addAll(more);
        List<String> keys = new ArrayList<>(byKey.keySet());
        keys.sort((a, b) -> Integer.compare(rank.get(a), rank.get(b))); // stable: ties by the first part
        List<Construct> merged = new ArrayList<>(keys.size());
        for (String key : keys) {
            merged.add(byKey.get(key).done());
        }
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < keys.size(); k++) {
            index.put(keys.get(k), k);
        }
        List<GraphView.Edge> known = links.stream()
                .filter(e -> index.containsKey(e.source()) && index.containsKey(e.target())
                        && !e.source().equals(e.target())).toList();
        Constructs out = ordered(groupBy, total, Math.max(all, merged.size()), merged, known);
        if (out.constructs().size() <= Groups.MAX_GROUPS) {
            return out;
        }
        Set<String> kept = new HashSet<>();
        List<Construct> first = out.constructs().subList(0, Groups.MAX_GROUPS);
        first.forEach(c -> kept.add(c.key()));
        return new Constructs(out.groupBy(), total, out.all(), List.copyOf(first), out.links().stream()
                .filter(e -> kept.contains(e.source()) && kept.contains(e.target())).toList());
    }

    /** {@code constructs} sorted topologically by {@code links}; ties and cycles by their order in the list. */
    private static Constructs ordered(String groupBy, long total, int all, List<Construct> constructs,
                                      List<GraphView.Edge> links) {
        int n = constructs.size();
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < n; k++) {
            index.put(constructs.get(k).key(), k);
        }
        List<List<Integer>> next = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            next.add(new ArrayList<>(2));
        }
        int[] in = new int[n];
        for (GraphView.Edge e : links) {
            int a = index.get(e.source());
            int b = index.get(e.target());
            next.get(a).add(b);
            in[b]++;
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int k = 0; k < n; k++) {
            if (in[k] == 0) {
                ready.add(k);
            }
        }
        boolean[] done = new boolean[n];
        List<Construct> out = new ArrayList<>(n);
        int lowest = 0; // the first construct not placed yet: where a cycle is broken
        while (out.size() < n) {
            if (ready.isEmpty()) {
                while (done[lowest]) {
                    lowest++;
                }
                ready.add(lowest);
                in[lowest] = 0;
            }
            int k = ready.poll();
            if (done[k]) {
                continue;
            }
            done[k] = true;
            out.add(constructs.get(k));
            for (int b : next.get(k)) {
                if (!done[b] && --in[b] == 0) {
                    ready.add(b);
                }
            }
        }
        return new Constructs(groupBy, total, all, List.copyOf(out), List.copyOf(links));
    }

    /** One construct's parts added up. */
    private static final class Acc {
        final Construct first;
        final long[] counts = new long[ShownState.count()];
        final DurationHistogram durations = new DurationHistogram();
        long count;
        long max = -1;
        long sum;
        long firstStart = -1;
        long lastEnd = -1;
        int nodes;

        Acc(Construct first) {
            this.first = first;
        }

        void add(Construct c) {
            count += c.count();
            c.counts().forEach((state, n) -> {
                ShownState s = ShownState.ofWireName(state);
                if (s != null) {
                    counts[s.ordinal()] += n;
                }
            });
            durations.merge(DurationHistogram.decode(c.durations()));
            max = c.maxMs() == null ? max : Math.max(max, c.maxMs());
            sum += c.totalMs();
            if (c.firstStart() != null) {
                firstStart = firstStart < 0 ? c.firstStart() : Math.min(firstStart, c.firstStart());
            }
            if (c.lastEnd() != null) {
                lastEnd = Math.max(lastEnd, c.lastEnd());
            }
            nodes += c.nodes();
        }

        Construct done() {
            return construct(first.key(), first.label(), first.app(), count, GraphViews.countsByName(counts),
                    durations, Math.max(0, max), sum, firstStart, lastEnd, nodes);
        }
    }
}
