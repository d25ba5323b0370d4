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
    public int indexOf(String oid) {
        for (int i = 0; i < drops.size(); i++) {
            if (drops.get(i).oid().equals(oid)) {
                return i;
            }
        }
        return -1;
    }
}
