package dlg.manager.composite;

import com.fasterxml.jackson.databind.JsonNode;
import dlg.core.graph.DropSpec;
import dlg.core.graph.RawJson;
import dlg.core.state.SessionState;
import dlg.manager.NodeAddress;
import dlg.manager.SubManager.Query;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a composite manager keeps of a session: the sub-managers it was created on and the graph
 * parts appended (for deploy's subscriptions and triggers, and the links {@code GET .../graph}
 * adds back). The session's state lives on the sub-managers; the composite remembers what each
 * node last said of it (its status, and its answers once its part has ended), so that a node that
 * goes down is shown as last known, and one lost while the session ran is named as its cause.
 * Guarded by its own lock.
 */
public final class CompositeSession {

    private static long counter; // guarded by the class: creation order

    private final String id;
    private final List<NodeAddress> subManagers;
    private final long createdAt;
    private final java.time.Instant created = java.time.Instant.now();
    private boolean endSeen; // guarded by this: the composite has told its watcher of the end
    private final List<PartitionedGraph> graphs = new ArrayList<>();
    private long dropCount;
    private long uidChars;
    private boolean deployed;
    private RawJson reproElement;
    private final Map<String, String> problems = new LinkedHashMap<>();
    /** Nodes lost while their part ran, with why: their part is FAILED for good. */
    private final Map<String, String> lost = new LinkedHashMap<>();
    /** Each node's last known status of the session (a code, or a map of them on a MasterManager). */
    private final Map<String, JsonNode> lastStatus = new HashMap<>();
    private final Map<String, Long> lastSize = new HashMap<>();
    /** The last answers by node, question and arguments; final once the node's part had ended. */
    private final Map<String, Kept> answers = new HashMap<>();

    /** At most this many answers are kept per session (the UI's pages have many arguments). */
    private static final int MAX_KEPT = 64;
    /** Answers longer than this are not kept. */
    private static final int MAX_KEPT_CHARS = 32 << 20;

    /** A node's answer, and whether its part of the session had ended when it gave it. */
    record Kept(RawJson answer, boolean isFinal) {
    }

    CompositeSession(String id, List<NodeAddress> subManagers) {
        this.id = id;
        this.subManagers = List.copyOf(subManagers);
        synchronized (CompositeSession.class) {
            this.createdAt = ++counter;
        }
    }

    public String id() {
        return id;
    }

    /** The sub-managers that hold the session (those of the manager when it was created). */
    public List<NodeAddress> subManagers() {
        return subManagers;
    }

    long createdAt() {
        return createdAt;
    }

    /** When it was created (wall clock). */
    public java.time.Instant created() {
        return created;
    }

    /** Returns true the first time it is called: the session's end is to be told once. */
    synchronized boolean firstEnd() {
        boolean first = !endSeen;
        endSeen = true;
        return first;
    }

    /**
     * @param drops how many drops {@code graph} has
     * @param chars the characters of their uids
     */
    synchronized void appended(PartitionedGraph graph, RawJson reproElement, int drops, long chars) {
        graphs.add(graph);
        dropCount += drops;
        uidChars += chars;
        if (reproElement != null) {
            this.reproElement = reproElement;
        }
    }

    /** The graph's reproducibility element as passed on to the sub-managers (the last appended), or null. */
    public synchronized RawJson reproElement() {
        return reproElement;
    }

    synchronized List<PartitionedGraph> graphs() {
        return List.copyOf(graphs);
    }

    /** How many drops were appended. */
    public synchronized long dropCount() {
        return dropCount;
    }

    /** The characters of all the appended drops' uids (what a list of them all may need). */
    public synchronized long uidChars() {
        return uidChars;
    }

    /** The drops appended, part by part (a part per sub-manager per append). */
    public synchronized List<List<DropSpec>> drops() {
        List<List<DropSpec>> drops = new ArrayList<>();
        for (PartitionedGraph g : graphs) {
            g.partitions().forEach(p -> drops.add(p.graph().drops()));
        }
        return drops;
    }

