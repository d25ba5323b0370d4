package dlg.core.graph;

import dlg.core.error.InvalidGraphException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The drops of one session's graph: validated parts appended one after the other. An append that
 * fails leaves what was accepted before untouched.
 *
 * <p>Not thread-safe: its owner (a session) serialises appends, and reads only after deploying.
 */
public final class GraphSpec {

    /**
     * The parameter by which an application drop limits its wait for its inputs (seconds), as
     * DALiuGE's {@code dependency_timeout}.
     */
    public static final String DEPENDENCY_TIMEOUT = "dependency_timeout";

    private static final LinkType[] LINK_TYPES = LinkType.values();
    private static final Category[] CATEGORIES = Category.values();

    /** The drops: the first part's own (immutable) list, until a second part is appended. */
    private List<DropSpec> drops = List.of();
    /**
     * The oid of each drop, by index: the keys of {@link #byOid}. Never changed in place (it may
     * be a parsed part's array).
     */
    private String[] oids = new String[0];
    private OidIndex byOid = new OidIndex(16, oids);
    /** Null while every uid equals its drop's oid (then byOid answers for uids). */
    private String[] uids;
    private OidIndex byUid;
    private final List<RawJson> reproData = new ArrayList<>();
    /** The characters of all the uids: what a list naming every drop takes (a request's limit). */
    private long uidChars;
    /** Each drop's uid, in one block in graph order: what a guessed position is compared with. */
    private final KeyChars uidBlock = new KeyChars();
    /**
     * Every link resolved once to the index of the drop it names, and its type's ordinal: links of
     * drop i start at linkStart[i]. Never changed in place (they may be a parsed part's arrays).
     */
    private int[] linkTargets = new int[0];
    private byte[] linkTypes = new byte[0];
    private int[] linkStart = {0};
    /** Whether some drop has a {@code reprodata} parameter. */
    private boolean reprodata;
    /** Whether some link names a port. */
    private boolean ports;
    /** Whether some drop sets its {@link #DEPENDENCY_TIMEOUT}. */
    private boolean dependencyTimeouts;
    /** {@link Category#ordinal()} by drop. Never changed in place (it may be a parsed part's array). */
    private byte[] categories = new byte[0];

