package dlg.core.graph;

import java.util.Arrays;
import java.util.List;

/**
 * What is known of a graph part's drops before it is validated, in flat arrays: where each oid
 * is, which drops repeat an oid, every drop's category, and every link with its type and the
 * position in the part of the drop it names. The reader builds it while it reads (each drop is
 * then still in the cache); {@link #of} builds it from any list of drops. Immutable once built:
 * the validator and the graph that adopts it only read it.
 */
final class PartIndex {

    private static final int[] NONE = {};
    /** Drops indexed together. */
    static final int BATCH = 256;

    /** Oid to the position of the first drop of the part that has it. */
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

    private PartIndex(Builder b) {
        this.oids = b.oids;
        this.duplicates = b.duplicateCount == 0 ? NONE : Arrays.copyOf(b.duplicates, b.duplicateCount);
        this.distinctUids = b.distinctUids;
        this.categories = Arrays.copyOf(b.categories, b.drops);
        this.linkStarts = Arrays.copyOf(b.linkStarts, b.drops + 1);
        this.linkTargets = Arrays.copyOf(b.linkTargets, b.links);
        this.linkTypes = Arrays.copyOf(b.linkTypes, b.links);
    }

    static PartIndex of(List<DropSpec> drops) {
        Builder b = new Builder(drops.size());
        DropSpec[] array = drops.toArray(new DropSpec[0]);
        for (int from = 0; from < array.length; from += BATCH) {
            b.add(array, from, Math.min(array.length, from + BATCH));
        }
        return b.build();
    }

    int size() {
        return categories.length;
    }

    /**
     * Collects drops in order, a batch at a time. A link to a drop not added yet waits for it in
     * {@link PendingLinks}.
     *
     * <p>The oid index of a large part is far larger than the CPU caches, and a lookup there is a
     * cache miss, which the reader would wait for. So a batch first loads the first slot each of
     * its oids will probe, all at once: the CPU waits for those loads together, not in turn.
     */
    static final class Builder {
        private final OidIndex oids;
        private final PendingLinks pending = new PendingLinks();
        private int drops;
        private int links;
        private int[] duplicates = NONE;
        private int duplicateCount;
        private boolean distinctUids;
        private byte[] categories;
        private int[] linkStarts;
        private int[] linkTargets;
        private byte[] linkTypes;
        /** Keeps the loads of the first pass from being optimised away. */
        @SuppressWarnings("unused")
        private int touched;

        Builder(int expectedDrops) {
            int n = Math.max(16, expectedDrops);
            oids = new OidIndex(n);
            categories = new byte[n];
            linkStarts = new int[n + 1];
            linkTargets = new int[n];
            linkTypes = new byte[n];
        }

        /** Adds {@code drops[from, to)}, in order. */
        void add(DropSpec[] drops, int from, int to) {
            int t = 0;
            for (int i = from; i < to; i++) {
                DropSpec d = drops[i];
                t += oids.touch(d.oid());
                List<Link> dropLinks = d.links();
                for (int k = 0; k < dropLinks.size(); k++) {
                    t += oids.touch(dropLinks.get(k).oid());
                }
            }
            touched += t;
            for (int i = from; i < to; i++) {
                DropSpec d = drops[i];
                List<Link> dropLinks = d.links();
                for (int k = 0; k < dropLinks.size(); k++) {
                    link(dropLinks.get(k));
                }
                drop(d);
            }
        }

        private void link(Link link) {
            if (links == linkTargets.length) {
                linkTargets = Arrays.copyOf(linkTargets, links * 2);
                linkTypes = Arrays.copyOf(linkTypes, links * 2);
            }
            int target = oids.get(link.oid());
            if (target < 0) {
                pending.add(link.oid(), link.oid().hashCode(), links);
            }
            linkTargets[links] = target;
            linkTypes[links] = (byte) link.type().ordinal();
            links++;
        }

        private void drop(DropSpec d) {
            if (drops == categories.length) {
                categories = Arrays.copyOf(categories, drops * 2);
                linkStarts = Arrays.copyOf(linkStarts, drops * 2 + 1);
            }
            int position = drops++;
            categories[position] = (byte) d.category().ordinal();
            linkStarts[drops] = links;
            if (d.uid() != d.oid() && !d.uid().equals(d.oid())) {
                distinctUids = true;
            }
            if (oids.putIfAbsent(d.oid(), position) >= 0) {
                if (duplicateCount == duplicates.length) {
                    duplicates = Arrays.copyOf(duplicates, Math.max(4, duplicateCount * 2));
                }
                duplicates[duplicateCount++] = position;
            } else if (!pending.isEmpty()) {
                for (int l = pending.take(d.oid(), d.oid().hashCode()); l >= 0; l = pending.next(l)) {
                    linkTargets[l] = position;
                }
            }
        }

        PartIndex build() {
            return new PartIndex(this);
        }
    }
}