    synchronized void deployed() {
        deployed = true;
    }

    public synchronized boolean isDeployed() {
        return deployed;
    }

    /** Records that a node failed the session; returns true the first time for that node. */
    synchronized boolean problem(String node, String why) {
        return problems.putIfAbsent(node, why) == null;
    }

    /** The nodes that failed this session (down, lost, or without it), with why. */
    public synchronized Map<String, String> problems() {
        return Map.copyOf(problems);
    }

    /**
     * The node went down: if its part was deployed and had not ended, it is lost (FAILED for good,
     * naming the node). Returns true the first time.
     */
    synchronized boolean lose(String node, String why) {
        if (!deployed || nodeEnded(node) || lost.containsKey(node)) {
            return false;
        }
        lost.put(node, why);
        problems.put(node, why);
        return true;
    }

    /** Whether the node was lost while its part of the session ran. */
    public synchronized boolean isLost(String node) {
        return lost.containsKey(node);
    }

    /** The nodes lost while their part ran, with why. */
    public synchronized Map<String, String> lost() {
        return Map.copyOf(lost);
    }

    /** What the node last said of the session's status; returns true when that part has just ended. */
    synchronized boolean nodeStatus(String node, JsonNode status, long size) {
        boolean was = nodeEnded(node);
        lastStatus.put(node, status);
        if (size >= 0) {
            lastSize.put(node, size);
        }
        return !was && nodeEnded(node);
    }

    /** The node's last known status of the session, or null. */
    synchronized JsonNode lastStatus(String node) {
        return lastStatus.get(node);
    }

    /** The node's last known size of the session, or 0. */
    synchronized long lastSize(String node) {
        return lastSize.getOrDefault(node, 0L);
    }

    /** Whether the node's part of the session has ended (FINISHED, FAILED, CANCELLED), as last told. */
    synchronized boolean nodeEnded(String node) {
        return ended(lastStatus.get(node));
    }

    /** Whether a status (a code, or a map of them at any depth) has ended everywhere. */
    static boolean ended(JsonNode status) {
        if (status == null) {
            return false;
        }
        if (status.isInt()) {
            int code = status.asInt();
            return code >= 0 && code <= SessionState.FAILED.code() && SessionState.ofCode(code).isTerminal();
        }
        if (status.isObject() && !status.isEmpty()) {
            for (JsonNode v : status) {
                if (!ended(v)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** Keeps the node's answer to a question about the session (if there is room). */
    synchronized void keep(String node, Query query, String[] args, RawJson answer, boolean isFinal) {
        String key = key(node, query, args);
        if (answer.json().length() <= MAX_KEPT_CHARS && (answers.containsKey(key) || answers.size() < MAX_KEPT)) {
            Kept old = answers.get(key);
            if (old == null || !old.isFinal() || isFinal) {
                answers.put(key, new Kept(answer, isFinal));
            }
        }
    }

    /** The node's last answer to the question, or null. */
    synchronized Kept kept(String node, Query query, String[] args) {
        return answers.get(key(node, query, args));
    }

    private static String key(String node, Query query, String[] args) {
        return node + '\u0000' + query + '\u0000' + String.join("\u0000", args);
    }

    /** The drops appended to the node, over every append. */
    public synchronized List<DropSpec> dropsOf(String node) {
        List<DropSpec> drops = new ArrayList<>();
        for (PartitionedGraph g : graphs) {
            for (var p : g.partitions()) {
                if (p.subManager().toString().equals(node)) {
                    drops.addAll(p.graph().drops());
                }
            }
        }
        return drops;
    }

    /** The links each drop lost to the split, over every append. */
    public synchronized List<LostLinks> lostLinks() {
        List<LostLinks> all = new ArrayList<>();
        for (PartitionedGraph g : graphs) {
            all.addAll(g.lostLinks());
        }
        return all;
    }
}
