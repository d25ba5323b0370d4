package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionMergeTest {

    private static SessionLine line(String state, boolean terminal, Map<String, Long> counts, Long started, Long ended) {
        return new SessionLine("s", state, terminal, counts.values().stream().mapToLong(Long::longValue).sum(), counts,
                counts.getOrDefault("error", 0L), 1L, started, ended, null, null, null);
    }

    @Test
    void merge_twoNodes_addsCountsAndSpansTheirTimes() {
        Map<String, SessionLine> lines = new LinkedHashMap<>();
        lines.put("a", line("finished", true, Map.of("finished", 2L, "completed", 3L), 100L, 150L));
        lines.put("b", line("running", false, Map.of("running", 1L, "error", 1L), 120L, null));

        SessionLine m = SessionMerge.merge("s", List.of("a", "b"), lines, Map.of(), Map.of(), 400);

        assertThat(m.state()).isEqualTo("running");
        assertThat(m.terminal()).isFalse();
        assertThat(m.size()).isEqualTo(7);
        assertThat(m.failed()).isEqualTo(1);
        assertThat(m.counts()).containsExactly(Map.entry("completed", 3L), Map.entry("finished", 2L),
                Map.entry("running", 1L), Map.entry("error", 1L)); // progress-bar order
        assertThat(m.started()).isEqualTo(100L);
        assertThat(m.ended()).isNull();
        assertThat(m.elapsed()).isEqualTo(300L); // to now
        assertThat(m.nodes().get("b").state()).isEqualTo("running");
    }

    @Test
    void merge_allEnded_endsAtTheLastEnd() {
        Map<String, SessionLine> lines = new LinkedHashMap<>();
        lines.put("a", line("finished", true, Map.of("finished", 1L), 100L, 150L));
        lines.put("b", line("finished", true, Map.of("finished", 1L), 110L, 190L));

        SessionLine m = SessionMerge.merge("s", List.of("a", "b"), lines, Map.of(), Map.of(), 400);

        assertThat(m.state()).isEqualTo("finished");
        assertThat(m.ended()).isEqualTo(190L);
        assertThat(m.elapsed()).isEqualTo(90L);
    }

    @Test
    void merge_nodeThatDidNotAnswer_countsAsFailedNamingIt() {
        Map<String, SessionLine> lines = Map.of("a", line("finished", true, Map.of("finished", 1L), 100L, 150L));

        SessionLine m = SessionMerge.merge("s", List.of("a", "b"), lines, Map.of("b", "connection refused"), Map.of(), 400);

        assertThat(m.state()).isEqualTo("failed");
        assertThat(m.nodes().get("b").error()).isEqualTo("connection refused");
        assertThat(m.error()).isEqualTo("b: connection refused");
    }
}
