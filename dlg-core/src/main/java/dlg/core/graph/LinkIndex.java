package dlg.core.graph;

import java.util.Arrays;
import java.util.List;

/**
 * The drops a graph's links name, by position, and the drops whose oid repeats an earlier one's:
 * what its reader already worked out (see {@link PartIndex}), so that a composite manager
 * splitting a graph of millions of drops does not index its oids and resolve its links again.
 */
public final class LinkIndex {

    private final PartIndex index;

    private LinkIndex(PartIndex index) {
        this.index = index;
    }

    /** The index of {@code drops}: the reader's when they are a {@link GraphReader}'s, else made now. */
    public static LinkIndex of(List<DropSpec> drops) {
        return new LinkIndex(drops instanceof IndexedDrops read ? read.index() : PartIndex.of(drops));
    }

    /**
     * The position of the drop that link {@code k} of drop {@code drop} names (the first drop with
     * that oid), or -1 when no drop has its oid.
     */
    public int target(int drop, int k) {
        return index.linkTargets[index.linkStarts[drop] + k];
    }

    /** Whether the drop at {@code position} has the oid of an earlier drop. */
    public boolean repeatsAnOid(int position) {
        return Arrays.binarySearch(index.duplicates, position) >= 0;
    }

    /** Whether some drop's oid repeats an earlier one's. */
    public boolean hasRepeatedOids() {
        return index.duplicates.length > 0;
    }
}
