package dlg.web;

/**
 * The drops of one session as the pages read them: by position in the graph, one attribute at a
 * time, so that scanning 100,000 drops makes no object per drop. Implemented over a NodeManager's
 * session ({@link SessionDrops}) and by tests.
 */
interface DropTable {

    int size();

    String oid(int i);

    /** The name to show: the spec's {@code name}, else its oid. */
    String name(int i);

    boolean isApp(int i);

    String dropClass(int i);

    /** The drop's {@code node} attribute, or null. */
    String node(int i);

    /** The drop's value of a top-level spec key ({@code lg_key}), or null. */
    Object param(int i, String key);

    ShownState state(int i);

    /** Why the drop failed, or null. */
    String error(int i);

    /** When an app started running, epoch ms; -1 when it has not (or for data drops). */
    long started(int i);

    /** When the drop settled (an app ended, data completed or failed), epoch ms; -1 when it has not. */
    long ended(int i);

    /**
     * Calls {@code sink} with each link of the graph in the direction data flows, as either of its
     * drops declares it (so a link both declare comes twice).
     */
    void forEachEdge(EdgeSink sink);

    /**
     * Calls {@code sink} with each link drop {@code i} declares, in the direction data flows (a
     * link only the other drop declares is not seen: DALiuGE's translator writes both sides).
     */
    void forEachLinkOf(int i, EdgeSink sink);

    /** Position of the drop with this oid, or -1. */
    int indexOf(String oid);

    /** A link from drop {@code from} to drop {@code to}. */
    @FunctionalInterface
    interface EdgeSink {
        void edge(int from, int to);
    }
}
