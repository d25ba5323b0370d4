package dlg.core.graph;

import dlg.core.error.InvalidGraphException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The drops of one session's graph: validated parts appended one after the other. An append that
 * fails leaves what was accepted before untouched.
 *
 * <p>Not thread-safe: its owner (a session) serialises appends, and reads only after deploying.
 */
public final class GraphSpec {

    private final List<DropSpec> drops = new ArrayList<>();
    private OidIndex byOid = new OidIndex(16);
    /** Null while every uid equals its drop's oid (then byOid answers for uids). */
    private OidIndex byUid;
    private final List<RawJson> reproData = new ArrayList<>();
    /** Every link resolved once to the index of the drop it names: links of drop i start at linkStart[i]. */
    private int[] linkTargets = new int[0];
    private int[] linkStart = {0};

    /**
     * Validates {@code part} against this graph (duplicates, dangling links, link kinds, cycles,
     * and whatever {@code checker} says of each drop) and adds it.
     *
     * @throws InvalidGraphException listing every problem found; nothing is added then
     */
    public void append(ParsedGraph part, SpecChecker checker) {
        GraphValidator.Result ok = new GraphValidator(this, part, checker).validate();
        appendLinks(ok.partLinkTargets(), part.drops());
        if (drops.isEmpty()) { // the common case: adopt the part's indexes instead of rebuilding them
            byOid = ok.partOids();
        } else {
            for (int i = 0; i < part.drops().size(); i++) {
                byOid.putIfAbsent(part.drops().get(i).oid(), drops.size() + i);
            }
        }
        if (ok.partUids() != null) {
            if (byUid == null) { // the first distinct uid: index every uid from now on
                byUid = new OidIndex(drops.size() + part.drops().size());
                for (int i = 0; i < drops.size(); i++) {
                    byUid.putIfAbsent(drops.get(i).uid(), i);
                }
            }
            for (int i = 0; i < part.drops().size(); i++) {
                byUid.putIfAbsent(part.drops().get(i).uid(), drops.size() + i);
            }
        }
        drops.addAll(part.drops());
        if (part.reproData() != null) {
            reproData.add(part.reproData());
        }
    }

    /**
     * This graph with one more link: {@code rhOid} added to the {@code type} links of drop
     * {@code lhOid} (DALiuGE's {@code linkGraphParts}: with CONSUMER, rh becomes a consumer of
     * lh). The whole graph is validated again; this one is left unchanged.
     *
     * @throws InvalidGraphException for an unknown oid, a link the drops' kinds do not allow, a cycle
     */
    public GraphSpec withLink(String lhOid, LinkType type, String rhOid, SpecChecker checker) {
        int lh = indexOf(lhOid);
        List<dlg.core.error.GraphProblem> unknown = new ArrayList<>();
        if (lh < 0) {
            unknown.add(new dlg.core.error.GraphProblem(lhOid, "cannot be linked: no drop of the graph has this oid"));
        }
        if (indexOf(rhOid) < 0) {
            unknown.add(new dlg.core.error.GraphProblem(rhOid, "cannot be linked: no drop of the graph has this oid"));
        }
        if (!unknown.isEmpty()) {
            throw new InvalidGraphException(unknown);
        }
        DropSpec d = drops.get(lh);
        List<Link> links = new ArrayList<>(d.links());
        links.add(new Link(type, rhOid, null));
        List<DropSpec> all = new ArrayList<>(drops);
        all.set(lh, new DropSpec(d.oid(), d.uid(), d.category(), d.dropClass(), d.name(), d.node(), d.island(),
                List.copyOf(links), d.params(), d.appArgs()));
        GraphSpec linked = new GraphSpec();
        linked.append(new ParsedGraph(null, all, reproData.isEmpty() ? null : reproData.getFirst(), List.of()), checker);
        for (int i = 1; i < reproData.size(); i++) {
            linked.reproData.add(reproData.get(i));
        }
        return linked;
    }

    private void appendLinks(int[] targets, List<DropSpec> partDrops) {
        int n = drops.size();
        int oldLinks = linkTargets.length;
        linkTargets = java.util.Arrays.copyOf(linkTargets, oldLinks + targets.length);
        System.arraycopy(targets, 0, linkTargets, oldLinks, targets.length);
        linkStart = java.util.Arrays.copyOf(linkStart, n + partDrops.size() + 1);
        for (int i = 0; i < partDrops.size(); i++) {
            linkStart[n + i + 1] = linkStart[n + i] + partDrops.get(i).links().size();
        }
    }

    /** The index in {@link #drops()} of the drop that link {@code link} of drop {@code drop} names. */
    public int linkTarget(int drop, int link) {
        return linkTargets[linkStart[drop] + link];
    }

    /** Every drop in the order appended. */
    public List<DropSpec> drops() {
        return Collections.unmodifiableList(drops);
    }

    public int size() {
        return drops.size();
    }

    public boolean isEmpty() {
        return drops.isEmpty();
    }

    /** Position of the drop with this oid in {@link #drops()}, or -1. */
    public int indexOf(String oid) {
        return byOid.get(oid);
    }

    /** Position of the drop with this uid in {@link #drops()}, or -1. */
    public int indexOfUid(String uid) {
        return byUid == null ? byOid.get(uid) : byUid.get(uid);
    }

    boolean hasDistinctUids() {
        return byUid != null;
    }

    /** The graph-wide reproducibility elements of the appended parts. */
    public List<RawJson> reproData() {
        return Collections.unmodifiableList(reproData);
    }

    /**
     * The uids of the drops nothing feeds: data drops without producers and applications without
     * inputs, whichever side declared the link. DALiuGE's {@code get_roots} does the same but
     * compares categoryType case-sensitively, and so finds too many roots in lower-case graphs.
     */
    public List<String> roots() {
        boolean[] fed = new boolean[drops.size()];
        for (int a = 0; a < drops.size(); a++) {
            List<Link> links = drops.get(a).links();
            for (int k = 0; k < links.size(); k++) {
                LinkType t = links.get(k).type();
                if (t.isIncoming()) {
                    fed[a] = true;
                } else if (t.isOutgoing()) {
                    fed[linkTarget(a, k)] = true;
                }
            }
        }
        List<String> roots = new ArrayList<>();
        for (int i = 0; i < fed.length; i++) {
            if (!fed[i]) {
                roots.add(drops.get(i).uid());
            }
        }
        return roots;
    }
}
