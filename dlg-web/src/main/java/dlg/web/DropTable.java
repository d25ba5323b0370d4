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

    /**
     * Whether drop {@code i}, in ERROR, failed on its own (a root cause) rather than because of
     * its inputs; by default every failed drop did (a table that does not know).
     */
    default boolean failedOnItsOwn(int i) {
        return true;
    }

    /**
     * Calls {@code sink} with each link drop {@code i} declares to a drop of another node: that
     * drop's oid, and whether data flows from it to drop {@code i}. None by default.
     */
    default void forEachRemoteLinkOf(int i, RemoteLinkSink sink) {
    }

    /**
     * When drop {@code oid} of another node, read here, was known here to have failed, epoch ms;
     * -1 if it did not, or this is not known.
     */
    default long remoteFailedAt(String oid) {
        return -1;
    }

    /** A link to a drop of another node. */
    @FunctionalInterface
    interface RemoteLinkSink {
        void link(String remoteOid, boolean incoming);
    }

    /** A link from drop {@code from} to drop {@code to}. */
    @FunctionalInterface
    interface EdgeSink {
        void edge(int from, int to);
    }
}
