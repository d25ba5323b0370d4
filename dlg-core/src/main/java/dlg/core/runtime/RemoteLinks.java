package dlg.core.runtime;

import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidGraphException;
import dlg.core.graph.Category;
import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphSpec;
import dlg.core.state.DropState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One execution's links to drops on other nodes: checked against the graph before any drop is
 * made, attached once the local drops are wired, then fed with the remote drops' events.
 *
 * <p>Threading: built in the execution's constructor and never changed after, so delivering an
 * event is a map lookup and a compare-and-set: no lock, no allocation.
 */
final class RemoteLinks {

    static final RemoteLinks NONE = new RemoteLinks(Map.of(), Map.of(), Map.of());

    /** Proxies of remote data drops read by local apps, by remote uid. */
    private final Map<String, RemoteInputDrop> inputs;
    /** Remote apps writing local data drops, by remote uid. */
    private final Map<String, RemoteProducer> producers;
    /** Stand-ins of remote data drops written by local apps, by remote uid. */
    private final Map<String, RemoteOutputDrop> outputs;
    private final Set<String> uids;

    private RemoteLinks(Map<String, RemoteInputDrop> inputs, Map<String, RemoteProducer> producers,
                        Map<String, RemoteOutputDrop> outputs) {
        this.inputs = inputs;
        this.producers = producers;
        this.outputs = outputs;
        Set<String> all = new LinkedHashSet<>(inputs.keySet());
        all.addAll(producers.keySet());
        this.uids = Set.copyOf(all);
    }

