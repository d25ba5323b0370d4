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
    private OidIndex byUid = new OidIndex(16);
    private final List<RawJson> reproData = new ArrayList<>();

    /**
     * Validates {@code part} against this graph (duplicates, dangling links, link kinds, cycles,
     * and whatever {@code checker} says of each drop) and adds it.
     *
     * @throws InvalidGraphException listing every problem found; nothing is added then
     */
    public void append(ParsedGraph part, SpecChecker checker) {
        GraphValidator.Result ok = new GraphValidator(this, part, checker).validate();
        if (drops.isEmpty()) { // the common case: adopt the part's indexes instead of rebuilding them
            byOid = ok.partOids();
            byUid = ok.partUids();
        } else {
            int base = drops.size();
            for (int i = 0; i < part.drops().size(); i++) {
                DropSpec d = part.drops().get(i);
                byOid.putIfAbsent(d.oid(), base + i);
                byUid.putIfAbsent(d.uid(), base + i);
            }
        }
        drops.addAll(part.drops());
        if (part.reproData() != null) {
            reproData.add(part.reproData());
        }
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
        return byUid.get(uid);
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
            for (Link l : drops.get(a).links()) {
                int b = byOid.get(l.oid());
                if (l.type().isIncoming()) {
                    fed[a] = true;
                } else if (l.type().isOutgoing() && b >= 0) {
                    fed[b] = true;
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
