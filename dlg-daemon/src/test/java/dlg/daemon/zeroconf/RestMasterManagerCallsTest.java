package dlg.daemon.zeroconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.error.UnauthorizedException;
import dlg.manager.NodeAddress;
import dlg.manager.auth.ClusterSecret;
import dlg.manager.rest.TokenGate;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The daemon's calls to the MasterManager it started, against a server that demands the cluster's secret. */
class RestMasterManagerCallsTest {

    private final ClusterSecret secret = ClusterSecret.generate();
    private final List<String> served = new CopyOnWriteArrayList<>();
    private Javalin guarded;

    @BeforeEach
    void start() {
        guarded = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.routes.exception(UnauthorizedException.class, (e, ctx) -> ctx.status(401).result(e.getMessage()));
            TokenGate.install(config.routes, secret);
            config.routes.post("/api/node/{node}", ctx -> served.add("add " + ctx.pathParam("node")));
            config.routes.delete("/api/managers/{island}/node/{node}",
                    ctx -> served.add("remove " + ctx.pathParam("node") + " from " + ctx.pathParam("island")));
        }).start();
    }

    @AfterEach
    void stop() {
        guarded.stop();
    }

    private RestMasterManagerCalls calls(ClusterSecret s) {
        return new RestMasterManagerCalls("127.0.0.1", guarded.port(), Duration.ofSeconds(10), s);
    }

    @Test
    void withTheSecret_callsPass() {
        calls(secret).addNode(new NodeAddress("10.0.0.1", 8000, 5555, 6666));
        calls(secret).removeNodeFromIsland(new NodeAddress("10.0.0.2", 8001, 5555, 6666),
                new NodeAddress("10.0.0.1", 8000, 5555, 6666));

        assertThat(served).containsExactly("add 10.0.0.1:8000:5555:6666",
                "remove 10.0.0.1:8000:5555:6666 from 10.0.0.2:8001:5555:6666");
    }

    @Test
    void withoutIt_theRefusalIsReportedNamingTheCall() {
        assertThatThrownBy(() -> calls(null).addNode(new NodeAddress("10.0.0.1", 8000, 5555, 6666)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("POST http://127.0.0.1:")
                .hasMessageContaining("/api/node/").hasMessageContaining(": 401").hasMessageContaining("carries no token");
        assertThat(served).isEmpty();
    }
}
