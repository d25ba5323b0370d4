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

    /** The oid of each drop. */
    final String[] oidByPosition;
    /** Oid to the position of the first drop of the part that has it (keys: {@link #oidByPosition}). */
    final OidIndex oids;
    /** Positions of the drops whose oid an earlier drop of the part has, ascending. */
    final int[] duplicates;
    /** Whether some drop's uid differs from its oid. */
    final boolean distinctUids;
    /** Whether some drop has a {@code reprodata} parameter. */
    final boolean reprodata;
    /** Whether some link names a port. */
    final boolean ports;
    /** Whether some drop sets its {@link GraphSpec#DEPENDENCY_TIMEOUT}. */
    final boolean dependencyTimeouts;
    /** {@link Category#ordinal()} by drop. */
    final byte[] categories;
    /** The links of drop {@code i} are numbered from {@code linkStarts[i]} to {@code linkStarts[i + 1]} (excluded). */
    final int[] linkStarts;
    /** By link number: the position in the part of the drop it names, or -1 when no drop of the part has that oid. */
    final int[] linkTargets;
    /** {@link LinkType#ordinal()} by link number. */
    final byte[] linkTypes;

    private PartIndex(String[] oidByPosition, OidIndex oids, int[] duplicates, boolean distinctUids,
                      boolean reprodata, boolean ports, boolean dependencyTimeouts, byte[] categories,
                      int[] linkStarts, int[] linkTargets, byte[] linkTypes) {
        this.reprodata = reprodata;
        this.ports = ports;
        this.dependencyTimeouts = dependencyTimeouts;
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

    /** How far from the drop declaring a link the drop it names is looked for first (see {@link #ofRecords}). */
    private static final int NEAR = 4;

    /**
     * Indexes the drops of {@code parts}, one after the other. The index of a large part is far
     * larger than the CPU caches, and filling it in drop order would wait for a cache miss at
     * each oid. So the oids are first sorted (stably) by the region of the table where they go,
     * then added region after region, each region in cache. Links mostly name a drop a few places
     * away, and share its oid String (the reader sees to it): when no oid repeats, that drop is
     * the one named, found without the index. The other links are looked up as the oids were
     * added, region after region.
     */
    static PartIndex ofRecords(List<DropRecords> parts) {
        int n = 0;
        int links = 0;
        boolean distinctUids = false;
        boolean reprodata = false;
        boolean ports = false;
        boolean dependencyTimeouts = false;
        for (DropRecords r : parts) {
            n += r.size();
            links += r.links();
            distinctUids |= r.distinctUids();
            reprodata |= r.reprodata();
            ports |= r.ports();
            dependencyTimeouts |= r.dependencyTimeouts();
        }
        String[] oidByPosition = new String[n];
        int[] oidHashes = new int[n];
        byte[] categories = new byte[n];
        int[] linkStarts = new int[n + 1];
        byte[] linkTypes = new byte[links];
        int first = 0;
        int firstLink = 0;
        for (DropRecords r : parts) {
            r.copyOids(oidByPosition, first);
            r.copyOidHashes(oidHashes, first);
            r.copyCategories(categories, first);
            r.copyLinkEnds(linkStarts, first + 1, firstLink);
            r.copyLinkTypes(linkTypes, firstLink);
            first += r.size();
            firstLink += r.links();
        }

        OidIndex oids = new OidIndex(n, oidByPosition);
        int[] order = new int[n];
        int[] orderedHashes = new int[n];
        sortByRegion(oids, oidHashes, n, order, orderedHashes);
        int[] duplicates = NONE;
        int duplicateCount = 0;
        for (int k = 0; k < n; k++) {
            if (oids.putIfAbsentAt(orderedHashes[k], order[k]) >= 0) {
                if (duplicateCount == duplicates.length) {
                    duplicates = Arrays.copyOf(duplicates, Math.max(4, duplicateCount * 2));
                }
                duplicates[duplicateCount++] = order[k];
            }
        }
        duplicates = duplicateCount == 0 ? NONE : Arrays.copyOf(duplicates, duplicateCount);
        Arrays.sort(duplicates); // in document order

        int[] linkTargets = new int[links];
        int[] far = new int[Math.min(links, 1024)];
        String[] farOids = new String[far.length];
        int[] farHashes = new int[far.length];
        int farCount = 0;
        int position = 0;
        int e = 0;
        for (DropRecords r : parts) {
            for (int i = 0, k = 0; i < r.size(); i++, position++) {
                for (int end = r.linkEnd(i); k < end; k++, e++) {
                    String oid = r.linkOid(k);
                    int t = duplicateCount == 0 ? near(oidByPosition, position, oid) : -1;
                    if (t >= 0) {
                        linkTargets[e] = t;
                    } else {
                        if (farCount == far.length) {
                            far = Arrays.copyOf(far, Math.min(links, farCount * 2));
                            farOids = Arrays.copyOf(farOids, far.length);
                            farHashes = Arrays.copyOf(farHashes, far.length);
                        }
                        far[farCount] = e;
                        farOids[farCount] = oid;
                        farHashes[farCount++] = r.linkHash(k);
                    }
                }
            }
        }
        order = new int[farCount];
        orderedHashes = new int[farCount];
        sortByRegion(oids, farHashes, farCount, order, orderedHashes);
        for (int k = 0; k < farCount; k++) {
            linkTargets[far[order[k]]] = oids.candidate(orderedHashes[k]);
        }
        for (int k = 0; k < farCount; k++) {
            int t = linkTargets[far[k]];
            if (t >= 0 && oidByPosition[t] != farOids[k] && !oidByPosition[t].equals(farOids[k])) {
                linkTargets[far[k]] = oids.get(farOids[k], farHashes[k]); // another oid with the same hash
            }
        }
        return new PartIndex(oidByPosition, oids, duplicates, distinctUids, reprodata, ports, dependencyTimeouts,
                categories, linkStarts, linkTargets, linkTypes);
    }

    /** The drop at most {@link #NEAR} places from {@code position} whose oid is {@code oid} itself, or -1. */
    private static int near(String[] oidByPosition, int position, String oid) {
        for (int d = Math.max(0, position - NEAR), end = Math.min(oidByPosition.length, position + NEAR + 1);
             d < end; d++) {
            if (oidByPosition[d] == oid) {
                return d;
            }
        }
        return -1;
    }

    /**
     * Puts the numbers {@code 0..count - 1} into {@code order} sorted by the region of
     * {@code index} where their hash ({@code hashes[i]}) goes, keeping their order within a
     * region, and their hashes into {@code orderedHashes} alike.
     */
    private static void sortByRegion(OidIndex index, int[] hashes, int count, int[] order, int[] orderedHashes) {
        int[] next = new int[index.regions() + 1];
        for (int i = 0; i < count; i++) {
            next[index.region(hashes[i]) + 1]++;
        }
        for (int r = 1; r < next.length; r++) {
            next[r] += next[r - 1];
        }
        for (int i = 0; i < count; i++) {
            int at = next[index.region(hashes[i])]++;
            order[at] = i;
            orderedHashes[at] = hashes[i];
        }
    }

    int size() {
        return categories.length;
    }
}
