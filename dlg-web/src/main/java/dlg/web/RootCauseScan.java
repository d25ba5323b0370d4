package dlg.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds a NodeManager session's root causes ({@link RootCauses}) in one bounded pass over its
 * drops, with primitive arrays indexed by failed drop (no object per drop):
 * <ol>
 * <li>the failed drops, and the links between them (both ends failed);
 * <li>the roots (failed on their own), in order of when they failed: each claims, breadth
 *     first through failed drops that did not fail on their own, those no earlier root claimed;
 * <li>the failed drops still unclaimed that read a failed drop of another node: each such
 *     remote drop (an import) claims them and what follows them, the first to fail first;
 * <li>any failed drop still unclaimed (its cause is not known here) counts as a root, so that
 *     no failure goes untold.
 * </ol>
 * Roots are then grouped by (construct, cause), and the failed drops that other nodes read are
 * exported with the root they are blamed on.
 */
final class RootCauseScan {

    /** Groups told apart at most; roots of further causes are counted under one cause per construct. */
    static final int MAX_CAUSES = 10_000;
    static final String OTHER_CAUSES = "(one of too many different causes to list)";

    private final DropTable t;
    private final Groups groups;
    private final int maxExamples;
    private final int[] drop; // failed drop k -> its position in the table
    private final int[] start; // links from failed drop k: next[start[k] .. start[k + 1])
    private final int[] next;
    private final boolean[] own;
    /** The root (its k) or import (-2 - its id) each failed drop is blamed on; -1: none yet. */
    private final int[] owner;
    private final int[] queue;
    private int queued;

    private RootCauseScan(DropTable t, Groups groups, int maxExamples) {
        this.t = t;
        this.groups = groups;
        this.maxExamples = maxExamples;
        int n = t.size();
        int[] slot = new int[n];
        int f = 0;
        for (int i = 0; i < n; i++) {
            slot[i] = t.state(i) == ShownState.ERROR ? f++ : -1;
        }
        drop = new int[f];
        own = new boolean[f];
        for (int i = 0; i < n; i++) {
            if (slot[i] >= 0) {
                drop[slot[i]] = i;
                own[slot[i]] = t.failedOnItsOwn(i);
            }
        }
        start = new int[f + 1];
        t.forEachEdge((a, b) -> {
            if (slot[a] >= 0 && slot[b] >= 0) {
                start[slot[a] + 1]++;
            }
        });
        for (int k = 0; k < f; k++) {
            start[k + 1] += start[k];
        }
        next = new int[start[f]];
        int[] fill = Arrays.copyOf(start, f);
        t.forEachEdge((a, b) -> {
            if (slot[a] >= 0 && slot[b] >= 0) {
                next[fill[slot[a]]++] = slot[b];
            }
        });
        owner = new int[f];
        Arrays.fill(owner, -1);
        queue = new int[f];
    }

    static RootCauses of(DropTable t, Groups groups) {
        return of(t, groups, RootCauses.MAX_GROUPS, RootCauses.MAX_EXAMPLES, RootCauses.MAX_BOUNDARY);
    }

    static RootCauses of(DropTable t, Groups groups, int maxGroups, int maxExamples, int maxBoundary) {
        return new RootCauseScan(t, groups, maxExamples).scan(maxGroups, maxBoundary);
    }