    /**
     * The links without duplicates (DALiuGE sends each link from both of its ends).
     *
     * @throws InvalidGraphException naming every local uid that is not in {@code graph} or is the
     *     wrong kind of drop for its link, and every remote uid that is in {@code graph}
     */
    static Set<RemoteLink> check(GraphSpec graph, List<RemoteLink> links) {
        Set<RemoteLink> distinct = new LinkedHashSet<>(links);
        List<GraphProblem> problems = new ArrayList<>();
        Map<String, String> writers = new LinkedHashMap<>(); // remote output -> the local app writing it
        for (RemoteLink l : distinct) {
            if (l.role() == RemoteLink.Role.OUTPUT_OF_LOCAL_APP) {
                String other = writers.putIfAbsent(l.remoteUid(), l.localUid());
                if (other != null) {
                    problems.add(new GraphProblem(l.remoteUid(), "is written by apps '" + other + "' and '"
                            + l.localUid() + "' of this node but held by another node: its content can come from"
                            + " one app of a node only; place the drop with its producers"));
                }
            }
            int i = graph.indexOfUid(l.localUid());
            if (i < 0) {
                problems.add(new GraphProblem(l.localUid(), "no drop of this graph has this uid, yet " + l + " names it"));
            } else if (graph.drops().get(i).category().isApplication() != localIsApp(l.role())
                    && !(graph.drops().get(i).category() == Category.APPLICATION && appToApp(l.role()))) {
                DropSpec spec = graph.drops().get(i);
                problems.add(new GraphProblem(l.localUid(), "is " + spec.category().withArticle() + " drop, yet "
                        + l + " needs " + (localIsApp(l.role()) ? "an application" : "a data drop")));
            }
            if (graph.indexOfUid(l.remoteUid()) >= 0) {
                problems.add(new GraphProblem(l.remoteUid(), "is in this graph, yet " + l + " names it as remote"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidGraphException(problems);
        }
        return distinct;
    }

    /**
     * Roles that, with an application on this side, are an app-to-app link across nodes: the
     * remote app runs before (PRODUCER) or after (CONSUMER) the local one.
     */
    private static boolean appToApp(RemoteLink.Role role) {
        return role == RemoteLink.Role.PRODUCER_OF_LOCAL_DATA || role == RemoteLink.Role.CONSUMER_OF_LOCAL_DATA;
    }

    private static boolean localIsApp(RemoteLink.Role role) {
        return role == RemoteLink.Role.INPUT_OF_LOCAL_APP || role == RemoteLink.Role.OUTPUT_OF_LOCAL_APP;
    }

    /**
     * Wires checked links into the wired local drops. A local app's output held by another node
     * gets a {@link RemoteOutputDrop stand-in} here, which the app writes; a local data drop
     * written by a remote app reads that stand-in once the app finished ({@link RemoteProducer}).
     */
    static RemoteLinks attach(Execution execution, GraphSpec graph, Drop[] drops, Set<RemoteLink> links,
                              RemoteData data) {
        if (links.isEmpty()) {
            return NONE;
        }
        Map<String, List<ApplicationDrop>> readers = new LinkedHashMap<>();
        Map<ApplicationDrop, List<RemoteInputDrop>> remoteInputs = new LinkedHashMap<>();
        Map<String, RemoteInputDrop> inputs = new LinkedHashMap<>();
        Map<String, List<AbstractDataDrop>> written = new LinkedHashMap<>();
        Map<String, List<ApplicationDrop>> following = new LinkedHashMap<>();
        Map<AbstractDataDrop, int[]> counts = new LinkedHashMap<>(); // remote {producers, consumers}
        Map<ApplicationDrop, List<RemoteOutputDrop>> standIns = new LinkedHashMap<>();
        Map<String, RemoteOutputDrop> outputs = new LinkedHashMap<>();
        for (RemoteLink l : links) {
            Drop local = drops[graph.indexOfUid(l.localUid())];
            String remote = l.remoteUid();
            switch (l.role()) {
                case INPUT_OF_LOCAL_APP -> {
                    ApplicationDrop app = (ApplicationDrop) local;
                    RemoteInputDrop proxy = inputs.computeIfAbsent(remote, u -> new RemoteInputDrop(u, execution, data));
                    readers.computeIfAbsent(remote, u -> new ArrayList<>()).add(app);
                    remoteInputs.computeIfAbsent(app, a -> new ArrayList<>()).add(proxy);
                }
                case PRODUCER_OF_LOCAL_DATA -> {
                    if (local instanceof ApplicationDrop app) { // runs after the remote app
                        app.followRemote();
                        following.computeIfAbsent(remote, u -> new ArrayList<>()).add(app);
                    } else {
                        written.computeIfAbsent(remote, u -> new ArrayList<>()).add((AbstractDataDrop) local);
                        counts.computeIfAbsent((AbstractDataDrop) local, d -> new int[2])[0]++;
                    }
                }
                case CONSUMER_OF_LOCAL_DATA -> {
                    // an app followed by a remote app has nothing to wait for: its events go there
                    if (local instanceof AbstractDataDrop d) {
                        counts.computeIfAbsent(d, x -> new int[2])[1]++;
                    }
                }
                case OUTPUT_OF_LOCAL_APP -> {
                    ApplicationDrop app = (ApplicationDrop) local;
                    RemoteOutputDrop standIn = new RemoteOutputDrop(remote, execution);
                    standIn.wired(1);
                    standIns.computeIfAbsent(app, a -> new ArrayList<>()).add(standIn);
                    outputs.put(remote, standIn);
                }
            }
        }
        standIns.forEach((app, outs) -> app.remoteOutputs(outs.toArray(RemoteOutputDrop[]::new)));
        inputs.forEach((uid, proxy) -> proxy.wired(0,
                readers.get(uid).toArray(ApplicationDrop[]::new)));
        remoteInputs.forEach((app, proxies) -> app.remoteInputs(proxies.toArray(AbstractDataDrop[]::new)));
        counts.forEach((drop, c) -> drop.remoteLinks(c[0], c[1]));
        Map<String, RemoteProducer> producers = new LinkedHashMap<>();
        written.forEach((uid, outs) -> producers.put(uid, new RemoteProducer(uid, outs.toArray(AbstractDataDrop[]::new),
                following.getOrDefault(uid, List.of()).toArray(ApplicationDrop[]::new), execution, data)));
        following.forEach((uid, apps) -> producers.putIfAbsent(uid, new RemoteProducer(uid, ApplicationDrop.NO_DATA,
                apps.toArray(ApplicationDrop[]::new), execution, data)));
        return new RemoteLinks(Map.copyOf(inputs), Map.copyOf(producers), Map.copyOf(outputs));
    }

    /** See {@link Execution#deliverRemote}. */
    boolean deliver(String remoteUid, DropEvent.Type type, DropState status, byte[] content) {
        return switch (type) {
            case DROP_COMPLETED -> {
                RemoteInputDrop proxy = inputs.get(remoteUid);
                yield proxy != null && proxy.settle(status, content);
            }
            case PRODUCER_FINISHED -> {
                RemoteProducer producer = producers.get(remoteUid);
                // a remote app named as a local app's input (app-to-app) settles that input
                RemoteInputDrop proxy = inputs.get(remoteUid);
                boolean moved = producer != null && producer.finished(status);
                yield proxy != null && proxy.settle(status, null) || moved;
            }
            case STATUS, EXEC_STATUS -> false;
        };
    }

    /**
     * Fails what still waits for these remote drops (their node is lost), with {@code cause}.
     *
     * @return how many remote drops had not settled yet
     */
    int lost(Collection<String> remoteUids, String cause) {
        int n = 0;
        for (String uid : remoteUids) {
            RemoteInputDrop proxy = inputs.get(uid);
            RemoteProducer producer = producers.get(uid);
            boolean moved = producer != null && producer.lost(cause);
            if (proxy != null && proxy.lost(cause) || moved) {
                n++;
            }
        }
        return n;
    }

    /** The proxy of remote drop {@code uid} read by local apps, or null. */
    RemoteInputDrop input(String uid) {
        return inputs.get(uid);
    }

    /** The stand-in of remote drop {@code uid} written by a local app, or null. */
    RemoteOutputDrop output(String uid) {
        return outputs.get(uid);
    }

    /** The remote uids whose events matter here. */
    Set<String> uids() {
        return uids;
    }
}
