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
 * COMPLETED. Anything else is refused with the reason. A drop that another node reads is never
 * released by the engine (its remote consumer never reports back), so it stays servable.
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
            throw new DataRefusedException(DataReply.NO_SESSION, "there is no session " + sessionId + " on that node");
        }
        Optional<Execution> deployed = s.execution();
        if (deployed.isEmpty()) {
            throw new DataRefusedException(DataReply.NOT_COMPLETED, "session " + sessionId + " is " + s.state()
                    + " on that node: its drops are not deployed");
        }
        Execution ex = deployed.get();
        int i = ex.indexOfUid(uid);
        if (i < 0) {
            throw new DataRefusedException(DataReply.NO_DROP, "session " + sessionId + " has no drop with uid '" + uid
                    + "' on that node");
        }
        String drop = "drop '" + uid + "' of session " + sessionId;
        DataDrop data = ex.data(i).orElseThrow(() -> new DataRefusedException(DataReply.NOT_DATA,
                drop + " is an application: it has no data"));
        DropState state = ex.status(i).status();
        return switch (state) {
            case COMPLETED -> data;
            case EXPIRED, DELETED -> throw new DataRefusedException(DataReply.RELEASED,
                    drop + " is " + state + ": its data was released");
            default -> throw new DataRefusedException(DataReply.NOT_COMPLETED,
                    drop + " is " + state + ": only COMPLETED data is served");
        };
    }
}
