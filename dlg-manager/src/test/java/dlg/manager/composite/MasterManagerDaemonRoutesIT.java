package dlg.manager.composite;
import dlg.manager.service.CompositeManagerService;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dlg.manager.rest.WireClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A MasterManager's {@code /api/managers/<host>/...} routes against a fake {@code dlg daemon}. */
class MasterManagerDaemonRoutesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer daemon;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile int islandStatus = 200;
    private volatile String islandReply = "{\"pid\": 4242}";
    private CompositeManagerService mm;
    private WireClient client;

    @BeforeEach
    void start() throws Exception {
        daemon = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        daemon.createContext("/managers", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + body);
            String path = exchange.getRequestURI().getPath();
            byte[] reply = path.endsWith("/stop") ? new byte[0]
                    : (path.equals("/managers/island/start") ? islandReply : "{\"pid\": 4242}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(path.equals("/managers/island/start") ? islandStatus : 200,
                    reply.length == 0 ? -1 : reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        daemon.start();
        mm = CompositeManagerService.start(new CompositeManagerService.Config(CompositeManager.Kind.MASTER, "localhost",
                0, List.of(), 1 << 20, Duration.ofSeconds(2), Duration.ofSeconds(10), daemon.getAddress().getPort(), null));
        client = new WireClient(mm.restPort());
    }

    @AfterEach
    void stop() {
        mm.close();
        daemon.stop(0);
    }

    @Test
    void managerRoutes_forwardToTheHostsDaemon() throws Exception {
        WireClient.Reply pid = client.get("/api/managers/127.0.0.1/node");
        assertThat(pid.status()).isEqualTo(200);
        assertThat(JSON.readTree(pid.body()).get("pid").asInt()).isEqualTo(4242);
        assertThat(client.post("/api/managers/127.0.0.1/node/start").status()).isEqualTo(200);
        assertThat(client.post("/api/managers/127.0.0.1/node/stop").text()).contains("Success");

        WireClient.Reply island = client.postJson("/api/managers/127.0.0.1/island", "{\"nodes\": [\"127.0.0.1\"]}");

        assertThat(island.status()).as(island.text()).isEqualTo(200);
        assertThat(JSON.readTree(island.body()).get("islands").get(0).asText()).isEqualTo("127.0.0.1:8001:5555:6666");
        assertThat(calls).containsExactly("GET /managers/node ", "POST /managers/node/start ",
                "POST /managers/node/stop ", "POST /managers/island/start {\"nodes\": [\"127.0.0.1\"]}");
    }

    @Test
    void createIsland_daemonSaysWhereItListens_addsTheIslandAtThatPort() throws Exception {
        islandReply = "{\"pid\": 7, \"address\": \"127.0.0.1:41001:5555:6666\"}";

        WireClient.Reply island = client.postJson("/api/managers/127.0.0.1/island", "{\"nodes\": []}");

        assertThat(island.status()).as(island.text()).isEqualTo(200);
        assertThat(JSON.readTree(island.body()).get("islands").get(0).asText()).isEqualTo("127.0.0.1:41001:5555:6666");
    }

    @Test
    void createIsland_daemonRefuses_is556AndAddsNoIsland() throws Exception {
        islandStatus = 409;
        islandReply = "The Drop Manager is already running";

        WireClient.Reply island = client.postJson("/api/managers/127.0.0.1/island", "{\"nodes\": []}");

        assertThat(island.status()).isEqualTo(556);
        assertThat(island.text()).contains("did not start a DataIslandManager").contains("409");
        assertThat(JSON.readTree(client.get("/api/islands").body()).get("islands")).isEmpty();
    }

    @Test
    void managerRoutes_daemonDown_is556NamingIt() throws Exception {
        daemon.stop(0);
        WireClient.Reply r = client.get("/api/managers/127.0.0.1/master");
        assertThat(r.status()).isEqualTo(556);
        assertThat(JSON.readTree(r.body()).get("type").asText()).isEqualTo("RestClientException");
        assertThat(r.text()).contains("127.0.0.1:" + daemon.getAddress().getPort());
    }
}
