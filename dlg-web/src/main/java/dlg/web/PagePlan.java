package dlg.web;

import java.util.ArrayList;
import java.util.List;

/**
 * Which part of each node's list makes one page of a composite's drop list. Each node lists its
 * drops in error first; the composite lists every node's drops in error first (node by node),
 * then every node's others. Knowing how many drops each node matches, and how many of those are
 * in error, a page is a few contiguous slices of the nodes' own lists: no node is asked for more
 * than the page.
 */
final class PagePlan {

    /** {@code limit} drops of node {@code node}'s list, from {@code offset}. */
    record Slice(int node, long offset, int limit) {
    }

    private PagePlan() {
    }

    /**
     * @param matched per node, the drops that pass the filter
     * @param failed per node, how many of those are in error
     * @return the slices, in the order their drops appear on the page
     */
    static List<Slice> plan(long[] matched, long[] failed, long offset, int limit) {
        List<Slice> slices = new ArrayList<>();
        long pageEnd = offset + limit;
        long at = 0; // global position of the segment being looked at
        for (int pass = 0; pass < 2; pass++) {
            for (int k = 0; k < matched.length; k++) {
                long len = pass == 0 ? failed[k] : matched[k] - failed[k];
                long from = Math.max(offset, at);
                long to = Math.min(pageEnd, at + len);
                if (from < to) {
                    long local = (pass == 0 ? 0 : failed[k]) + (from - at);
                    slices.add(new Slice(k, local, (int) (to - from)));
                }
                at += len;
            }
        }
        return slices;
    }
}
