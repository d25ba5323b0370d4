package dlg.core.graph;

import java.util.Arrays;
import java.util.List;

/**
 * What is known of a graph part's drops before it is validated, in flat arrays: where each oid
 * is, which drops repeat an oid, every drop's category, and every link with its type and the
 * position in the part of the drop it names. The reader builds it once it has read the part (from
 * the {@link DropRecords} it took on the way); {@link #of(List)} builds it from any list of drops.
 * Immutable once built: the validator and the graph that adopts it only read it.
 */
final class PartIndex {

    private static final int[] NONE = {};
    /** Oids looked up together (see {@link #of(List)}). */
    static final int BATCH = 256;

    /** The oid of each drop. */
    final String[] oidByPosition;
    /** Oid to the position of the first drop of the part that has it (keys: {@link #oidByPosition}). */
    final OidIndex oids;
    /** Positions of the drops whose oid an earlier drop of the part has, ascending. */
    final int[] duplicates;
    /** Whether some drop's uid differs from its oid. */
    final boolean distinctUids;
    /** {@link Category#ordinal()} by drop. */
    final byte[] categories;
    /** The links of drop {@code i} are numbered from {@code linkStarts[i]} to {@code linkStarts[i + 1]} (excluded). */
    final int[] linkStarts;
    /** By link number: the position in the part of the drop it names, or -1 when no drop of the part has that oid. */
    final int[] linkTargets;
    /** {@link LinkType#ordinal()} by link number. */
    final byte[] linkTypes;

    private PartIndex(String[] oidByPosition, OidIndex oids, int[] duplicates, boolean distinctUids,
                      byte[] categories, int[] linkStarts, int[] linkTargets, byte[] linkTypes) {
        this.oidByPosition = oidByPosition;
        this.oids = oids;
        this.duplicates = duplicates;
        this.distinctUids = distinctUids;
        this.categories = categories;
        this.linkStarts = linkStarts;
        this.linkTargets = linkTargets;
        this.linkTypes = linkTypes;
    }

    static PartIndex of(List<DropSpec> drops) {
        return ofRecords(List.of(DropRecords.of(drops)));
    }

    /**
     * Indexes the drops of {@code parts}, one after the other: first every oid, then every link,
     * each in batches. The index of a large part is far larger than the CPU caches, and a lookup
     * there is a cache miss, which would be waited for. So a batch first loads the first slot each
     * of its oids will probe, all at once: the CPU waits for those loads together, not in turn.
     */
    static PartIndex ofRecords(List<DropRecords> parts) {
        int n = 0;
        int links = 0;
        boolean distinctUids = false;
        for (DropRecords r : parts) {
            n += r.size();
            links += r.links();
            distinctUids |= r.distinctUids();
        }
        String[] oidByPosition = new String[n];
        int at = 0;
        for (DropRecords r : parts) {
            r.copyOids(oidByPosition, at);
            at += r.size();
        }
        OidIndex oids = new OidIndex(n, oidByPosition);
        byte[] categories = new byte[n];
        int[] linkStarts = new int[n + 1];
        int[] duplicates = NONE;
        int duplicateCount = 0;
        int touched = 0;
        int first = 0;
        int firstLink = 0;
        for (DropRecords r : parts) {
            for (int from = 0; from < r.size(); from += BATCH) {
                int to = Math.min(r.size(), from + BATCH);
                for (int i = from; i < to; i++) {
                    touched += oids.touch(r.oidHash(i));
                }
                for (int i = from; i < to; i++) {
                    int position = first + i;
                    categories[position] = r.category(i);
                    linkStarts[position + 1] = firstLink + r.linkEnd(i);
                    if (oids.putIfAbsent(oidByPosition[position], r.oidHash(i), position) >= 0) {
                        if (duplicateCount == duplicates.length) {
                            duplicates = Arrays.copyOf(duplicates, Math.max(4, duplicateCount * 2));
                        }
                        duplicates[duplicateCount++] = position;
                    }
                }
            }
            first += r.size();
            firstLink += r.links();
        }
        int[] linkTargets = new int[links];
        byte[] linkTypes = new byte[links];
        firstLink = 0;
        for (DropRecords r : parts) {
            for (int from = 0; from < r.links(); from += BATCH) {
                int to = Math.min(r.links(), from + BATCH);
                for (int e = from; e < to; e++) {
                    touched += oids.touch(r.linkHash(e));
                }
                for (int e = from; e < to; e++) {
                    linkTargets[firstLink + e] = oids.get(r.linkOid(e), r.linkHash(e));
                    linkTypes[firstLink + e] = r.linkType(e);
                }
            }
            firstLink += r.links();
        }
        sink = touched;
        return new PartIndex(oidByPosition, oids, duplicateCount == 0 ? NONE : Arrays.copyOf(duplicates, duplicateCount),
                distinctUids, categories, linkStarts, linkTargets, linkTypes);
    }

    /** Keeps the loads of the first passes from being optimised away. */
    @SuppressWarnings("unused")
    private static volatile int sink;

    int size() {
        return categories.length;
    }
}
