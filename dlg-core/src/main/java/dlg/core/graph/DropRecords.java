package dlg.core.graph;

import java.util.Arrays;
import java.util.List;

/**
 * The drops of a part as read, and what {@link PartIndex} needs of each, in flat arrays taken
 * while the drop is fresh from the reader (in the cache of the thread that read it): its oid and
 * the oid's hash, its category, and its links' oids, hashes and types. Indexing then reads these
 * arrays in order instead of chasing every drop spec, link list and String again.
 *
 * <p>Kept in pages of 8192 entries: a part of millions of drops never grows one large array (the
 * collector cannot free outgrown large arrays of references before its next marking).
 */
final class DropRecords {

    private static final int SHIFT = 13;
    private static final int PAGE = 1 << SHIFT;
    private static final int MASK = PAGE - 1;

    private int size;
    private DropSpec[][] specs = new DropSpec[4][];
    private String[][] oids = new String[4][];
    private int[][] oidHashes = new int[4][];
    private byte[][] categories = new byte[4][];
    /** By drop: the number of links of the drops so far, its own included. */
    private int[][] linkEnds = new int[4][];

    private int links;
    private String[][] linkOids = new String[4][];
    private int[][] linkHashes = new int[4][];
    private byte[][] linkTypes = new byte[4][];

    private boolean distinctUids;
    /** Whether some drop has a {@code reprodata} parameter (the translator's, for reproducibility). */
    private boolean reprodata;
    /** Whether some drop sets its {@link GraphSpec#DEPENDENCY_TIMEOUT}. */
    private boolean dependencyTimeouts;
    /** Whether some link names a port (most graphs name none). */
    private boolean ports;

    static DropRecords of(List<DropSpec> drops) {
        DropRecords r = new DropRecords();
        for (int i = 0; i < drops.size(); i++) {
            r.add(drops.get(i));
        }
        return r;
    }

    void add(DropSpec d) {
        for (int k = 0, n = d.linkCount(); k < n; k++) {
            String oid = d.linkOid(k);
            ports |= d.linkPort(k) != null;
            int page = links >>> SHIFT;
            if ((links & MASK) == 0) {
                if (page == linkOids.length) {
                    linkOids = Arrays.copyOf(linkOids, page * 2);
                    linkHashes = Arrays.copyOf(linkHashes, page * 2);
                    linkTypes = Arrays.copyOf(linkTypes, page * 2);
                }
                linkOids[page] = new String[PAGE];
                linkHashes[page] = new int[PAGE];
                linkTypes[page] = new byte[PAGE];
            }
            linkOids[page][links & MASK] = oid;
            linkHashes[page][links & MASK] = oid.hashCode();
            linkTypes[page][links & MASK] = (byte) d.linkType(k).ordinal();
            links++;
        }
        int page = size >>> SHIFT;
        if ((size & MASK) == 0) {
            if (page == oids.length) {
                specs = Arrays.copyOf(specs, page * 2);
                oids = Arrays.copyOf(oids, page * 2);
                oidHashes = Arrays.copyOf(oidHashes, page * 2);
                categories = Arrays.copyOf(categories, page * 2);
                linkEnds = Arrays.copyOf(linkEnds, page * 2);
            }
            specs[page] = new DropSpec[PAGE];
            oids[page] = new String[PAGE];
            oidHashes[page] = new int[PAGE];
            categories[page] = new byte[PAGE];
            linkEnds[page] = new int[PAGE];
        }
        int at = size & MASK;
        specs[page][at] = d;
        oids[page][at] = d.oid();
        oidHashes[page][at] = d.oid().hashCode();
        categories[page][at] = (byte) d.category().ordinal();
        linkEnds[page][at] = links;
        size++;
        if (d.uid() != d.oid() && !d.uid().equals(d.oid())) {
            distinctUids = true;
        }
        if (!reprodata && d.params().get("reprodata") != null) {
            reprodata = true;
        }
        if (!dependencyTimeouts && d.params().containsKey(GraphSpec.DEPENDENCY_TIMEOUT)) {
            dependencyTimeouts = true;
        }
    }

    int size() {
        return size;
    }

    int links() {
        return links;
    }

    boolean distinctUids() {
        return distinctUids;
    }

    boolean reprodata() {
        return reprodata;
    }

    boolean ports() {
        return ports;
    }

    boolean dependencyTimeouts() {
        return dependencyTimeouts;
    }

    DropSpec spec(int drop) {
        return specs[drop >>> SHIFT][drop & MASK];
    }

    String oid(int drop) {
        return oids[drop >>> SHIFT][drop & MASK];
    }

    int oidHash(int drop) {
        return oidHashes[drop >>> SHIFT][drop & MASK];
    }

    byte category(int drop) {
        return categories[drop >>> SHIFT][drop & MASK];
    }

    /** The number of links of drops {@code 0..drop}. */
    int linkEnd(int drop) {
        return linkEnds[drop >>> SHIFT][drop & MASK];
    }

    String linkOid(int link) {
        return linkOids[link >>> SHIFT][link & MASK];
    }

    int linkHash(int link) {
        return linkHashes[link >>> SHIFT][link & MASK];
    }

    byte linkType(int link) {
        return linkTypes[link >>> SHIFT][link & MASK];
    }

    /** Copies the categories into {@code to} from {@code offset} on. */
    void copyCategories(byte[] to, int offset) {
        for (int page = 0; page * PAGE < size; page++) {
            System.arraycopy(categories[page], 0, to, offset + page * PAGE, Math.min(PAGE, size - page * PAGE));
        }
    }

    /** Copies the link ends, plus {@code add}, into {@code to} from {@code offset} on. */
    void copyLinkEnds(int[] to, int offset, int add) {
        for (int page = 0; page * PAGE < size; page++) {
            int count = Math.min(PAGE, size - page * PAGE);
            System.arraycopy(linkEnds[page], 0, to, offset + page * PAGE, count);
            if (add != 0) {
                for (int i = offset + page * PAGE, end = i + count; i < end; i++) {
                    to[i] += add;
                }
            }
        }
    }

    /** Copies the link types into {@code to} from {@code offset} on. */
    void copyLinkTypes(byte[] to, int offset) {
        for (int page = 0; page * PAGE < links; page++) {
            System.arraycopy(linkTypes[page], 0, to, offset + page * PAGE, Math.min(PAGE, links - page * PAGE));
        }
    }

    /** Copies the hashes of the oids into {@code to} from {@code offset} on. */
    void copyOidHashes(int[] to, int offset) {
        for (int page = 0; page * PAGE < size; page++) {
            System.arraycopy(oidHashes[page], 0, to, offset + page * PAGE, Math.min(PAGE, size - page * PAGE));
        }
    }

    /** Copies the oids into {@code to} from {@code offset} on. */
    void copyOids(String[] to, int offset) {
        for (int page = 0; page * PAGE < size; page++) {
            System.arraycopy(oids[page], 0, to, offset + page * PAGE, Math.min(PAGE, size - page * PAGE));
        }
    }

    /** Copies the drop specs into {@code to} from {@code offset} on. */
    void copySpecs(DropSpec[] to, int offset) {
        for (int page = 0; page * PAGE < size; page++) {
            System.arraycopy(specs[page], 0, to, offset + page * PAGE, Math.min(PAGE, size - page * PAGE));
        }
    }
}
