package dlg.core.runtime;

import dlg.core.graph.LinkType;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A link between a drop of this node's graph and a drop on another node, seen from the local
 * side. A NodeManager gets these instead of the links its part of the graph lost when the graph
 * was split (DALiuGE's {@code /subscriptions}); see {@link #ofSubscription}.
 *
 * @param localUid uid of the drop in this node's graph
 * @param remoteUid uid of the drop on the other node
 */
public record RemoteLink(String localUid, Role role, String remoteUid) {

    /** What the remote drop is to the local one. */
    public enum Role {
        /** The remote data drop is an input (or a streaming input) of the local app: the app waits for it. */
        INPUT_OF_LOCAL_APP,
        /** The remote app produces the local data drop: the drop completes once it (and any other producer) finished. */
        PRODUCER_OF_LOCAL_DATA,
        /** The remote app consumes the local data drop: the drop keeps its data for it. */
        CONSUMER_OF_LOCAL_DATA,
        /** The remote data drop is an output of the local app: written and completed on its own node. */
        OUTPUT_OF_LOCAL_APP
    }

    public RemoteLink {
        Objects.requireNonNull(localUid, "localUid");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(remoteUid, "remoteUid");
        if (localUid.equals(remoteUid)) {
            throw new IllegalArgumentException("a drop cannot be linked to itself remotely: " + localUid);
        }
    }

    /**
     * Reads one DALiuGE subscription triple {@code [lhsUid, rel, rhsUid]} ("lhs is a {@code rel}
     * of rhs", {@code rel} a {@code DROPLinkType} code) from the side of whichever uid is local.
     * DALiuGE sends each cross-node link from both ends ({@code ["B", 0, "A"]} and
     * {@code ["A", 5, "B"]}): both give the same link.
     *
     * @param isLocal tells the uids of this node's graph
     * @throws IllegalArgumentException for an unknown {@code rel}; for PARENT and CHILD, as
     *     container drops are not supported; when neither or both uids are local
     */
    public static RemoteLink ofSubscription(String lhsUid, int rel, String rhsUid, Predicate<String> isLocal) {
        LinkType type = LinkType.ofCode(rel);
        String triple = "subscription [" + lhsUid + ", " + rel + ", " + rhsUid + "]";
        // normalise to (app, data, which way the data flows)
        boolean appIsLhs;
        boolean intoApp;
        switch (type) {
            case CONSUMER, STREAMING_CONSUMER -> { appIsLhs = true; intoApp = true; }
            case PRODUCER -> { appIsLhs = true; intoApp = false; }
            case INPUT, STREAMING_INPUT -> { appIsLhs = false; intoApp = true; }
            case OUTPUT -> { appIsLhs = false; intoApp = false; }
            default -> throw new IllegalArgumentException(triple + ": " + type
                    + " links (container drops) are not supported");
        }
        boolean lhsLocal = isLocal.test(lhsUid);
        if (lhsLocal == isLocal.test(rhsUid)) {
            throw new IllegalArgumentException(triple + ": " + (lhsLocal ? "both drops are" : "neither drop is")
                    + " in this node's graph; exactly one must be");
        }
        String app = appIsLhs ? lhsUid : rhsUid;
        String data = appIsLhs ? rhsUid : lhsUid;
        if (appIsLhs == lhsLocal) {
            return new RemoteLink(app, intoApp ? Role.INPUT_OF_LOCAL_APP : Role.OUTPUT_OF_LOCAL_APP, data);
        }
        return new RemoteLink(data, intoApp ? Role.CONSUMER_OF_LOCAL_DATA : Role.PRODUCER_OF_LOCAL_DATA, app);
    }
}
