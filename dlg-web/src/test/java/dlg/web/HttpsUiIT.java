package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.manager.auth.Access;
import dlg.manager.auth.Pem;
import dlg.manager.auth.TestCertificates;
import dlg.manager.auth.TlsContexts;
import dlg.manager.auth.TlsFiles;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web UI of an island whose managers all serve HTTPS: pages, and a DataIslandManager's live feed made from its nodes'. */
class HttpsUiIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private TestIsland island;
    private HttpClient browser;
    private Rest dim;

    @BeforeEach
    void start() throws Exception {
        TlsFiles tls = TestCertificates.selfSigned(tmp, "tls", "EC");
        island = new TestIsland(tmp, new Access(null, tls));
        browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(TlsContexts.trusting(Pem.certificates(tls.certificate(), "--tls-ca"))).build();
        dim = new Rest(browser, "https://localhost:" + island.dim.restPort());
    }

    @AfterEach
    void stop() throws Exception {
        island.close();
    }

    @Test
    void page_overHttps_isServed() throws Exception {
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(dim.uri("/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("text/html"));
    }

    @Test
    void compositeFeed_nodesOverHttps_mergesTheirFeedsToTheEnd() throws Exception {
        dim.submit("c", Graphs.scatter(4, island.n1, island.n2), "start");

        try (SseReader feed = new SseReader(browser, dim.uri("/api/ui/sessions/c/live"))) {
            assertThat(feed.next().name()).isEqualTo("snapshot");
            JsonNode last;
            do {
                last = JSON.readTree(feed.next().data());
            } while (!last.get("summary").get("terminal").asBoolean()
                    || last.get("summary").get("nodes").size() != 2);
            assertThat(last.get("summary").get("state").asText()).isEqualTo("finished");
            assertThat(last.get("summary").get("size").asInt()).isEqualTo(9);
        }
    }
}
