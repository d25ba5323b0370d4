package dlg.web;

import dlg.core.graph.DropSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the root causes of a composite's nodes (or of a MasterManager's islands) into one
 * answer of the same shape ({@link RootCauses}): groups of the same construct and cause add up;
 * each node's imports are followed through the other nodes' exports to their root, whose group
 * (and example) gets their count; imports no node here resolves, and all exports, are passed on
 * for the level above.
 */
final class RootCauseMerge {

    /** Exports followed at most, from an import to its root (a chain of nodes). */
    private static final int MAX_HOPS = 64;

    private RootCauseMerge() {
    }

    static RootCauses merge(List<RootCauses> parts) {
        return merge(parts, RootCauses.MAX_GROUPS, RootCauses.MAX_EXAMPLES, RootCauses.MAX_BOUNDARY);
    }

    static RootCauses merge(List<RootCauses> parts, int maxGroups, int maxExamples, int maxBoundary) {
        Map<String, Acc> groups = new LinkedHashMap<>();
        Map<String, RootCauses.Export> exports = new LinkedHashMap<>();
        Map<String, Long> imports = new LinkedHashMap<>();
        long failed = 0;
        long roots = 0;
        long downstream = 0;
        long imported = 0;
        int unseenGroups = 0;
        boolean approximate = false;
        for (RootCauses p : parts) {
            failed += p.failed();
            roots += p.roots();
            downstream += p.downstream();
            imported += p.imported();
            approximate |= p.approximate();
            unseenGroups += Math.max(0, p.groupCount() - p.groups().size());
            for (RootCauses.Group g : p.groups()) {
                Acc acc = groups.computeIfAbsent(id(g.key(), g.cause()), x -> new Acc(g.key(), g.construct(), g.cause()));
                acc.add(g.roots(), g.downstream(), g.first());
                acc.examples.addAll(g.examples());
            }
            for (RootCauses.Export e : p.exports()) {
                exports.putIfAbsent(e.oid(), e);
            }
            for (RootCauses.Import i : p.imports()) {
                imports.merge(i.oid(), i.drops(), Long::sum);
            }
        }
        Map<String, Long> extra = new HashMap<>(); // downstream drops of other nodes, by root oid
        Map<String, Long> open = new LinkedHashMap<>(); // by the farthest drop followed to
        for (var i : imports.entrySet()) {
            RootCauses.Export root = resolve(exports, i.getKey());
            if (root.key() == null) {
                open.merge(root.root(), i.getValue(), Long::sum);
                continue;
            }
            long n = i.getValue();
            imported -= n;
            downstream += n;
            extra.merge(root.root(), n, Long::sum);
            Acc acc = groups.get(id(root.key(), root.cause()));
            if (acc != null) {
                acc.add(0, n, null);
            } else {
                approximate = true; // its group was cut by its node: counted in the totals only
            }
        }
        List<RootCauses.Export> out = new ArrayList<>();
        for (RootCauses.Export e : exports.values()) {
            if (out.size() == maxBoundary) {
                approximate = true;
                break;
            }
            RootCauses.Export root = e.key() == null ? resolve(exports, e.root()) : e;
            out.add(new RootCauses.Export(e.oid(), root.root(), root.key(), root.cause()));
        }
        List<RootCauses.Import> unresolved = new ArrayList<>();
        for (var e : open.entrySet()) {
            unresolved.add(new RootCauses.Import(e.getKey(), e.getValue()));
        }
        unresolved.sort(Comparator.comparingLong(RootCauses.Import::drops).reversed());
        if (unresolved.size() > maxBoundary) {
            approximate = true;
            unresolved = unresolved.subList(0, maxBoundary);
        }
        for (Acc acc : groups.values()) {
            acc.maxExamples = maxExamples;
        }
        return new RootCauses(failed, roots, downstream, imported, groups.size() + unseenGroups,
                approximate || unseenGroups > 0, ordered(groups.values(), maxGroups, extra), unresolved, out);
    }

