package dlg.manager.data;

import dlg.core.app.DataDrop;
import dlg.core.error.NoSessionException;
import dlg.core.runtime.Execution;
import dlg.core.state.DropState;
import dlg.manager.NodeManager;
import dlg.manager.Session;
import java.util.Objects;
import java.util.Optional;

/**
 * The drops a NodeManager serves to other nodes: the data drops of its sessions, by uid, once
 * COMPLETED, and the stand-ins of drops held by other nodes that local apps wrote. Anything else
 * is refused with the reason. A drop that another node reads is never released by the engine
 * (its remote consumer never reports back), so it stays servable; a stand-in goes once read.
 *
 * <p>Thread-safe: lookups read the NodeManager's concurrent map and the execution's drop states.
 */
public final class NodeManagerDrops implements DropLookup {

    private final NodeManager nm;

    public NodeManagerDrops(NodeManager nm) {
        this.nm = Objects.requireNonNull(nm, "nm");
    }

    @Override
    public DataDrop find(String sessionId, String uid) throws DataRefusedException {
        Session s;
        try {
            s = nm.session(sessionId);
        } catch (NoSessionException e) {
            s = null;
        }
        return serve(s, sessionId, uid);
    }

    /**
     * What a NodeManager serves of drop {@code uid} of session {@code s}, as {@link #find}
     * (a node's rehearsal of its data path has sessions of its own, outside any NodeManager).
     *
     * @param s the session named {@code sessionId}, or null if there is none
     */
    public static DataDrop serve(Session s, String sessionId, String uid) throws DataRefusedException {
        if (s == null || !s.id().equals(sessionId)) {
            throw new DataRefusedException(DataReply.NO_SESSION, "there is no session " + sessionId + " on that node");
        }
        Optional<Execution> deployed = s.execution();
        if (deployed.isEmpty()) {
            throw new DataRefusedException(DataReply.NOT_COMPLETED, "session " + sessionId + " is " + s.state()
                    + " on that node: its drops are not deployed");
        }
        Execution ex = deployed.get();
        int i = ex.indexOfUid(uid);
        String named = "drop '" + uid + "' of session " + sessionId;
        String drop = named;
        DataDrop data;
        DropState state;
        if (i >= 0) {
            data = ex.data(i).orElseThrow(() -> new DataRefusedException(DataReply.NOT_DATA,
                    named + " is an application: it has no data"));
            state = ex.status(i).status();
        } else { // the stand-in of an output held by the asking node, which a local app writes
            data = ex.remoteOutput(uid).orElseThrow(() -> new DataRefusedException(DataReply.NO_DROP,
                    "session " + sessionId + " has no drop with uid '" + uid + "' on that node"));
            state = ex.remoteOutputState(uid).orElseThrow();
            drop = "what the apps of that node wrote for " + named;
        }
        return switch (state) {
            case COMPLETED -> data;
            case EXPIRED, DELETED -> throw new DataRefusedException(DataReply.RELEASED,
                    drop + " is " + state + ": its data was released");
            default -> throw new DataRefusedException(DataReply.NOT_COMPLETED,
                    drop + " is " + state + ": only COMPLETED data is served");
        };
    }
}
