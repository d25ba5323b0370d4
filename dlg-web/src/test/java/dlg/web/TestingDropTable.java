package dlg.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A session's drops made by hand, for tests: each with its name, kind, node, lg_key and a state
 * that the test changes at will; links by index.
 */
final class TestingDropTable implements DropTable {

    private record Drop(String oid, String name, boolean app, String node, Object lgKey) {
    }

    private final List<Drop> drops = new ArrayList<>();
    private final List<ShownState> states = new ArrayList<>();
    private final Map<Integer, String> errors = new HashMap<>();
    private final Map<Integer, long[]> times = new HashMap<>();
    private final List<int[]> links = new ArrayList<>();
    private final java.util.Set<Integer> byInputs = new java.util.HashSet<>();
    private final Map<Integer, List<Map.Entry<String, Boolean>>> remote = new HashMap<>();
    private final Map<String, Long> remoteFailed = new HashMap<>();

    /** Adds a drop; it starts NOT_RUN (an app) or INITIALIZED (data). Returns its index. */
    int add(String oid, String name, boolean app, String node, Object lgKey) {
        drops.add(new Drop(oid, name, app, node, lgKey));
        states.add(app ? ShownState.NOT_RUN : ShownState.INITIALIZED);
        return drops.size() - 1;
    }

    TestingDropTable link(int from, int to) {
        links.add(new int[] {from, to});
        return this;
    }

    TestingDropTable set(int i, ShownState s) {
        states.set(i, s);
        return this;
    }

    TestingDropTable fail(int i, String why) {
        errors.put(i, why);
        return set(i, ShownState.ERROR);
    }

    /** Fails drop {@code i} because of its inputs (not a root cause). */
    TestingDropTable failBecauseOfInputs(int i, String why) {
        byInputs.add(i);
        return fail(i, why);
    }

    /** A link of drop {@code i} to drop {@code oid} of another node, from it when {@code incoming}. */
    TestingDropTable remote(int i, String oid, boolean incoming) {
        remote.computeIfAbsent(i, k -> new ArrayList<>()).add(Map.entry(oid, incoming));
        return this;
    }

    /** Drop {@code oid} of another node, read here, failed at {@code at}. */
    TestingDropTable remoteFailed(String oid, long at) {
        remoteFailed.put(oid, at);
        return this;
    }

    TestingDropTable ran(int i, long start, long end) {
        times.put(i, new long[] {start, end});
        return this;
    }

    @Override
    public int size() {
        return drops.size();
    }

    @Override
    public String oid(int i) {
        return drops.get(i).oid();
    }

    @Override
    public String name(int i) {
        return drops.get(i).name();
    }

    @Override
    public boolean isApp(int i) {
        return drops.get(i).app();
    }

    @Override
    public String dropClass(int i) {
        return drops.get(i).app() ? "dlg.apps.simple.SleepApp" : "dlg.data.drops.memory.InMemoryDROP";
    }

    @Override
    public String node(int i) {
        return drops.get(i).node();
    }

    @Override
    public Object param(int i, String key) {
        return key.equals("lg_key") ? drops.get(i).lgKey() : null;
    }

    @Override
    public ShownState state(int i) {
        return states.get(i);
    }

    @Override
    public String error(int i) {
        return errors.get(i);
    }

    @Override
    public long started(int i) {
        return times.containsKey(i) ? times.get(i)[0] : -1;
    }

    @Override
    public long ended(int i) {
        return times.containsKey(i) ? times.get(i)[1] : -1;
    }

    @Override
    public void forEachEdge(EdgeSink sink) {
        links.forEach(l -> sink.edge(l[0], l[1]));
    }

    @Override
    public void forEachLinkOf(int i, EdgeSink sink) {
        links.stream().filter(l -> l[0] == i || l[1] == i).forEach(l -> sink.edge(l[0], l[1]));
    }

    @Override
    public boolean failedOnItsOwn(int i) {
        return states.get(i) == ShownState.ERROR && !byInputs.contains(i);
    }

    @Override
    public void forEachRemoteLinkOf(int i, RemoteLinkSink sink) {
        remote.getOrDefault(i, List.of()).forEach(l -> sink.link(l.getKey(), l.getValue()));
    }

    @Override
    public long remoteFailedAt(String oid) {
        return remoteFailed.getOrDefault(oid, -1L);
    }

    @Override
    public int indexOf(String oid) {
        for (int i = 0; i < drops.size(); i++) {
            if (drops.get(i).oid().equals(oid)) {
                return i;
            }
        }
        return -1;
    }
}
