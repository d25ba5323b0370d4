package dlg.core.graph;

import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidGraphException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a graph part against the graph it joins before anything is created: every problem is
 * collected, then thrown together. Works on int indexes and flat arrays so that a part of
 * millions of drops is checked in well under a second.
 */
final class GraphValidator {

    /** The part's own oid and uid indexes (positions relative to the part), for the commit. */
    record Result(OidIndex partOids, OidIndex partUids) {
    }

    private final GraphSpec graph;
    private final ParsedGraph part;
    private final SpecChecker checker;
    private final List<GraphProblem> problems;
    private final int base;

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
        OidIndex uids = new OidIndex(drops.size());
        for (int i = 0; i < drops.size(); i++) {
            DropSpec d = drops.get(i);
            if (graph.indexOf(d.oid()) >= 0 || oids.putIfAbsent(d.oid(), i) >= 0) {
                problems.add(new GraphProblem(d.oid(), "duplicate oid (another drop already has it)"));
            } else if (graph.indexOfUid(d.uid()) >= 0 || uids.putIfAbsent(d.uid(), i) >= 0) {
                problems.add(new GraphProblem(d.oid(), "duplicate uid '" + d.uid() + "'"));
            }
            checker.check(d, problems::add);
        }
        boolean linksSound = checkLinks(oids);
        if (problems.isEmpty() || linksSound) {
            checkCycles(oids);
        }
        if (!problems.isEmpty()) {
            throw new InvalidGraphException(problems);
        }
        return new Result(oids, uids);
    }

    // ---- Links ----

    private int resolve(String oid, OidIndex partOids) {
        int i = graph.indexOf(oid);
        if (i >= 0) {
            return i;
        }
        i = partOids.get(oid);
        return i >= 0 ? base + i : -1;
    }

    private DropSpec spec(int index) {
        return index < base ? graph.drops().get(index) : part.drops().get(index - base);
    }

    /** Returns false when some link cannot be resolved (then cycles cannot be checked). */
    private boolean checkLinks(OidIndex partOids) {
        boolean sound = true;
        for (DropSpec d : part.drops()) {
            for (Link l : d.links()) {
                if (!l.type().isDeclarableBy(d.category())) {
                    problems.add(new GraphProblem(d.oid(), "a " + d.category().wireName()
                            + " drop cannot have '" + l.type().key() + "'"));
                    continue;
                }
                if (l.oid().equals(d.oid())) {
                    problems.add(new GraphProblem(d.oid(), "links to itself in '" + l.type().key() + "'"));
                    sound = false;
                    continue;
                }
                int target = resolve(l.oid(), partOids);
                if (target < 0) {
                    problems.add(new GraphProblem(d.oid(), "'" + l.type().key()
                            + "' names drop '" + l.oid() + "', which is not in the graph"));
                    sound = false;
                    continue;
                }
                Category tc = spec(target).category();
                if (!l.type().acceptsTarget(tc)) {
                    problems.add(new GraphProblem(d.oid(), "'" + l.type().key() + "' names '"
                            + l.oid() + "', a " + tc.wireName() + " drop; data flows only between "
                            + "application and data drops"));
                }
            }
        }
        return sound;
    }

    // ---- Cycles (Kahn's algorithm over the data-flow edges of the whole graph) ----

    private void checkCycles(OidIndex partOids) {
        int n = base + part.drops().size();
        int[] outDegree = new int[n + 1];
        forEachEdge(partOids, (from, to) -> outDegree[from]++);
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            offsets[i + 1] = offsets[i] + outDegree[i];
        }
        int[] targets = new int[offsets[n]];
        int[] fill = outDegree; // reused as a cursor
        System.arraycopy(offsets, 0, fill, 0, n);
        int[] inDegree = new int[n];
        forEachEdge(partOids, (from, to) -> {
            targets[fill[from]++] = to;
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
                if (--inDegree[targets[e]] == 0) {
                    queue[tail++] = targets[e];
                }
            }
        }
        if (tail < n) {
            reportCycle(n, offsets, targets, inDegree, n - tail);
        }
    }

    private interface EdgeSink {
        void edge(int from, int to);
    }

    /** Data-flow edges (producer -> consumer), once per declaration (a link given on both sides twice). */
    private void forEachEdge(OidIndex partOids, EdgeSink sink) {
        int n = base + part.drops().size();
        for (int a = 0; a < n; a++) {
            for (Link l : spec(a).links()) {
                int b = resolve(l.oid(), partOids);
                if (b < 0 || b == a) {
                    continue;
                }
                if (l.type().isOutgoing()) {
                    sink.edge(a, b);
                } else if (l.type().isIncoming()) {
                    sink.edge(b, a);
                }
            }
        }
    }

    /** Names one actual cycle: walks backwards from a stuck drop until a drop repeats. */
    private void reportCycle(int n, int[] offsets, int[] targets, int[] inDegree, int stuck) {
        int[] predOffsets = new int[n + 1];
        for (int e = 0; e < targets.length; e++) {
            predOffsets[targets[e] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            predOffsets[i + 1] += predOffsets[i];
        }
        int[] preds = new int[targets.length];
        int[] cursor = predOffsets.clone();
        for (int v = 0; v < n; v++) {
            for (int e = offsets[v]; e < offsets[v + 1]; e++) {
                preds[cursor[targets[e]]++] = v;
            }
        }
        int start = 0;
        while (inDegree[start] == 0) {
            start++;
        }
        int[] seenAt = new int[n];
        java.util.Arrays.fill(seenAt, -1);
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
        List<Integer> cycle = path.subList(seenAt[v], path.size());
        StringBuilder text = new StringBuilder("is on a cycle: ");
        for (int i = cycle.size() - 1; i >= 0; i--) {
            text.append(spec(cycle.get(i)).oid()).append(" -> ");
        }
        text.append(spec(cycle.getLast()).oid());
        if (stuck > cycle.size()) {
            text.append(" (").append(stuck).append(" drops are on or downstream of a cycle)");
        }
        problems.add(new GraphProblem(spec(cycle.getLast()).oid(), text.toString()));
    }
}