    /**
     * Validates {@code part} against this graph (duplicates, dangling links, link kinds, cycles,
     * and whatever {@code checker} says of each drop) and adds it.
     *
     * @throws InvalidGraphException listing every problem found; nothing is added then
     */
    public void append(ParsedGraph part, SpecChecker checker) {
        GraphValidator.Result ok = new GraphValidator(this, part, checker).validate();
        PartIndex index = ok.index();
        List<DropSpec> partDrops = part.drops();
        int base = drops.size();
        int n = partDrops.size();
        appendLinks(ok.partLinkTargets(), index);
        reprodata |= index.reprodata;
        ports |= index.ports;
        dependencyTimeouts |= index.dependencyTimeouts;
        if (base == 0) {
            categories = index.categories;
        } else {
            categories = Arrays.copyOf(categories, base + n);
            System.arraycopy(index.categories, 0, categories, base, n);
        }
        if (base == 0) { // the common case: adopt the part's index instead of rebuilding it
            oids = index.oidByPosition;
            byOid = index.oids.withKeys(oids);
        } else {
            oids = Arrays.copyOf(oids, base + n);
            System.arraycopy(index.oidByPosition, 0, oids, base, n);
            byOid.keys(oids);
            for (int i = 0; i < n; i++) {
                byOid.putIfAbsent(oids[base + i], base + i);
            }
        }
        if (ok.uidsChecked()) {
            if (byUid == null) { // the first distinct uid: index every uid from now on
                uids = new String[base + n];
                byUid = new OidIndex(base + n, uids);
                for (int i = 0; i < base; i++) {
                    uids[i] = drops.get(i).uid();
                    byUid.putIfAbsent(uids[i], i);
                }
            } else {
                uids = Arrays.copyOf(uids, base + n);
                byUid.keys(uids);
            }
            for (int i = 0; i < n; i++) {
                uids[base + i] = partDrops.get(i).uid();
                byUid.putIfAbsent(uids[base + i], base + i);
            }
        }
        long partChars = 0;
        for (int i = 0; i < n; i++) {
            partChars += partDrops.get(i).uid().length();
        }
        uidChars += partChars;
        uidBlock.ensureCapacity(n, partChars);
        for (int i = 0; i < n; i++) { // now, while the part's uids lie in the order they were read
            uidBlock.add(partDrops.get(i).uid());
        }
        if (base == 0 && partDrops instanceof IndexedDrops) {
            drops = partDrops; // immutable: share it
        } else if (drops instanceof ArrayList<DropSpec> list) {
            list.addAll(partDrops);
        } else {
            List<DropSpec> all = new ArrayList<>(base + n);
            all.addAll(drops);
            all.addAll(partDrops);
            drops = all;
        }
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

    private void appendLinks(int[] targets, PartIndex part) {
        int n = drops.size();
        if (n == 0) { // none of these arrays is changed in place: share them
            linkTargets = targets;
            linkTypes = part.linkTypes;
            linkStart = part.linkStarts;
            return;
        }
        int oldLinks = linkTargets.length;
        linkTargets = Arrays.copyOf(linkTargets, oldLinks + targets.length);
        System.arraycopy(targets, 0, linkTargets, oldLinks, targets.length);
        linkTypes = Arrays.copyOf(linkTypes, oldLinks + targets.length);
        System.arraycopy(part.linkTypes, 0, linkTypes, oldLinks, targets.length);
        linkStart = Arrays.copyOf(linkStart, n + part.size() + 1);
        for (int i = 0; i < part.size(); i++) {
            linkStart[n + i + 1] = oldLinks + part.linkStarts[i + 1];
        }
    }

    // the flat link arrays, for the validator: read only
    int[] linkStarts() {
        return linkStart;
    }

    int[] linkTargets() {
        return linkTargets;
    }

    byte[] linkTypes() {
        return linkTypes;
    }

    /** The index in {@link #drops()} of the drop that link {@code link} of drop {@code drop} names. */
    public int linkTarget(int drop, int link) {
        return linkTargets[linkStart[drop] + link];
    }

    /** How many links drop {@code drop} declares. Read from flat arrays, as the two below: no drop spec is touched. */
    public int linkCount(int drop) {
        return linkStart[drop + 1] - linkStart[drop];
    }

    /** The type of link {@code link} of drop {@code drop}. */
    public LinkType linkType(int drop, int link) {
        return LINK_TYPES[linkTypes[linkStart[drop] + link]];
    }

    /**
     * Whether some drop has a {@code reprodata} parameter (what the translator gives each drop of a
     * graph made for reproducibility): known from reading, so that a deploy need not look at
     * every drop's parameters to learn that none has.
     */
    public boolean someDropHasReprodata() {
        return reprodata;
    }

    /**
     * Whether some drop sets its {@link #DEPENDENCY_TIMEOUT}: known from reading, so that a deploy
     * without a session-wide limit need not look at a million apps' parameters to learn that none
     * waits with one.
     */
    public boolean someDropSetsDependencyTimeout() {
        return dependencyTimeouts;
    }

    /**
     * Whether some link names a port ({@code "inputs": [{"A": "sleep_time"}]}): when none does, a
     * deploy wires the drops from the flat link arrays alone, without reading any drop's spec.
     */
    public boolean someLinkHasPort() {
        return ports;
    }

    /** The category of drop {@code drop}. */
    public Category category(int drop) {
        return CATEGORIES[categories[drop]];
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

    /** The characters of all the drops' uids together. */
    public long uidChars() {
        return uidChars;
    }

    /** Position of the drop with this oid in {@link #drops()}, or -1. */
    public int indexOf(String oid) {
        return byOid.get(oid);
    }

    /** Position of the drop with this uid in {@link #drops()}, or -1. */
    public int indexOfUid(String uid) {
        return byUid == null ? byOid.get(uid) : byUid.get(uid);
    }

    /** Position of the drop whose uid is uid {@code i} of {@code list}, or -1: no String made of it. */
    public int indexOfUid(UidList list, int i) {
        int from = list.start(i);
        return (byUid == null ? byOid : byUid).get(list.chars(), from, list.end(i) - from);
    }

    /**
     * As {@link #indexOfUid(UidList, int)}, trying position {@code guess} first: a caller that
     * names drops in graph order (a million roots) guesses each from the last ones, and a right
     * guess costs a comparison with a key stored next to the last one instead of a hash probe and
     * its cache misses. Exact: no two drops have the same uid ({@link GraphValidator}).
     */
    public int indexOfUid(UidList list, int i, int guess) {
        if (guess >= 0 && guess < drops.size()) {
            int from = list.start(i);
            int length = list.end(i) - from;
            int match = uidBlock.matches(guess, list.chars(), from, length);
            if (match == 1 || match == -1 // -1: the block does not hold this uid, its String is compared
                    && OidIndex.sameChars((byUid == null ? oids : uids)[guess], list.chars(), from, length)) {
                return guess;
            }
        }
        return indexOfUid(list, i);
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
            for (int e = linkStart[a]; e < linkStart[a + 1]; e++) {
                LinkType t = LINK_TYPES[linkTypes[e]];
                if (t.isIncoming()) {
                    fed[a] = true;
                } else if (t.isOutgoing()) {
                    fed[linkTargets[e]] = true;
                }
            }
        }
        List<String> roots = new ArrayList<>();
        for (int i = 0; i < fed.length; i++) {
            if (!fed[i]) {
                roots.add(uids != null ? uids[i] : oids[i]); // each drop's uid, without visiting each drop
            }
        }
        return roots;
    }
}
