package dlg.manager.composite;

import dlg.core.error.DlgException;
import dlg.core.error.NoDropException;
import dlg.core.error.SubManagerException;
import dlg.core.graph.RawJson;
import dlg.manager.DropData;
import dlg.manager.NodeAddress;
import dlg.manager.SubManager;
import dlg.manager.SubManager.Query;
import dlg.manager.client.Fanout;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * The CompositeManager's line to its sub-managers: one {@link SubManager} per node, made once,
 * and every call to several of them made in parallel ({@link Fanout}), keyed by node string.
 * Which nodes a call goes to is the CompositeManager's choice; only it uses this class.
 * Thread-safe.
 */
final class SubManagers {

    private final Function<NodeAddress, ? extends SubManager> factory;
    private final ConcurrentMap<NodeAddress, SubManager> made = new ConcurrentHashMap<>();

    SubManagers(Function<NodeAddress, ? extends SubManager> factory) {
        this.factory = factory;
    }

    SubManager get(NodeAddress node) {
        return made.computeIfAbsent(node, factory);
    }

    /** A sub-manager for {@code node} made as the others are, but not kept: the node is none of them. */
    SubManager unkept(NodeAddress node) {
        return factory.apply(node);
    }

    /** The nodes' sub-managers, by node string, in the order of {@code nodes}. */
    Map<String, SubManager> of(List<NodeAddress> nodes) {
        Map<String, SubManager> t = new LinkedHashMap<>();
        for (NodeAddress n : nodes) {
            t.put(n.toString(), get(n));
        }
        return t;
    }

    Fanout.Settled<RawJson> ask(List<NodeAddress> nodes, Query query, String... args) {
        query.check(args);
        return Fanout.settle(of(nodes), (n, c) -> c.ask(query, args));
    }

    /**
     * @return the answers in the order of {@code asks}
     * @throws SubManagerException naming every node whose answer is missing
     */
    List<RawJson> askEach(List<CompositeManager.Ask> asks) {
        Map<String, CompositeManager.Ask> byIndex = new LinkedHashMap<>();
        for (int i = 0; i < asks.size(); i++) {
            byIndex.put(Integer.toString(i), asks.get(i));
        }
        Fanout.Settled<RawJson> replies = Fanout.settle(byIndex, (i, a) -> get(a.node()).ask(a.query(), a.args()));
        if (!replies.failures().isEmpty()) {
            Map<String, DlgException> byNode = new LinkedHashMap<>();
            replies.failures().forEach((i, e) -> byNode.putIfAbsent(byIndex.get(i).node().toString(), e));
            throw new SubManagerException(byNode);
        }
        return List.copyOf(replies.results().values());
    }

    /**
     * The answers of the nodes that know the drop {@code oid} (the others answer NoDropException);
     * the nodes that could not answer are left out if one did.
     *
     * @throws NoDropException when no node has it
     * @throws SubManagerException naming the nodes that could not answer, when no other did
     */
    Map<String, RawJson> askHolders(List<NodeAddress> nodes, String sessionId, String oid, Query query,
                                    String... args) {
        Fanout.Settled<RawJson> replies = ask(nodes, query, args);
        if (replies.results().isEmpty()) {
            Map<String, DlgException> failures = new LinkedHashMap<>(replies.failures());
            failures.values().removeIf(e -> e instanceof NoDropException);
            throw failures.isEmpty() ? new NoDropException(sessionId, oid) : new SubManagerException(failures);
        }
        return replies.results();
    }

    /** @throws NoDropException when none of the nodes has it */
    DropData dropData(List<NodeAddress> nodes, String sessionId, String oid) {
        for (NodeAddress n : nodes) {
            try {
                return get(n).dropData(sessionId, oid);
            } catch (NoDropException notHere) {
                // on another node
            }
        }
        throw new NoDropException(sessionId, oid);
    }

    Fanout.Settled<byte[]> sessionLogs(List<NodeAddress> nodes, String sessionId) {
        return Fanout.settle(of(nodes), (n, c) -> {
            try (DropData log = c.sessionLog(sessionId); InputStream in = log.stream()) {
                return in.readAllBytes();
            }
        });
    }

    AutoCloseable follow(List<NodeAddress> nodes, String sessionId, CompositeManager.FeedListener listener) {
        List<AutoCloseable> feeds = new ArrayList<>();
        for (NodeAddress n : nodes) {
            String node = n.toString();
            feeds.add(get(n).follow(sessionId, new SubManager.FeedListener() {
                @Override
                public void event(String event, String data) {
                    listener.event(node, event, data);
                }

                @Override
                public void alive() {
                    listener.alive(node);
                }

                @Override
                public void lost(String why) {
                    listener.lost(node, why);
                }
            }));
        }
        return () -> {
            for (AutoCloseable f : feeds) {
                f.close();
            }
        };
    }
}
