package dlg.core.graph;

import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidGraphException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Checks a graph part against the graph it joins before anything is created: every problem is
 * collected, then thrown together. Works on flat arrays (the part's {@link PartIndex}: oids,
 * categories, links resolved to positions, mostly built while reading), so that a part of
 * millions of drops is checked in well under a second; drop specs are touched only by the
 * {@link SpecChecker} and to word problems.
 */
final class GraphValidator {

    /**
     * The part's index, whether its uids were checked (some uid of the graph or the part differs
     * from its drop's oid), and its links resolved to graph indexes (by the part's link numbers),
     * for the commit.
     */
    record Result(PartIndex index, boolean uidsChecked, int[] partLinkTargets) {
    }

    /** A cycle longer than this is shown abridged: a message must stay readable. */
    static final int CYCLE_SHOWN = 20;

    private static final LinkType[] LINK_TYPES = LinkType.values();
    private static final Category[] CATEGORIES = Category.values();

    private final GraphSpec graph;
    private final ParsedGraph part;
    private final SpecChecker checker;
    private final List<GraphProblem> problems;
    private final int base;
    private final PartIndex index;
    /** By link number of the part: the graph index of the drop it names, or -1. */
    private int[] targets;

    GraphValidator(GraphSpec graph, ParsedGraph part, SpecChecker checker) {
        this.graph = graph;
        this.part = part;
        this.checker = checker;
        this.problems = new ArrayList<>(part.problems());
        this.base = graph.size();
        this.index = part.drops() instanceof IndexedDrops read ? read.index() : PartIndex.of(part.drops());
    }

    Result validate() {
        List<DropSpec> drops = part.drops();
        int[] duplicates = index.duplicates;
        int nextDuplicate = 0;
        java.util.function.Consumer<GraphProblem> sink = problems::add;
        for (int i = 0; i < drops.size(); i++) {
            DropSpec d = drops.get(i);
            boolean repeated = nextDuplicate < duplicates.length && duplicates[nextDuplicate] == i;
            if (repeated) {
                nextDuplicate++;
            }
            if (repeated || base > 0 && graph.indexOf(d.oid()) >= 0) {
                problems.add(new GraphProblem(d.oid(), "duplicate oid (another drop already has it)"));
            }
            checker.check(d, sink);
        }
        boolean uidsChecked = graph.hasDistinctUids() || index.distinctUids;
        if (uidsChecked) {
            checkUids(drops);
        }
        boolean linksSound = checkLinks();
        if (linksSound) {
            checkCycles();
        }
        if (!problems.isEmpty()) {
            throw new InvalidGraphException(problems);
        }
        return new Result(index, uidsChecked, targets);
    }

    /** Uids that differ from oids need an index of their own; they must be unique too. */
    private void checkUids(List<DropSpec> drops) {
        String[] uids = new String[drops.size()];
        OidIndex byUid = new OidIndex(drops.size(), uids);
        for (int i = 0; i < drops.size(); i++) {
            DropSpec d = drops.get(i);
            uids[i] = d.uid();
            if (graph.indexOfUid(d.uid()) >= 0 || byUid.putIfAbsent(d.uid(), i) >= 0) {
                problems.add(new GraphProblem(d.oid(), "duplicate uid '" + d.uid() + "'"));
            }
        }
    }

    // ---- Links ----

    private Category category(int graphIndex) {
        return graphIndex < base ? graph.drops().get(graphIndex).category()
                : CATEGORIES[index.categories[graphIndex - base]];
    }

    /**
     * Resolves every link of the part to a graph index (a drop of the graph first, else of the
     * part); returns false when some cannot be (then cycles cannot be checked).
     */
    private boolean checkLinks() {
        List<DropSpec> drops = part.drops();
        int[] starts = index.linkStarts;
        int[] partTargets = index.linkTargets;
        byte[] types = index.linkTypes;
        // with an empty graph, graph indexes are the part's positions: share the part's array
        targets = base == 0 ? partTargets : new int[partTargets.length];
        boolean sound = true;
        for (int i = 0; i < drops.size(); i++) {
            Category category = CATEGORIES[index.categories[i]];
            for (int e = starts[i]; e < starts[i + 1]; e++) {
                int target;
                if (base == 0) {
                    target = partTargets[e];
                } else {
                    target = graph.indexOf(drops.get(i).linkOid(e - starts[i]));
                    if (target < 0) {
                        target = partTargets[e] >= 0 ? base + partTargets[e] : -1;
                    }
                    targets[e] = target;
                }
                LinkType type = LINK_TYPES[types[e]];
                if (target >= 0 && target != base + i && type.links(category, category(target))) {
                    continue;
                }
                DropSpec d = drops.get(i);
                Link l = d.link(e - starts[i]);
                if (target < 0) {
                    problems.add(new GraphProblem(d.oid(), "'" + l.type().key()
                            + "' names drop '" + l.oid() + "', which is not in the graph"));
                    sound = false;
                } else if (target == base + i) {
                    problems.add(new GraphProblem(d.oid(), "links to itself in '" + l.type().key() + "'"));
                    sound = false;
                } else if (!l.type().isDeclarableBy(d.category())) {
                    problems.add(new GraphProblem(d.oid(), d.category().withArticle()
                            + " drop cannot have '" + l.type().key() + "'"));
                } else {
                    problems.add(new GraphProblem(d.oid(), "'" + l.type().key() + "' names '" + l.oid()
                            + "', " + category(target).withArticle() + " drop; data flows only"
                            + " between application and data drops"));
                }
            }
        }
        return sound;
    }

