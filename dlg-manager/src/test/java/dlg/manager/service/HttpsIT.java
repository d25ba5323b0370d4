package dlg.manager.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.error.RestClientException;
import dlg.manager.NodeAddress;
import dlg.manager.auth.Access;
import dlg.manager.auth.Pem;
import dlg.manager.auth.TestCertificates;
import dlg.manager.auth.TlsContexts;
import dlg.manager.auth.TlsFiles;
import dlg.manager.client.RestDropManagerClient;
import dlg.manager.composite.CompositeManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Managers serving HTTPS ({@code --tls-cert}, {@code --tls-key}), and a composite calling its nodes over it. */
class HttpsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path certs;
    static TlsFiles tls;
    static TlsFiles stranger;
    /** Trusts {@link #tls}'s certificate, as a user's client given --tls-ca would. */
    static HttpClient trusting;

    @TempDir
    Path tmp;

    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() {
        tls = TestCertificates.selfSigned(certs, "cluster", "RSA");
        stranger = TestCertificates.selfSigned(certs, "stranger", "EC");
        trusting = RestDropManagerClient.httpClient(Duration.ofSeconds(10),
                TlsContexts.trusting(Pem.certificates(tls.certificate(), "--tls-ca")));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private NodeManagerService nodeManager(String name, TlsFiles files) {
        NodeManagerService nm = NodeManagerService.start(NodeManagerService.Config.local(tmp.resolve(name))
                .withAccess(new Access(null, files)));
        open.add(nm);
        return nm;
    }

    @Test
    void nodeManager_withTls_answersOverHttpsByAddressAndName() throws Exception {
        NodeManagerService nm = nodeManager("nm", tls);

        for (String host : List.of("127.0.0.1", "localhost")) {
            HttpResponse<String> r = trusting.send(HttpRequest.newBuilder(
                    URI.create("https://" + host + ":" + nm.restPort() + "/api")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).as(host).isEqualTo(200);
            assertThat(JSON.readTree(r.body())).as(host).isEqualTo(JSON.readTree("{\"sessions\": []}"));
        }
    }

    @Test
    void nodeManager_withTls_servesNothingOverPlainHttp() throws Exception {
        NodeManagerService nm = nodeManager("nm", tls);

        // DALiuGE's client speaking plain HTTP gets no HTTP answer: the TLS handshake fails and the connection closes
        byte[] reply;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", nm.restPort()), 10_000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /api HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            try (InputStream in = s.getInputStream()) {
                reply = in.readAllBytes();
            } catch (IOException reset) {
                reply = new byte[0];
            }
        }
        assertThat(new String(reply, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/1.1").doesNotContain("sessions");
        assertThatThrownBy(() -> trusting.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + nm.restPort() + "/api")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void nodeManager_withTls_refusedByAClientThatDoesNotTrustItsCertificate() {
        NodeManagerService nm = nodeManager("nm", tls);
        HttpClient jdkDefaults = RestDropManagerClient.httpClient(Duration.ofSeconds(10));

        assertThatThrownBy(() -> jdkDefaults.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + nm.restPort() + "/api")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void nodeManager_keyOfAnotherCertificate_doesNotStart() {
        TlsFiles mixed = new TlsFiles(tls.certificate(), stranger.privateKey());

        assertThatThrownBy(() -> NodeManagerService.start(NodeManagerService.Config.local(tmp.resolve("nm"))
                .withAccess(new Access(null, mixed))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--tls-key " + stranger.privateKey() + " is not the private key of the certificate");
    }

    @Test
    void dataIslandManager_withTlsOverNodesWithTls_runsAGraphToTheEnd() throws Exception {
        NodeManagerService nm1 = nodeManager("nm1", tls);
        NodeManagerService nm2 = nodeManager("nm2", tls);
        String n1 = nm1.nodeAddress().toString();
        String n2 = nm2.nodeAddress().toString();
        CompositeManagerService dim = CompositeManagerService.start(CompositeManagerService.Config.local(
                CompositeManager.Kind.DATA_ISLAND, List.of(NodeAddress.parse(n1), NodeAddress.parse(n2)))
                .withAccess(new Access(null, tls)));
        open.add(dim);
        String base = "https://localhost:" + dim.restPort();

        assertThat(post(base + "/api/sessions", "application/json", "{\"sessionId\": \"s\"}")).isEqualTo(200);
        assertThat(post(base + "/api/sessions/s/graph/append", "application/json", """
                [{"oid": "A", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "consumers": ["B"], "node": "%1$s"},
                 {"oid": "B", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp",
                  "inputs": ["A"], "outputs": ["C"], "node": "%2$s"},
                 {"oid": "C", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "producers": ["B"], "node": "%2$s"}]
                """.formatted(n1, n2))).isEqualTo(200);
        assertThat(post(base + "/api/sessions/s/deploy", "application/x-www-form-urlencoded", "completed=A"))
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> get(base + "/api/sessions/s/status")
                .equals(JSON.readTree("{\"" + n1 + "\": 4, \"" + n2 + "\": 4}")));
        assertThat(get(base + "/api/sessions/s/graph/status").get("B").get("execStatus").asInt()).isEqualTo(2);
    }

    @Test
    void masterManager_withItsOwnCertificateAndTheCaOfItsIslands_runsAGraphThroughThem() throws Exception {
        String n = nodeManager("nm", tls).nodeAddress().toString();
        CompositeManagerService dim = CompositeManagerService.start(CompositeManagerService.Config.local(
                CompositeManager.Kind.DATA_ISLAND, List.of(NodeAddress.parse(n))).withAccess(new Access(null, tls)));
        open.add(dim);
        String island = "127.0.0.1:" + dim.restPort();
        // the MasterManager serves with another certificate: it trusts its island's through --tls-ca alone
        CompositeManagerService mm = CompositeManagerService.start(CompositeManagerService.Config.local(
                CompositeManager.Kind.MASTER, List.of(NodeAddress.parse(island, NodeAddress.DIM_PORT)))
                .withAccess(new Access(null, stranger, tls.certificate())));
        open.add(mm);
        String base = "https://localhost:" + mm.restPort();
        HttpClient trustingTheMaster = RestDropManagerClient.httpClient(Duration.ofSeconds(10),
                TlsContexts.trusting(Pem.certificates(stranger.certificate(), "--tls-ca")));

        assertThat(send(trustingTheMaster, postRequest(base + "/api/sessions", "application/json", "{\"sessionId\": \"m\"}")))
                .isEqualTo(200);
        assertThat(send(trustingTheMaster, postRequest(base + "/api/sessions/m/graph/append", "application/json", """
                [{"oid": "A", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "consumers": ["B"], "node": "%1$s", "island": "%2$s"},
                 {"oid": "B", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp",
                  "inputs": ["A"], "node": "%1$s", "island": "%2$s"}]
                """.formatted(n, island)))).isEqualTo(200);
        assertThat(send(trustingTheMaster, postRequest(base + "/api/sessions/m/deploy", "application/x-www-form-urlencoded",
                "completed=A"))).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(JSON.readTree(trustingTheMaster.send(
                HttpRequest.newBuilder(URI.create(base + "/api/sessions/m/status")).build(),
                HttpResponse.BodyHandlers.ofString()).body()))
                .isEqualTo(JSON.readTree("{\"" + NodeAddress.parse(island, NodeAddress.DIM_PORT) + "\": {\"" + n + "\": 4}}")));
    }

    @Test
    void client_nodeWithAnotherCertificate_failsNamingTheNodeAndTheFix() {
        NodeManagerService nm = nodeManager("nm", stranger);
        var client = new RestDropManagerClient(trusting, "127.0.0.1", nm.restPort(),
                RestDropManagerClient.Options.DEFAULTS.withHttps(true));

        assertThatThrownBy(client::sessions)
                .isInstanceOf(RestClientException.class)
                .hasMessageStartingWith("127.0.0.1:" + nm.restPort() + ": no HTTPS with it: ")
                .hasMessageContaining("(its certificate must name the host and be trusted: --tls-ca)");
    }

    private static int post(String url, String type, String body) throws Exception {
        return send(trusting, postRequest(url, type, body));
    }

    private static HttpRequest postRequest(String url, String type, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static int send(HttpClient client, HttpRequest request) throws Exception {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(request.uri() + ": " + r.body()).isEqualTo(200);
        return r.statusCode();
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> r = trusting.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
