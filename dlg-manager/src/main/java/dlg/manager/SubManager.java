package dlg.manager;

import dlg.core.graph.RawJson;
import java.util.List;
import java.util.Map;

/**
 * What a composite manager (DataIslandManager, MasterManager) asks of one of its sub-managers:
 * the {@link DropManager} role, plus the cross-node links of a deploy, the questions whose
 * answers it merges, and a drop's data and the session's log. Implemented over REST by
 * {@link dlg.manager.client.RestDropManagerClient}; only the CompositeManager calls it.
 *
 * <p>Every call is bounded in time by its implementation and fails with a
 * {@link dlg.core.error.DlgException} naming the sub-manager when it is refused, unreachable or
 * late. Thread-safe: the composite calls many sub-managers, and one several times, at once.
 */
public interface SubManager extends DropManager {

    /**
     * A question whose answer the composite forwards or merges, in the sub-manager's own JSON.
     * Its arguments are strings: the session id first when it is {@link #sessionScoped() about a
     * session}, then the others in the order given here.
     */
    enum Query {
        /** The NodeManagers a DataIslandManager has (a MasterManager asks its islands). */
        NODES(0),
        /** {@code [{"sessionId", "status", "size"}]}. */
        SESSIONS(0),
        /** {@code {"status", "graph", "dir"}} of (session). */
        SESSION(1),
        /** The session's status: a code on a NodeManager, {@code {node: status}} on a composite. */
        SESSION_STATUS(1),
        /** {@code {oid: spec}} of (session). */
        GRAPH(1),
        /** {@code {oid: {"status", "execStatus"}}} of (session). */
        GRAPH_STATUS(1),
        /** The number of drops of (session). */
        GRAPH_SIZE(1),
        /** {@code {"dir": path}} of (session). */
        DIR(1),
        /** {@code {"session", "status", "oid", "logs"}} of (session, oid). */
        DROP_STATUS(2),
        /** Whether (session)'s reproducibility data is complete. */
        REPRO_STATUS(1),
        /** {@code {"graph", "reprodata"}} of (session). */
        REPRO_DATA(1),
        /** The UI's list of sessions. */
        UI_SESSIONS(0),
        /** The UI's detail of (session). */
        UI_SESSION(1),
        /**
         * A page of the UI's drop table: (session, offset, limit, states, node, name, group). The
         * group came last: a node of an earlier version ignores the query parameter it does not know.
         */
        UI_DROPS(7),
        /** The UI's detail of (session, oid). */
        UI_DROP(2),
        /** The UI's graph view: (session, mode, budget, focus). */
        UI_GRAPH(4),
        /** The UI's timeline of apps: (session, limit). */
        UI_TIMELINE(2),
        /** The UI's constructs of (session): per construct, its progress and durations. */
        UI_CONSTRUCTS(1),
        /** The UI's failures grouped by root cause, with the links to other nodes' failures: (session). */
        UI_FAILURES(1),
        /** The manager's CPU, memory and running apps ({@code dlg.manager.metrics.NodeStats}). */
        NODE_STATS(0),
        /** What the sub-manager's history kept of (session), with its constructs' histograms. */
        HISTORY_SESSION(1);

        private final int arity;

        Query(int arity) {
            this.arity = arity;
        }

        /** How many arguments the question takes. */
        public int arity() {
            return arity;
        }

        /** Whether the first argument is a session id. */
        public boolean sessionScoped() {
            return arity > 0;
        }

        /** @throws IllegalArgumentException unless {@code args} are as many as the question takes */
        public void check(String... args) {
            if (args.length != arity) {
                throw new IllegalArgumentException(this + " takes " + arity + " arguments, not " + args.length);
            }
        }
    }

    /** Receives a session's live feed of UI events as the sub-manager sends them (on the feed's thread). */
    interface FeedListener {
        void event(String event, String data);

        /** A comment: the feed is alive. */
        void alive();

        /** The feed broke, or could not be opened; it is opened again until closed. */
        void lost(String why);
    }

    /** @param relations by the other node's 4-part string, the links to drops of this node */
    void addNodeSubscriptions(String sessionId, Map<String, List<DropRel>> relations);

    /** The sub-manager's answer to {@code query}, as it wrote it. */
    RawJson ask(Query query, String... args);

    /** A completed data drop's bytes, to read as they arrive; close the result. */
    DropData dropData(String sessionId, String oid);

    /** The session's log file (a NodeManager's, or a composite's concatenation); close it. */
    DropData sessionLog(String sessionId);

    /** Follows the session's live UI feed until the result is closed. */
    AutoCloseable follow(String sessionId, FeedListener listener);
}