    // ---- Cycles (Kahn's algorithm over the data-flow edges of the whole graph) ----

    private void checkCycles() {
        if (flowsForward()) {
            return; // a cycle needs an edge back to an earlier drop
        }
        int n = base + part.drops().size();
        int[] outDegree = new int[n + 1];
        forEachEdge((from, to) -> outDegree[from]++);
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            offsets[i + 1] = offsets[i] + outDegree[i];
        }
        int[] edgeTargets = new int[offsets[n]];
        int[] fill = outDegree; // reused as a cursor
        System.arraycopy(offsets, 0, fill, 0, n);
        int[] inDegree = new int[n];
        forEachEdge((from, to) -> {
            edgeTargets[fill[from]++] = to;
            inDegree[to]++;
        });
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) {
            if (inDegree[i] == 0) {
                queue[tail++] = i;
            }
        }
        while (head < tail) {
            int v = queue[head++];
            for (int e = offsets[v]; e < offsets[v + 1]; e++) {
                if (--inDegree[edgeTargets[e]] == 0) {
                    queue[tail++] = edgeTargets[e];
                }
            }
        }
        if (tail < n) {
            reportCycle(n, offsets, edgeTargets, inDegree, n - tail);
        }
    }

    /**
     * Whether every data-flow edge goes from a drop to a later one, as it does in graphs listed
     * in flow order (most are): then there is no cycle, and no need to look for one.
     */
    private boolean flowsForward() {
        boolean[] forward = {true};
        forEachEdge((from, to) -> forward[0] &= from < to);
        return forward[0];
    }

    private interface EdgeSink {
        void edge(int from, int to);
    }

    /** Data-flow edges (producer -> consumer), once per declaration (a link given on both sides twice). */
    private void forEachEdge(EdgeSink sink) {
        edges(0, base, graph.linkStarts(), graph.linkTargets(), graph.linkTypes(), sink);
        edges(base, part.drops().size(), index.linkStarts, targets, index.linkTypes, sink);
    }

    /** The edges of drops {@code first} to {@code first + count}, whose links are numbered from {@code starts[0]}. */
    private static void edges(int first, int count, int[] starts, int[] targets, byte[] types, EdgeSink sink) {
        for (int i = 0; i < count; i++) {
            for (int e = starts[i]; e < starts[i + 1]; e++) {
                LinkType t = LINK_TYPES[types[e]];
                if (t.isOutgoing()) {
                    sink.edge(first + i, targets[e]);
                } else if (t.isIncoming()) {
                    sink.edge(targets[e], first + i);
                }
            }
        }
    }

    private DropSpec spec(int index) {
        return index < base ? graph.drops().get(index) : part.drops().get(index - base);
    }

    /** Names one actual cycle: walks backwards from a stuck drop until a drop repeats. */
    private void reportCycle(int n, int[] offsets, int[] edgeTargets, int[] inDegree, int stuck) {
        int[] predOffsets = new int[n + 1];
        for (int t : edgeTargets) {
            predOffsets[t + 1]++;
        }
        for (int i = 0; i < n; i++) {
            predOffsets[i + 1] += predOffsets[i];
        }
        int[] preds = new int[edgeTargets.length];
        int[] cursor = predOffsets.clone();
        for (int v = 0; v < n; v++) {
            for (int e = offsets[v]; e < offsets[v + 1]; e++) {
                preds[cursor[edgeTargets[e]]++] = v;
            }
        }
        int start = 0;
        while (inDegree[start] == 0) {
            start++;
        }
        int[] seenAt = new int[n];
        Arrays.fill(seenAt, -1);
        List<Integer> path = new ArrayList<>();
        int v = start;
        while (seenAt[v] < 0) {
            seenAt[v] = path.size();
            path.add(v);
            int next = -1;
            for (int e = predOffsets[v]; e < predOffsets[v + 1]; e++) {
                if (inDegree[preds[e]] > 0) { // a predecessor that is itself stuck
                    next = preds[e];
                    break;
                }
            }
            v = next;
        }
        // the walk went against the flow: reverse it, then start at the cycle's first drop in graph order
        List<Integer> cycle = new ArrayList<>(path.subList(seenAt[v], path.size()));
        Collections.reverse(cycle);
        int first = cycle.indexOf(Collections.min(cycle));
        Collections.rotate(cycle, -first);
        String head = spec(cycle.getFirst()).oid();
        StringBuilder text = new StringBuilder("is on a cycle: ");
        int shown = cycle.size() > CYCLE_SHOWN ? CYCLE_SHOWN - 1 : cycle.size();
        for (int i = 0; i < shown; i++) {
            text.append(spec(cycle.get(i)).oid()).append(" -> ");
        }
        if (shown < cycle.size()) {
            text.append("... -> ");
        }
        text.append(head);
        if (shown < cycle.size()) {
            text.append(" (a cycle of ").append(cycle.size()).append(" drops)");
        }
        if (stuck > cycle.size()) {
            text.append(" (").append(stuck).append(" drops are on or downstream of a cycle)");
        }
        problems.add(new GraphProblem(head, text.toString()));
    }
}
