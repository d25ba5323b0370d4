package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.daemon.zeroconf.Multicast;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dlg daemon --mm --nm} with zeroconf on loopback (real JmDNS, real managers): the
 * MasterManager is given the NodeManager, then the island started later (at its real port) with
 * the NodeManager assigned to it, and loses the NodeManager when it stops. Skipped, saying why,
 * where multicast does not work on loopback.
 */
class DlgDaemonZeroconfIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private DlgProcesses dlg;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void end() {
        if (dlg != null) {
            dlg.close();
        }
    }

    private JsonNode call(int port, String method, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    private static List<String> texts(JsonNode list) {
        List<String> all = new ArrayList<>();
        list.forEach(n -> all.add(n.asText()));
        return all;
    }

    private static int port(String nodeString) {
        return Integer.parseInt(nodeString.split(":")[1]);
    }

    @Test
    void masterManager_isFedWhatZeroconfFinds() throws Exception {
        Assumptions.assumeTrue(Multicast.worksOnLoopback(), "multicast on the loopback interface does not work here:"
                + " zeroconf cannot be tried for real (ZeroconfTest covers its logic with a fake network)");
        dlg = new DlgProcesses(tmp);
        Process daemon = dlg.start("daemon", "daemon", "-H", "127.0.0.1", "-P", "0", "--ephemeral-ports", "--mm", "--nm",
                "-l", tmp.resolve("logs").toString());
        int d = Integer.parseInt(dlg.awaitOutput("daemon", daemon, "dlg daemon: listening on 127\\.0\\.0\\.1:(\\d+), zeroconf on")
                .group(1));
        await().atMost(DlgProcesses.WAIT).until(() -> call(d, "GET", "/managers/node").has("address"));
        int mm = port(call(d, "GET", "/managers/master").get("address").asText());
        String nm = call(d, "GET", "/managers/node").get("address").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> texts(call(mm, "GET", "/api/nodes").get("nodes")).contains(nm));

        int dim = port(call(d, "POST", "/managers/island/start").get("address").asText());

        String island = "127.0.0.1:" + dim + ":5555:6666";
        await().atMost(Duration.ofSeconds(30)).until(() -> texts(call(mm, "GET", "/api/islands").get("islands"))
                .contains(island));
        await().atMost(Duration.ofSeconds(30)).until(() -> texts(call(dim, "GET", "/api/nodes")).contains(nm));

        call(d, "POST", "/managers/node/stop");

        await().atMost(Duration.ofSeconds(30)).until(() -> texts(call(dim, "GET", "/api/nodes")).isEmpty());
    }
}
