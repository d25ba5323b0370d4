package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures grouped by root cause over real managers: a failure on one node that propagates to
 * another, and back, is one root with every failed drop downstream of it, on the
 * DataIslandManager and on a MasterManager over two islands alike.
 */
class RootCausesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration END = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    /**
     * in (A) -> bad (A, exits 3) -> mid (A) -> next (B) -> out (B) -> last (A) -> fin (A), and
     * in -> ok (B): the failure crosses from A to B and back.
     */
    private static String crossing(String a, String b, String placeA, String placeB) {
        return """
                [{"oid": "in", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "name": "input",
                  "lg_key": 1, "consumers": ["bad", "ok"], %1$s},
                 {"oid": "bad", "categoryType": "Application", "dropclass": "dlg.apps.bash_shell_app.BashShellApp",
                  "name": "failing step", "lg_key": 2, "command": "exit 3", "inputs": ["in"], "outputs": ["mid"], %1$s},
                 {"oid": "ok", "categoryType": "Application", "dropclass": "dlg.apps.simple.NullBarrierApp",
                  "name": "fine", "lg_key": 3, "inputs": ["in"], %2$s},
                 {"oid": "mid", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "name": "mid",
                  "lg_key": 4, "producers": ["bad"], "consumers": ["next"], %1$s},
                 {"oid": "next", "categoryType": "Application", "dropclass": "dlg.apps.simple.NullBarrierApp",
                  "name": "next", "lg_key": 5, "inputs": ["mid"], "outputs": ["out"], %2$s},
                 {"oid": "out", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "name": "out",
                  "lg_key": 6, "producers": ["next"], "consumers": ["last"], %2$s},
                 {"oid": "last", "categoryType": "Application", "dropclass": "dlg.apps.simple.NullBarrierApp",
                  "name": "last", "lg_key": 7, "inputs": ["out"], "outputs": ["fin"], %1$s},
                 {"oid": "fin", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "name": "fin",
                  "lg_key": 8, "producers": ["last"], %1$s}]
                """.formatted(placeA, placeB);
    }

    private static String node(String n) {
        return "\"node\": \"" + n + "\"";
    }

    @Test
    void failures_failureCrossingNodesOfAnIsland_oneRootWithEveryFailedDropDownstream() throws Exception {
        try (TestIsland island = new TestIsland(tmp)) {
            Rest dim = new Rest(island.dim.restPort());
            dim.submit("x", crossing(island.n1, island.n2, node(island.n1), node(island.n2)), "in");
            await().atMost(END).until(() -> json(dim.get("/api/ui/sessions/x")).get("session").get("terminal").asBoolean());

            // each node tells its own part, and what crosses its boundary
            JsonNode a = json(new Rest(island.nm1.restPort()).get("/api/ui/sessions/x/failures"));
            assertThat(a.get("roots").asInt()).as(a.toPrettyString()).isEqualTo(1);
            assertThat(a.get("downstream").asInt()).isEqualTo(1); // mid
            assertThat(a.get("imported").asInt()).isEqualTo(2); // last, fin: after out of B
            assertThat(a.get("imports").get(0).get("oid").asText()).isEqualTo("out");
            assertThat(a.get("exports").get(0).get("oid").asText()).isEqualTo("mid");
            assertThat(a.get("exports").get(0).get("root").asText()).isEqualTo("bad");
            JsonNode b = json(new Rest(island.nm2.restPort()).get("/api/ui/sessions/x/failures"));
            assertThat(b.get("roots").asInt()).isZero();
            assertThat(b.get("imports").get(0).get("oid").asText()).isEqualTo("mid");
            assertThat(b.get("imports").get(0).get("drops").asInt()).isEqualTo(2); // next, out

            JsonNode merged = json(dim.get("/api/ui/sessions/x/failures"));
            assertOneRootWithFiveDownstream(merged);
            assertThat(status(dim, "/api/ui/sessions/nope/failures")).isEqualTo(404);
            assertThat(status(new Rest(island.nm1.restPort()), "/api/ui/sessions/nope/failures")).isEqualTo(404);
        }
    }

    @Test
    void failures_failureCrossingIslands_masterManagerMergesTheIslandsMergedAnswers() throws Exception {
        try (TestMaster cluster = new TestMaster(tmp)) {
            List<String> nms = cluster.nms;
            List<String> islands = cluster.islands;
            Rest mm = cluster.mm;
            String placeA = node(nms.get(0)) + ", \"island\": \"" + islands.get(0) + "\"";
            String placeB = node(nms.get(1)) + ", \"island\": \"" + islands.get(1) + "\"";
            mm.submit("m", crossing(nms.get(0), nms.get(1), placeA, placeB), "in");
            await().atMost(END).until(() -> json(mm.get("/api/ui/sessions/m")).get("session").get("terminal").asBoolean());

            assertOneRootWithFiveDownstream(json(mm.get("/api/ui/sessions/m/failures")));
        }
    }

    @Test
    void failures_nodeLostWhileItsDataWasAwaitedElsewhere_oneGroupForTheNodeWithWhatFailedBecauseOfIt()
            throws Exception {
        try (TestIsland island = new TestIsland(tmp)) {
            Rest dim = new Rest(island.dim.restPort());
            String a = node(island.n1);
            String b = node(island.n2);
            dim.submit("lost", """
                    [{"oid": "start", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                      "name": "start", "consumers": ["sleep"], %1$s},
                     {"oid": "sleep", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp",
                      "name": "sleep", "sleep_time": 600, "inputs": ["start"], "outputs": ["slept"], %1$s},
                     {"oid": "slept", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                      "name": "slept", "producers": ["sleep"], "consumers": ["next"], %1$s},
                     {"oid": "next", "categoryType": "Application", "dropclass": "dlg.apps.simple.NullBarrierApp",
                      "name": "next", "inputs": ["slept"], "outputs": ["out"], %2$s},
                     {"oid": "out", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                      "name": "out", "producers": ["next"], %2$s}]
                    """.formatted(a, b), "start");
            await().atMost(END).until(() -> json(dim.get("/api/ui/sessions/lost")).get("session").get("state").asText()
                    .equals("running"));

            island.nm1.close();

            await().atMost(END).until(() -> json(dim.get("/api/ui/sessions/lost/failures")).get("failed").asInt() == 5);
            JsonNode r = json(dim.get("/api/ui/sessions/lost/failures"));
            assertThat(r.get("roots").asInt()).as(r.toPrettyString()).isEqualTo(3);
            assertThat(r.get("downstream").asInt()).isEqualTo(2);
            assertThat(r.get("groups")).hasSize(1);
            JsonNode g = r.get("groups").get(0);
            assertThat(g.get("key").asText()).isEqualTo("node=" + island.n1);
            assertThat(g.get("construct").asText()).isEqualTo("node " + island.n1);
            assertThat(g.get("cause").asText()).contains("lost");
            assertThat(g.get("downstream").asInt()).isEqualTo(2);
            assertThat(g.get("examples")).extracting(e -> e.get("oid").asText())
                    .containsExactly("start", "sleep", "slept");
        }
    }

    private static void assertOneRootWithFiveDownstream(JsonNode r) {
        assertThat(r.get("failed").asInt()).isEqualTo(6); // bad, mid, next, out, last, fin
        assertThat(r.get("roots").asInt()).isEqualTo(1);
        assertThat(r.get("downstream").asInt()).isEqualTo(5);
        assertThat(r.get("imported").asInt()).isZero();
        assertThat(r.get("imports")).isEmpty();
        assertThat(r.get("approximate").asBoolean()).isFalse();
        assertThat(r.get("groups")).hasSize(1);
        JsonNode g = r.get("groups").get(0);
        assertThat(g.get("key").asText()).isEqualTo("lg_key=2");
        assertThat(g.get("construct").asText()).isEqualTo("failing step");
        assertThat(g.get("cause").asText()).contains("exited with code 3");
        assertThat(g.get("roots").asInt()).isEqualTo(1);
        assertThat(g.get("downstream").asInt()).isEqualTo(5);
        assertThat(g.get("examples").get(0).get("oid").asText()).isEqualTo("bad");
        assertThat(g.get("examples").get(0).get("downstream").asInt()).isEqualTo(5);
    }

    private static int status(Rest rest, String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(rest.uri(path)).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
