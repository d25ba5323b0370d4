package dlg.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The applications of a session that have run, as bars on a time axis from the session's start
 * to its end (or now), one row per node (a Dask task stream, an Airflow Gantt chart), each bar
 * naming its construct. When more ran than {@code limit}, a sample of the whole session
 * ({@link TimelineSample}): every failure, the longest, the rest spread evenly over the span.
 *
 * @param total applications that have started
 * @param failed of those, how many failed (all are in {@code apps} unless there are more than the limit)
 * @param sampled whether {@code apps} is a sample of the {@code total}
 * @param longest how many of the longest bars a sample always keeps
 * @param start the axis' zero: the session's deploy (or its first start), epoch ms; null before any
 * @param end the session's end, epoch ms; null while it runs (the axis then ends at {@code now})
 * @param now the server's time, epoch ms: where the bars of running apps end
 * @param constructs the constructs of the applications that started, the most frequent first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Timeline(long total, long failed, boolean sampled, int longest, Long start, Long end, long now,
                List<Construct> constructs, List<Bar> apps) {

    static final int DEFAULT_LIMIT = 5000;
    /** Constructs listed at most (the pages show the first few and say how many more). */
    static final int MAX_CONSTRUCTS = Groups.MAX_GROUPS;

    /**
     * @param node the drop's node attribute, or null
     * @param end null while it runs
     * @param construct the key of the drop's construct ({@link Groups}): the same on every node
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Bar(String oid, String name, String node, long start, Long end, String state, String construct) {
    }

    /** @param count applications of this construct that started (in the whole session, not the sample) */
    record Construct(String key, String label, long count) {
    }

    /**
     * The timeline of a node's drops, scanned into primitive arrays (no object per drop but the
     * bars shown).
     *
     * @param sessionStart when the session was deployed, or null
     * @param sessionEnd when it ended, or null while it runs
     */
    static Timeline of(DropTable drops, Groups groups, int limit, Long sessionStart, Long sessionEnd, long now) {
        int n = 0;
        for (int i = 0; i < drops.size(); i++) {
            n += drops.isApp(i) && drops.started(i) >= 0 ? 1 : 0;
        }
        int[] at = new int[n];
        long[] start = new long[n];
        long[] duration = new long[n];
        boolean[] failed = new boolean[n];
        int[] groupOf = groups.groupOf();
        long[] perGroup = new long[groups.size()];
        int[] firstApp = new int[groups.size()]; // a construct's label: its first app's name (a group's first drop may be data)
        long failures = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0, k = 0; i < drops.size() && k < n; i++) {
            long s = drops.isApp(i) ? drops.started(i) : -1;
            if (s >= 0) {
                long e = drops.ended(i);
                at[k] = i;
                start[k] = s;
                duration[k] = Math.max(0, (e >= 0 ? e : now) - s);
                failed[k] = drops.state(i) == ShownState.ERROR;
                failures += failed[k] ? 1 : 0;
                if (i < groupOf.length && perGroup[groupOf[i]]++ == 0) {
                    firstApp[groupOf[i]] = i;
                }
                first = Math.min(first, s);
                last = Math.max(last, s + duration[k]);
                k++;
            }
        }
        Long t0 = n == 0 ? sessionStart : Long.valueOf(sessionStart == null ? first : Math.min(sessionStart, first));
        long t1 = Math.max(sessionEnd != null ? sessionEnd : now, last);
        int[] chosen = TimelineSample.choose(start, duration, failed, t0 == null ? 0 : t0, t1, limit);
        List<Bar> bars = new ArrayList<>(chosen.length);
        for (int k : chosen) {
            int i = at[k];
            long e = drops.ended(i);
            bars.add(new Bar(drops.oid(i), drops.name(i), drops.node(i), start[k], e >= 0 ? e : null,
                    drops.state(i).wireName(), i < groupOf.length ? groups.keys().get(groupOf[i]) : null));
        }
        List<Construct> constructs = new ArrayList<>();
        for (int g = 0; g < perGroup.length; g++) {
            if (perGroup[g] > 0) {
                constructs.add(new Construct(groups.keys().get(g), drops.name(firstApp[g]), perGroup[g]));
            }
        }
        return new Timeline(n, failures, bars.size() < n, TimelineSample.longestOf(limit), t0, sessionEnd, now,
                mostFrequent(constructs), bars);
    }

    /**
     * The timelines of a composite's nodes as one: the union of their samples sampled again by the
     * same rule, over the span of them all (a MasterManager merges its islands' the same way).
     */
    static Timeline merge(List<Timeline> parts, int limit, long now) {
        long total = 0;
        long failures = 0;
        Long t0 = null;
        Long end = parts.isEmpty() ? null : Long.MIN_VALUE;
        List<Bar> all = new ArrayList<>();
        Map<String, Construct> constructs = new LinkedHashMap<>();
        for (Timeline t : parts) {
            total += t.total();
            failures += t.failed();
            t0 = t.start() == null ? t0 : t0 == null ? t.start() : Math.min(t0, t.start());
            end = end == null || t.end() == null ? null : Math.max(end, t.end());
            all.addAll(t.apps());
            for (Construct c : t.constructs() == null ? List.<Construct>of() : t.constructs()) {
                constructs.merge(c.key(), c, (a, b) -> new Construct(a.key(), a.label(), a.count() + b.count()));
            }
        }
        int n = all.size();
        long[] start = new long[n];
        long[] duration = new long[n];
        boolean[] failed = new boolean[n];
        long last = Long.MIN_VALUE;
        for (int k = 0; k < n; k++) {
            Bar b = all.get(k);
            start[k] = b.start();
            duration[k] = Math.max(0, (b.end() != null ? b.end() : now) - b.start());
            failed[k] = ShownState.ERROR.wireName().equals(b.state());
            t0 = t0 == null ? b.start() : Math.min(t0, b.start());
            last = Math.max(last, b.start() + duration[k]);
        }
        long t1 = Math.max(end != null ? end : now, last);
        List<Bar> bars = new ArrayList<>();
        for (int k : TimelineSample.choose(start, duration, failed, t0 == null ? 0 : t0, t1, limit)) {
            bars.add(all.get(k));
        }
        total = Math.max(total, n);
        return new Timeline(total, failures, bars.size() < total, TimelineSample.longestOf(limit), t0, end, now,
                mostFrequent(new ArrayList<>(constructs.values())), bars);
    }

    private static List<Construct> mostFrequent(List<Construct> constructs) {
        constructs.sort(Comparator.comparingLong(Construct::count).reversed().thenComparing(Construct::key));
        return List.copyOf(constructs.subList(0, Math.min(MAX_CONSTRUCTS, constructs.size())));
    }
}
