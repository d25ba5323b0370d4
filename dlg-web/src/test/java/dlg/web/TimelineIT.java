package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timeline of a session over a DataIslandManager and two NodeManagers: each node samples its
 * bars, the island samples their union by the same rule, over the whole session; every bar names
 * its construct, the same on both nodes.
 */
class TimelineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration END = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private TestIsland island;
    private Rest dim;

    @BeforeEach
    void start() {
        island = new TestIsland(tmp);
        dim = new Rest(island.dim.restPort());
    }

    @AfterEach
    void stop() throws Exception {
        island.close();
    }

    /**
     * On each node: a chain of {@code n} "step" apps (construct lg_key 10, sleeping {@code sleep}
     * s each) from the root "in&lt;k&gt;", and a "check" app (construct lg_key 20) reading each
     * step's output; the node's middle check fails (exit 3). Roots: in0, in1, ...
     *
     * @param nodes each chain's node attribute; null for one chain with no node attribute
     */
    static String steps(int n, double sleep, String... nodes) {
        List<String> drops = new ArrayList<>();
        String[] on = nodes.length == 0 ? new String[] {null} : nodes;
        for (int k = 0; k < on.length; k++) {
            String node = on[k] == null ? "" : ", \"node\": \"" + on[k] + "\"";
            String in = "in" + k;
            drops.add("{\"oid\": \"" + in + "\", \"categoryType\": \"Data\", \"dropclass\": \"dlg.data.drops.memory.InMemoryDROP\","
                    + " \"name\": \"input\", \"lg_key\": 1, \"consumers\": [\"step" + k + "_0\"]" + node + "}");
            for (int i = 0; i < n; i++) {
                String step = "step" + k + "_" + i;
                String out = "d" + k + "_" + i;
                String check = "check" + k + "_" + i;
                String next = i + 1 < n ? ", \"step" + k + "_" + (i + 1) + "\"" : "";
                drops.add("{\"oid\": \"" + step + "\", \"categoryType\": \"Application\", \"dropclass\": \"dlg.apps.simple.SleepApp\","
                        + " \"name\": \"step\", \"lg_key\": 10, \"sleep_time\": " + sleep + ", \"inputs\": [\"" + in + "\"],"
                        + " \"outputs\": [\"" + out + "\"]" + node + "}");
                drops.add("{\"oid\": \"" + out + "\", \"categoryType\": \"Data\", \"dropclass\": \"dlg.data.drops.memory.InMemoryDROP\","
                        + " \"name\": \"stepped\", \"lg_key\": 11, \"producers\": [\"" + step + "\"], \"consumers\": [\""
                        + check + "\"" + next + "]" + node + "}");
                String app = i == n / 2
                        ? "\"dropclass\": \"dlg.apps.bash_shell_app.BashShellApp\", \"command\": \"exit 3\""
                        : "\"dropclass\": \"dlg.apps.simple.NullBarrierApp\"";
                drops.add("{\"oid\": \"" + check + "\", \"categoryType\": \"Application\", " + app + ", \"name\": \"check\","
                        + " \"lg_key\": 20, \"inputs\": [\"" + out + "\"], \"outputs\": [\"c" + k + "_" + i + "\"]" + node + "}");
                drops.add("{\"oid\": \"c" + k + "_" + i + "\", \"categoryType\": \"Data\", \"dropclass\": "
                        + "\"dlg.data.drops.memory.InMemoryDROP\", \"name\": \"checked\", \"lg_key\": 21, \"producers\": [\""
                        + check + "\"]" + node + "}");
                in = out;
            }
        }
        return "[" + String.join(",\n", drops) + "]";
    }

    /** The roots of {@link #steps}: in0, in1, ... */
    static String roots(int nodes) {
        List<String> r = new ArrayList<>();
        for (int k = 0; k < Math.max(1, nodes); k++) {
            r.add("in" + k);
        }
        return String.join(",", r);
    }

    @Test
    void timeline_overTwoNodes_isOneSampleOfTheWholeSession() throws Exception {
        dim.submit("t", steps(15, 0.02, island.n1, island.n2), roots(2));
        await().atMost(END).until(() -> json(dim.get("/api/ui/sessions/t")).get("session").get("terminal").asBoolean());
        JsonNode session = json(dim.get("/api/ui/sessions/t")).get("session");

        JsonNode t = json(dim.get("/api/ui/sessions/t/timeline?limit=10"));

        assertThat(t.get("total").asInt()).isEqualTo(60);
        assertThat(t.get("failed").asInt()).isEqualTo(2);
        assertThat(t.get("sampled").asBoolean()).isTrue();
        assertThat(t.get("longest").asInt()).isEqualTo(1);
        assertThat(t.get("apps")).hasSize(10);
        Set<String> oids = new HashSet<>();
        Set<String> nodes = new HashSet<>();
        Set<String> constructs = new HashSet<>();
        long first = Long.MAX_VALUE;
        for (JsonNode a : t.get("apps")) {
            oids.add(a.get("oid").asText());
            nodes.add(a.get("node").asText());
            constructs.add(a.get("construct").asText());
            first = Math.min(first, a.get("start").asLong());
        }
        assertThat(oids).contains("check0_7", "check1_7"); // both failures
        assertThat(nodes).containsExactlyInAnyOrder(island.n1, island.n2);
        assertThat(constructs).containsExactlyInAnyOrder("lg_key=10", "lg_key=20");
        // from the deploy to the end: the axis starts at or before the first bar, the first step is shown
        assertThat(t.get("start").asLong()).isLessThanOrEqualTo(first).isGreaterThanOrEqualTo(session.get("started").asLong() - 1000);
        assertThat(oids).containsAnyOf("step0_0", "step1_0");
        assertThat(t.get("end").asLong()).isGreaterThanOrEqualTo(first);
        assertThat(t.get("constructs")).hasSize(2);
        assertThat(t.get("constructs").get(0).get("count").asInt()).isEqualTo(30);
        assertThat(t.get("constructs").findValuesAsText("label")).containsExactlyInAnyOrder("step", "check");

        JsonNode all = json(dim.get("/api/ui/sessions/t/timeline"));
        assertThat(all.get("sampled").asBoolean()).isFalse();
        assertThat(all.get("apps")).hasSize(60);
    }

    @Test
    void timeline_badLimit_is400NamingIt() throws Exception {
        dim.submit("b", steps(2, 0, island.n1), roots(1));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                dim.uri("/api/ui/sessions/b/timeline?limit=0")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("limit");
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
