package dlg.web;

import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphSpec;
import dlg.core.graph.Link;
import dlg.core.graph.LinkType;
import dlg.core.runtime.Execution;
import dlg.core.runtime.RemoteLink;
import dlg.core.runtime.RemoteLink.Role;
import dlg.manager.Session;
import java.util.List;

/**
 * A NodeManager session's drops for the pages: the graph's specs, and the running drops' states
 * once deployed (before that apps are NOT_RUN and data INITIALIZED). Reads only: the engine is
 * never waited for nor locked.
 */
final class SessionDrops extends SpecTable {

    private final GraphSpec graph;
    private final Execution execution; // null before deploy
    private final int size; // fixed when read: a graph still being built may grow meanwhile

    private SessionDrops(GraphSpec graph, Execution execution) {
        super(graph.drops());
        this.graph = graph;
        this.execution = execution != null && execution.size() == specs.size() ? execution : null;
        this.size = specs.size();
    }

    /** The session's drops as they are now (a graph being appended to is read once it is consistent). */
    static SessionDrops of(Session s) {
        Execution ex = s.execution().orElse(null);
        GraphSpec graph = ex != null ? s.graph() : s.readGraph(g -> g);
        return new SessionDrops(graph, ex);
    }

    boolean isDeployed() {
        return execution != null;
    }

    @Override
    public int size() {
        return size;
    }

    DropSpec spec(int i) {
        return specs.get(i);
    }

    @Override
    public ShownState state(int i) {
        if (execution == null) {
            return isApp(i) ? ShownState.NOT_RUN : ShownState.INITIALIZED;
        }
        return ShownState.of(execution.state(i), execution.execState(i));
    }

    @Override
    public String error(int i) {
        return execution == null ? null : execution.status(i).error();
    }

    @Override
    public long started(int i) {
        return execution == null ? -1 : execution.startedMillis(i);
    }

    @Override
    public long ended(int i) {
        return execution == null ? -1 : execution.endedMillis(i);
    }

    Execution execution() {
        return execution;
    }

    @Override
    public void forEachEdge(EdgeSink sink) {
        for (int d = 0; d < size; d++) {
            forEachLinkOf(d, sink);
        }
    }

    @Override
    public void forEachLinkOf(int d, EdgeSink sink) {
        List<Link> links = specs.get(d).links();
        for (int k = 0; k < links.size(); k++) {
            LinkType t = links.get(k).type();
            int other = graph.linkTarget(d, k);
            if (other < 0 || other >= size) {
                continue; // on another node
            }
            if (t.isIncoming()) {
                sink.edge(other, d);
            } else if (t.isOutgoing()) {
                sink.edge(d, other);
            }
        }
    }

    @Override
    public boolean failedOnItsOwn(int i) {
        return execution != null && execution.failedOnItsOwn(i);
    }

    /**
     * The links to drops of other nodes that the engine was given (a composite's split cuts them
     * out of the specs), and those the specs still declare.
     */
    @Override
    public void forEachRemoteLinkOf(int d, RemoteLinkSink sink) {
        if (remoteStart == null) {
            indexRemoteLinks();
        }
        for (int k = remoteStart[d]; k < remoteStart[d + 1]; k++) {
            RemoteLink l = remoteLinks[k];
            Role r = l.role();
            sink.link(l.remoteUid(), r == Role.INPUT_OF_LOCAL_APP || r == Role.PRODUCER_OF_LOCAL_DATA);
        }
        List<Link> links = specs.get(d).links();
        for (int k = 0; k < links.size(); k++) {
            LinkType t = links.get(k).type();
            if (graph.linkTarget(d, k) < 0 && (t.isIncoming() || t.isOutgoing())) {
                sink.link(links.get(k).oid(), t.isIncoming());
            }
        }
    }

    private int[] remoteStart; // the engine's remote links of drop d: remoteLinks[remoteStart[d] .. remoteStart[d + 1])
    private RemoteLink[] remoteLinks;

    private void indexRemoteLinks() {
        List<RemoteLink> all = execution == null ? List.of() : execution.remoteLinks();
        int[] start = new int[size + 1];
        int[] at = new int[all.size()];
        for (int k = 0; k < at.length; k++) {
            at[k] = graph.indexOfUid(all.get(k).localUid());
            if (at[k] >= 0 && at[k] < size) {
                start[at[k] + 1]++;
            }
        }
        for (int d = 0; d < size; d++) {
            start[d + 1] += start[d];
        }
        RemoteLink[] links = new RemoteLink[start[size]];
        int[] fill = java.util.Arrays.copyOf(start, size);
        for (int k = 0; k < at.length; k++) {
            if (at[k] >= 0 && at[k] < size) {
                links[fill[at[k]]++] = all.get(k);
            }
        }
        remoteLinks = links;
        remoteStart = start;
    }

    @Override
    public long remoteFailedAt(String oid) {
        return execution == null ? -1 : execution.remoteInputFailedMillis(oid); // DALiuGE's uid is the oid
    }

    @Override
    public int indexOf(String oid) {
        int i = graph.indexOf(oid);
        return i < size ? i : -1;
    }
}