    private RootCauses scan(int maxGroups, int maxBoundary) {
        int f = drop.length;
        if (f == 0) {
            return RootCauses.NONE;
        }
        long[] down = new long[f];
        Map<String, RootCauseMerge.Acc> found = new LinkedHashMap<>();
        long roots = 0;
        long downstream = 0;
        // 2. the roots, the first to fail first
        for (int k : byTime(f, k -> own[k] ? t.ended(drop[k]) : -1)) {
            if (own[k]) {
                owner[k] = k; // a root is never claimed: claim() passes drops that failed on their own
                down[k] = claim(k, k);
                roots++;
                downstream += down[k];
                add(found, k, down[k]);
            }
        }
        // 3. the imports: remote drops that unclaimed failed drops read
        Map<String, Integer> importIds = new HashMap<>();
        List<String> importOids = new ArrayList<>();
        List<Long> importTimes = new ArrayList<>();
        int[] entryImport = new int[f];
        int[] entrySlot = new int[f];
        int entries = 0;
        for (int k = 0; k < f; k++) {
            if (owner[k] == -1) {
                String[] best = {null};
                long[] bestAt = {-1};
                t.forEachRemoteLinkOf(drop[k], (oid, incoming) -> {
                    if (incoming) {
                        long at = t.remoteFailedAt(oid);
                        if (best[0] == null || at >= 0 && (bestAt[0] < 0 || at < bestAt[0])) {
                            best[0] = oid;
                            bestAt[0] = at;
                        }
                    }
                });
                if (best[0] != null) {
                    Integer id = importIds.get(best[0]);
                    if (id == null) {
                        id = importOids.size();
                        importIds.put(best[0], id);
                        importOids.add(best[0]);
                        importTimes.add(bestAt[0] < 0 ? Long.MAX_VALUE : bestAt[0]);
                    }
                    entryImport[entries] = id;
                    entrySlot[entries++] = k;
                }
            }
        }
        Integer[] order = new Integer[importOids.size()]; // one per remote drop read, not per drop
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> importTimes.get(a).equals(importTimes.get(b))
                ? importOids.get(a).compareTo(importOids.get(b)) : Long.compare(importTimes.get(a), importTimes.get(b)));
        int[] rank = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
        }
        long[] byRank = new long[entries];
        for (int e = 0; e < entries; e++) {
            byRank[e] = (long) rank[entryImport[e]] << 31 | entrySlot[e];
        }
        Arrays.sort(byRank);
        long[] importDrops = new long[order.length];
        long imported = 0;
        for (long key : byRank) {
            int k = (int) (key & Integer.MAX_VALUE);
            int id = order[(int) (key >>> 31)];
            if (owner[k] == -1) {
                owner[k] = -2 - id;
                long n = 1 + claim(k, -2 - id);
                importDrops[id] += n;
                imported += n;
            }
        }
        // 4. whatever is left: roots of their own, as far as this node can tell
        for (int k = 0; k < f; k++) {
            if (owner[k] == -1) {
                owner[k] = k;
                down[k] = claim(k, k);
                roots++;
                downstream += down[k];
                add(found, k, down[k]);
            }
        }
        boolean approximate = false;
        List<RootCauses.Import> imports = new ArrayList<>();
        Integer[] biggest = order.clone();
        Arrays.sort(biggest, (a, b) -> Long.compare(importDrops[b], importDrops[a]));
        for (int id : biggest) {
            if (imports.size() == maxBoundary) {
                approximate = true;
                break;
            }
            imports.add(new RootCauses.Import(importOids.get(id), importDrops[id]));
        }
        List<RootCauses.Export> exports = new ArrayList<>();
        boolean[] cut = {false};
        for (int k = 0; k < f && !cut[0]; k++) {
            int kk = k;
            boolean[] read = {false};
            t.forEachRemoteLinkOf(drop[k], (oid, incoming) -> read[0] |= !incoming);
            if (read[0]) {
                if (exports.size() == maxBoundary) {
                    cut[0] = true;
                } else {
                    exports.add(export(kk, importOids));
                }
            }
        }
        List<RootCauses.Group> list = RootCauseMerge.ordered(found.values(), maxGroups, Map.of());
        return new RootCauses(f, roots, downstream, imported, found.size(), approximate || cut[0], list, imports,
                exports);
    }

    private RootCauses.Export export(int k, List<String> importOids) {
        int o = owner[k];
        if (o <= -2) {
            return new RootCauses.Export(t.oid(drop[k]), importOids.get(-2 - o), null, null);
        }
        int i = drop[o];
        return new RootCauses.Export(t.oid(drop[k]), t.oid(i), groupKey(i), causeOf(o));
    }

    /**
     * Claims for {@code owner} the failed drops reachable from failed drop {@code from} through
     * failed drops that did not fail on their own and are not claimed yet.
     *
     * @return how many it claimed
     */
    private long claim(int from, int who) {
        int head = queued;
        queue[queued++] = from;
        long claimed = 0;
        while (head < queued) {
            int x = queue[head++];
            for (int e = start[x]; e < start[x + 1]; e++) {
                int y = next[e];
                if (!own[y] && owner[y] == -1) {
                    owner[y] = who;
                    queue[queued++] = y;
                    claimed++;
                }
            }
        }
        return claimed;
    }

    private final Map<String, String> causes = new HashMap<>();

    /** The cause root {@code k} is grouped by: its error, or a shared one past {@link #MAX_CAUSES} groups. */
    private String causeOf(int k) {
        String cause = RootCauses.cause(t.error(drop[k]));
        return causes.getOrDefault(cause, cause);
    }

    private String groupKey(int i) {
        return groups.keys().get(groups.groupOf()[i]);
    }

    private void add(Map<String, RootCauseMerge.Acc> found, int k, long down) {
        int i = drop[k];
        String key = groupKey(i);
        String cause = causeOf(k);
        RootCauseMerge.Acc acc = found.get(RootCauseMerge.id(key, cause));
        if (acc == null && found.size() >= MAX_CAUSES) {
            causes.put(cause, OTHER_CAUSES); // later roots with this error, and their exports, say so too
            cause = OTHER_CAUSES;
            acc = found.get(RootCauseMerge.id(key, cause));
        }
        if (acc == null) {
            acc = new RootCauseMerge.Acc(key, groups.labels().get(groups.groupOf()[i]), cause);
            found.put(RootCauseMerge.id(key, cause), acc);
        }
        long ended = t.ended(i);
        acc.add(1, down, ended >= 0 ? ended : null);
        if (acc.examples.size() < maxExamples) {
            acc.examples.add(new RootCauses.Example(t.oid(i), t.name(i), t.node(i), down, ended >= 0 ? ended : null));
        }
    }

    /** Failed drops {@code 0..f-1} in order of {@code time} (then position), with primitive keys. */
    private static int[] byTime(int f, java.util.function.IntToLongFunction time) {
        long min = Long.MAX_VALUE;
        for (int k = 0; k < f; k++) {
            long at = time.applyAsLong(k);
            if (at >= 0) {
                min = Math.min(min, at);
            }
        }
        long[] keys = new long[f];
        long unknown = (1L << 32) - 1;
        for (int k = 0; k < f; k++) {
            long at = time.applyAsLong(k);
            long rel = at < 0 ? unknown : Math.min(at - min, unknown - 1);
            keys[k] = rel << 31 | k;
        }
        Arrays.sort(keys);
        int[] out = new int[f];
        for (int j = 0; j < f; j++) {
            out[j] = (int) (keys[j] & Integer.MAX_VALUE);
        }
        return out;
    }
}
