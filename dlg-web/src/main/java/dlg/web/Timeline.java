package dlg.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The applications of a session that have run, as bars on a time axis, one row per node (a Dask
 * task stream, an Airflow Gantt chart): the latest {@code limit} to start when there are more.
 *
 * @param total applications that have started
 * @param now the server's time, epoch ms: where the bars of running apps end
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Timeline(long total, boolean truncated, long now, List<Bar> apps) {

    static final int DEFAULT_LIMIT = 5000;

    /**
     * @param node the drop's node attribute, or null
     * @param end null while it runs
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Bar(String oid, String name, String node, long start, Long end, String state) {
    }

    static Timeline of(DropTable drops, int limit, long now) {
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < drops.size(); i++) {
            long start = drops.isApp(i) ? drops.started(i) : -1;
            if (start >= 0) {
                long end = drops.ended(i);
                bars.add(new Bar(drops.oid(i), drops.name(i), drops.node(i), start, end >= 0 ? end : null,
                        drops.state(i).wireName()));
            }
        }
        return latest(bars, limit, now);
    }

    /** The latest {@code limit} bars to start, in order of start. */
    static Timeline latest(List<Bar> bars, int limit, long now) {
        List<Bar> sorted = new ArrayList<>(bars);
        sorted.sort(Comparator.comparingLong(Bar::start));
        int total = sorted.size();
        List<Bar> kept = total > limit ? sorted.subList(total - limit, total) : sorted;
        return new Timeline(total, total > limit, now, List.copyOf(kept));
    }
}
