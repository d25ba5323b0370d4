package dlg.manager.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dlg.core.state.SessionState;
import dlg.manager.history.ConstructSummary;
import dlg.manager.history.DurationHistogram;
import dlg.manager.history.PastSession;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A past session written as the history routes write it reads back the same, and merges. */
class PastSessionJsonTest {

    private static final Instant T0 = Instant.parse("2026-12-06T07:00:00Z");

    @Test
    void writeThenRead_withHistograms_givesTheSameSession() throws IOException {
        PastSession s = node("nm1:8000", 3, 10, List.of(5L, 7L, 900L));

        PastSession back = PastSessionJson.read(write(s, true, Map.of()));

        assertThat(back).usingRecursiveComparison().isEqualTo(s);
    }

    @Test
    void withoutHistograms_theDurationsAreLeftOut_notMadeUp() throws IOException {
        PastSession back = PastSessionJson.read(write(node("nm1:8000", 1, 2, List.of(5L)), false, Map.of()));

        assertThat(back.constructs().get(0).durations().count()).isZero();
        assertThat(back.constructs().get(0).count()).isEqualTo(2);
    }

    @Test
    void island_withItsNodesRecords_countsFailuresAndConstructsTogether() throws IOException {
        PastSession island = new PastSession("dim:8001", "s1", "DataIslandManager", SessionState.FAILED, 20, T0,
                T0.plusSeconds(9), List.of(new PastSession.StateChange(SessionState.FAILED, T0.plusSeconds(9))), Map.of(),
                0, List.of(), List.of(), "sub-managers: {nm2=FAILED there}", null, null, null, false);
        PastSession a = node("nm1:8000", 0, 4, List.of(10L, 20L));
        PastSession b = node("nm2:8000", 2, 6, List.of(30L, 40L, 5000L));

        PastSession merged = island.withParts(List.of(a, b));
        // a MasterManager reads the island's merged record and merges it again: the same numbers
        PastSession again = PastSessionJson.read(write(merged, true, Map.of("nm1:8000", a, "nm2:8000", b)));

        for (PastSession m : List.of(merged, again)) {
            assertThat(m.failedDrops()).isEqualTo(2);
            assertThat(m.dropCounts()).containsEntry("COMPLETED", 10L).containsEntry("ERROR", 2L);
            assertThat(m.failures()).extracting(PastSession.DropFailure::node).containsExactly("nm2:8000", "nm2:8000");
            ConstructSummary c = m.constructs().get(0);
            assertThat(c.count()).isEqualTo(10);
            assertThat(c.durations().count()).isEqualTo(5);
            assertThat(c.maxMs()).isEqualTo(5000);
            assertThat(c.medianMs()).isBetween(29L, 31L);
            assertThat(m.state()).isEqualTo(SessionState.FAILED);
            assertThat(m.failure()).contains("nm2");
        }
        assertThat(write(merged, false, Map.of("nm1:8000", a, "nm2:8000", b)))
                .contains("\"nodes\":[{\"node\":\"nm1:8000\",\"state\":\"FINISHED\"");
    }

    @Test
    void notAPastSession_isRefusedNamingWhy() {
        assertThatThrownBy(() -> PastSessionJson.read("{\"sessionId\": \"x\"}")).isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("not a past session");
        assertThatThrownBy(() -> PastSessionJson.read("[")).isInstanceOf(UncheckedIOException.class);
    }

    private static PastSession node(String owner, int failed, int apps, List<Long> runs) {
        DurationHistogram h = new DurationHistogram();
        runs.forEach(h::add);
        long total = runs.stream().mapToLong(Long::longValue).sum();
        long max = runs.stream().mapToLong(Long::longValue).max().orElse(0);
        List<PastSession.DropFailure> failures = java.util.stream.IntStream.range(0, failed)
                .mapToObj(i -> new PastSession.DropFailure("f" + i, "u" + i, "calibrate", "exit 3", owner)).toList();
        return new PastSession(owner, "s1", "NodeManager", failed > 0 ? SessionState.FAILED : SessionState.FINISHED, 10,
                T0, T0.plusSeconds(8), List.of(new PastSession.StateChange(SessionState.PRISTINE, T0),
                        new PastSession.StateChange(SessionState.RUNNING, T0.plusSeconds(1))),
                failed > 0 ? Map.of("COMPLETED", 5L, "ERROR", (long) failed) : Map.of("COMPLETED", 5L), failed,
                failures, List.of(new ConstructSummary("-5", "calibrate", apps, failed, total, max, h)), null,
                "/w/s1", "/w/s1/log", null, false);
    }

    private static String write(PastSession s, boolean histograms, Map<String, PastSession> nodes) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            PastSessionJson.write(g, s, histograms, new java.util.TreeMap<>(nodes));
        }
        return out.toString();
    }
}
