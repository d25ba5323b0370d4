package dlg.core.graph;

import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidGraphException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Checks a graph part against the graph it joins before anything is created: every problem is
 * collected, then thrown together. Each link is resolved once to an int index; the rest works on
 * flat int arrays, so that a part of millions of drops is checked in well under a second.
 */
final class GraphValidator {

    /**
     * The part's own oid and uid indexes (positions relative to the part; no uid index when every
     * uid is its drop's oid), and its links resolved
     * to graph indexes (in the order of the part's drops and their links), for the commit.
     */
    record Result(OidIndex partOids, OidIndex partUids, int[] partLinkTargets) {
    }

    /** A cycle longer than this is shown abridged: a message must stay readable. */
    static final int CYCLE_SHOWN = 20;

    private final GraphSpec graph;
    private final ParsedGraph part;
    private final SpecChecker checker;
    private final List<GraphProblem> problems;
    private final int base;
    private int[] targets;
    private int[] starts;

    GraphValidator(GraphSpec graph, ParsedGraph part, SpecChecker checker) {
        this.graph = graph;
        this.part = part;
        this.checker = checker;
        this.problems = new ArrayList<>(part.problems());
        this.base = graph.size();
    }

    Result validate() {
        List<DropSpec> drops = part.drops();
        OidIndex oids = new OidIndex(drops.size());
        java.util.function.Consumer<GraphProblem> sink = problems::add;
        for (int i = 0; i < drops.size(); i++) {
            DropSpec d = drops.get(i);
            if (graph.indexOf(d.oid()) >= 0 || oids.putIfAbsent(d.oid(), i) >= 0) {
                problems.add(new GraphProblem(d.oid(), "duplicate oid (another drop already has it)"));
            }
            checker.check(d, sink);
        }
        OidIndex uids = graph.hasDistinctUids() || drops.stream().anyMatch(d -> !d.uid().equals(d.oid()))
                ? checkUids(drops) : null;
        boolean linksSound = checkLinks(oids);
        if (linksSound) {
            checkCycles();
        }
        if (!problems.isEmpty()) {
            throw new InvalidGraphException(problems);
        }
        return new Result(oids, uids, targets);
    }

    /** Uids that differ from oids need an index of their own; they must be unique too. */
    private OidIndex checkUids(List<DropSpec> drops) {
        OidIndex uids = new OidIndex(drops.size());
        for (int i = 0; i < drops.size(); i++) {
            DropSpec d = drops.get(i);
            if (graph.indexOfUid(d.uid()) >= 0 || uids.putIfAbsent(d.uid(), i) >= 0) {
                problems.add(new GraphProblem(d.oid(), "duplicate uid '" + d.uid() + "'"));
            }
        }
        return uids;
    }

    // ---- Links ----

    private DropSpec spec(int index) {
        return index < base ? graph.drops().get(index) : part.drops().get(index - base);
    }

    /** Resolves every link of the part; returns false when some cannot be (then cycles cannot be checked). */
    private boolean checkLinks(OidIndex partOids) {
        List<DropSpec> drops = part.drops();
        starts = new int[drops.size() + 1];
        for (int i = 0; i < drops.size(); i++) {
            starts[i + 1] = starts[i] + drops.get(i).links().size();
        }
        targets = new int[starts[drops.size()]];
        boolean sound = true;
        for (int i = 0; i < drops.size(); i++) {
            DropSpec d = drops.get(i);
            List<Link> links = d.links();
            for (int k = 0; k < links.size(); k++) {
                Link l = links.get(k);
                int target = graph.indexOf(l.oid());
                if (target < 0) {
                    int t = partOids.get(l.oid());
                    target = t >= 0 ? base + t : -1;
                }
                targets[starts[i] + k] = target;
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
                } else if (!l.type().acceptsTarget(spec(target).category())) {
                    problems.add(new GraphProblem(d.oid(), "'" + l.type().key() + "' names '" + l.oid()
                            + "', " + spec(target).category().withArticle() + " drop; data flows only"
                            + " between application and data drops"));
                }
            }
        }
        return sound;
    }

    /** The graph index named by link {@code k} of drop {@code a} (existing graph or part). */
    private int target(int a, int k) {
        return a < base ? graph.linkTarget(a, k) : targets[starts[a - base] + k];
    }

    // ---- Cycles (Kahn's algorithm over the data-flow edges of the whole graph) ----

    private void checkCycles() {
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

    private interface EdgeSink {
        void edge(int from, int to);
    }

    /** Data-flow edges (producer -> consumer), once per declaration (a link given on both sides twice). */
    private void forEachEdge(EdgeSink sink) {
        int n = base + part.drops().size();
        for (int a = 0; a < n; a++) {
            List<Link> links = spec(a).links();
            for (int k = 0; k < links.size(); k++) {
                LinkType t = links.get(k).type();
                if (t.isOutgoing()) {
                    sink.edge(a, target(a, k));
                } else if (t.isIncoming()) {
                    sink.edge(target(a, k), a);
                }
            }
        }
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
