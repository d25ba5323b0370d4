package dlg.web;

import dlg.core.graph.DropSpec;
import dlg.core.graph.Link;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The drops a composite sent to a node that cannot answer (down, or lost by the session), as a
 * table for the graph view: each in ERROR with why, never run, linked as its spec says (links to
 * other nodes' drops are left to the merge, as a node's own view leaves them).
 */
final class LostDropTable extends SpecTable {

    private final String why;
    private final Map<String, Integer> index;

    LostDropTable(List<DropSpec> specs, String why) {
        super(List.copyOf(specs));
        this.why = why;
        this.index = new HashMap<>(specs.size() * 2);
        for (int i = 0; i < specs.size(); i++) {
            index.putIfAbsent(specs.get(i).oid(), i);
        }
    }

    @Override
    public int size() {
        return specs.size();
    }

    @Override
    public ShownState state(int i) {
        return ShownState.ERROR;
    }

    @Override
    public String error(int i) {
        return why;
    }

    @Override
    public long started(int i) {
        return -1;
    }

    @Override
    public long ended(int i) {
        return -1;
    }

    @Override
    public void forEachEdge(EdgeSink sink) {
        for (int d = 0; d < specs.size(); d++) {
            forEachLinkOf(d, sink);
        }
    }

    @Override
    public void forEachLinkOf(int d, EdgeSink sink) {
        for (Link l : specs.get(d).links()) {
            Integer other = index.get(l.oid());
            if (other == null) {
                continue; // on another node
            }
            if (l.type().isIncoming()) {
                sink.edge(other, d);
            } else if (l.type().isOutgoing()) {
                sink.edge(d, other);
            }
        }
    }

    @Override
    public void forEachRemoteLinkOf(int d, RemoteLinkSink sink) {
        for (Link l : specs.get(d).links()) {
            if (!index.containsKey(l.oid()) && (l.type().isIncoming() || l.type().isOutgoing())) {
                sink.link(l.oid(), l.type().isIncoming());
            }
        }
    }

    @Override
    public int indexOf(String oid) {
        return index.getOrDefault(oid, -1);
    }
}