    /**
     * What drop {@code oid} of another node is blamed on, following the exports: the root with
     * its group, or (key null) the farthest drop of another node the exports here lead to.
     */
    private static RootCauses.Export resolve(Map<String, RootCauses.Export> exports, String oid) {
        RootCauses.Export at = new RootCauses.Export(oid, oid, null, null);
        for (int hops = 0; at.key() == null && hops < MAX_HOPS; hops++) {
            RootCauses.Export e = exports.get(at.root());
            if (e == null) {
                break;
            }
            at = e;
        }
        return at;
    }

    /**
     * The root causes of a node that cannot answer (down, or lost by the session): every drop it
     * was sent is a root, all in one group naming the node and why, and exported to the nodes
     * that read it.
     *
     * @param readElsewhere oids of drops that drops of other nodes read: links the split cut
     */
    static RootCauses lost(String node, List<DropSpec> drops, String why, Set<String> readElsewhere) {
        return lost(node, drops, why, readElsewhere, RootCauses.MAX_EXAMPLES, RootCauses.MAX_BOUNDARY);
    }

    static RootCauses lost(String node, List<DropSpec> drops, String why, Set<String> readElsewhere, int maxExamples,
                           int maxBoundary) {
        if (drops.isEmpty()) {
            return RootCauses.NONE;
        }
        LostDropTable t = new LostDropTable(drops, why);
        String key = "node=" + node;
        String cause = RootCauses.cause(why);
        List<RootCauses.Example> examples = new ArrayList<>();
        List<RootCauses.Export> exports = new ArrayList<>();
        boolean[] cut = {false};
        for (int i = 0; i < t.size(); i++) {
            if (examples.size() < maxExamples) {
                examples.add(new RootCauses.Example(t.oid(i), t.name(i), t.node(i), 0, null));
            }
            boolean[] read = {readElsewhere.contains(t.oid(i))};
            t.forEachRemoteLinkOf(i, (oid, incoming) -> read[0] |= !incoming);
            if (read[0]) {
                if (exports.size() < maxBoundary) {
                    exports.add(new RootCauses.Export(t.oid(i), t.oid(i), key, cause));
                } else {
                    cut[0] = true;
                }
            }
        }
        RootCauses.Group g = new RootCauses.Group(key, "node " + node, cause, t.size(), 0, null, examples);
        return new RootCauses(t.size(), t.size(), 0, 0, 1, cut[0], List.of(g), List.of(), exports);
    }

    static String id(String key, String cause) {
        return key + '\n' + cause;
    }

    /**
     * The first {@code max} groups, in order of their first failure (unknown first: a lost node),
     * each with its first examples, whose downstream counts get {@code extra} (by oid).
     */
    static List<RootCauses.Group> ordered(Collection<Acc> all, int max, Map<String, Long> extra) {
        List<Acc> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing((Acc a) -> a.first, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(a -> a.key).thenComparing(a -> a.cause));
        List<RootCauses.Group> out = new ArrayList<>();
        for (Acc a : sorted.subList(0, Math.min(max, sorted.size()))) {
            out.add(a.group(extra));
        }
        return out;
    }

    /** One group being added up. */
    static final class Acc {

        final String key;
        final String construct;
        final String cause;
        long roots;
        long downstream;
        Long first;
        final List<RootCauses.Example> examples = new ArrayList<>();
        int maxExamples = Integer.MAX_VALUE;

        Acc(String key, String construct, String cause) {
            this.key = key;
            this.construct = construct;
            this.cause = cause;
        }

        void add(long roots, long downstream, Long first) {
            this.roots += roots;
            this.downstream += downstream;
            if (first != null && (this.first == null || first < this.first)) {
                this.first = first;
            }
        }

        RootCauses.Group group(Map<String, Long> extra) {
            List<RootCauses.Example> shown = new ArrayList<>();
            for (RootCauses.Example e : examples) {
                Long more = extra.get(e.oid());
                shown.add(more == null ? e : new RootCauses.Example(e.oid(), e.name(), e.node(), e.downstream() + more,
                        e.ended()));
            }
            shown.sort(Comparator.comparing(RootCauses.Example::ended, Comparator.nullsFirst(Comparator.naturalOrder())));
            return new RootCauses.Group(key, construct, cause, roots, downstream, first,
                    shown.subList(0, Math.min(maxExamples, shown.size())));
        }
    }
}
