package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.manager.auth.Access;
import dlg.manager.auth.ClusterSecret;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Managers started with the cluster's secret: every route of a NodeManager and of a
 * DataIslandManager (their UI, its API and live streams included) refuses a request without it
 * or with another one and serves one with it; browsers log in; the island passes the secret on.
 */
class GuardedManagersIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration END = Duration.ofSeconds(30);
    private static final ClusterSecret SECRET = ClusterSecret.generate();
    private static final String WRONG = ClusterSecret.generate().token();

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private TestIsland island;

    @AfterEach
    void stop() throws Exception {
        if (island != null) {
            island.close();
        }
    }

    private void startGuarded() {
        Access guarded = new Access(SECRET, null);
        island = new TestIsland(tmp, guarded, guarded);
    }

    @Test
    void everyRoute_refusesMissingOrWrongToken_andServesTheRightOne() throws Exception {
        startGuarded();
        check("NodeManager", island.nm1.restPort(), island.nm1.routes());
        check("DataIslandManager", island.dim.restPort(), island.dim.routes());
    }

    private void check(String manager, int port, List<String> routes) throws Exception {
        assertThat(routes).as(manager + "'s routes").hasSizeGreaterThan(20)
                .contains("GET /api/sessions", "POST /api/sessions/{sid}/graph/append", "GET /api/ui/sessions/{sid}/live");
        List<String> checked = new ArrayList<>();
        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]*}|<[^>]*>", "x")
                    .replace("*", "x");
            if (method.equals("OPTIONS") || path.equals("/login") || method.equals("BEFORE") || method.equals("AFTER")) {
                continue;
            }
            String what = manager + " " + method + " " + path;
            HttpResponse<InputStream> none = send(port, method, path, null);
            assertThat(none.statusCode()).as(what + " without a token").isEqualTo(401);
            assertThat(body(none)).as(what).contains("UnauthorizedException").contains("carries no token");
            HttpResponse<InputStream> wrong = send(port, method, path, WRONG);
            assertThat(wrong.statusCode()).as(what + " with a wrong token").isEqualTo(401);
            assertThat(body(wrong)).as(what).contains("is not this cluster's");
            if (!path.endsWith("/stop")) {
                HttpResponse<InputStream> right = send(port, method, path, SECRET.token());
                assertThat(right.statusCode()).as(what + " with the token").isNotIn(401, 303);
                right.body().close(); // a live stream would last
            }
            checked.add(route);
        }
        assertThat(checked).as(manager + "'s routes checked").hasSizeGreaterThan(20);
    }

    @Test
    void browser_isSentToTheLoginPage_andItsCookieOpensEveryPage() throws Exception {
        startGuarded();
        int port = island.nm1.restPort();
        HttpResponse<String> page = get(port, "/sessions?x=1", "text/html", null);
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/login?next=%2Fsessions%3Fx%3D1");

        HttpResponse<String> login = get(port, "/login?next=%2Fsessions", "text/html", null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("type=\"password\"").contains("value=\"/sessions\"");

        HttpResponse<String> wrong = postForm(port, "token=" + WRONG + "&next=%2Fsessions");
        assertThat(wrong.statusCode()).isEqualTo(200); // the form again
        assertThat(wrong.body()).contains("not this cluster's token").contains("type=\"password\"");
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

        HttpResponse<String> right = postForm(port, "token=" + SECRET.token() + "&next=%2Fsessions");
        assertThat(right.statusCode()).isEqualTo(303);
        assertThat(right.headers().firstValue("Location")).hasValue("/sessions");
        String cookie = right.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("dlg_auth_").contains("HttpOnly").contains("SameSite=Strict")
                .doesNotContain(SECRET.token());
        String nameValue = cookie.substring(0, cookie.indexOf(';'));
        assertThat(get(port, "/", "text/html", nameValue).statusCode()).isEqualTo(200);
        assertThat(get(port, "/api/sessions", "application/json", nameValue).statusCode()).isEqualTo(200);
        // one login opens every manager of the cluster on this host: the island's links to its nodes
        assertThat(get(island.dim.restPort(), "/api/sessions", "application/json", nameValue).statusCode())
                .isEqualTo(200);
        String forged = nameValue.substring(0, nameValue.indexOf('=') + 1) + "forged";
        assertThat(get(port, "/api/sessions", "application/json", forged).statusCode()).isEqualTo(401);
    }

    @Test
    void tokenInTheUrl_setsTheCookie_andLeavesTheAddressBar() throws Exception {
        startGuarded();
        int port = island.dim.restPort();
        HttpResponse<String> r = get(port, "/sessions?token=" + SECRET.token() + "&a=b", "text/html", null);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/sessions?a=b");
        assertThat(r.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).startsWith("dlg_auth_"));
        assertThat(get(port, "/sessions?token=" + WRONG, "text/html", null).statusCode()).isEqualTo(401);
    }

    @Test
    void island_passesTheSecretToItsNodes_andAGraphRunsAcrossThem() throws Exception {
        startGuarded();
        Rest dim = new Rest(island.dim.restPort(), SECRET.token());
        dim.submit("s", Graphs.scatter(10, island.n1, island.n2), "start");
        await().atMost(END).untilAsserted(() -> { // FINISHED on each node (one may finish before the other)
            JsonNode status = json(dim.get("/api/sessions/s/status"));
            assertThat(status.size()).isEqualTo(2);
            status.forEach(s -> assertThat(s.asInt()).isEqualTo(4));
        });
        assertThat(json(dim.get("/api/ui/nodes")).get("nodes")).allSatisfy(n -> assertThat(n.get("ok").asBoolean()).isTrue());
    }

    @Test
    void island_withoutTheNodesSecret_namesTheRefusal() {
        island = new TestIsland(tmp, new Access(SECRET, null), Access.OPEN);
        HttpResponse<String> r = new Rest(island.dim.restPort()).postAnyway("/api/sessions",
                "{\"sessionId\": \"s\"}");
        assertThat(r.statusCode()).isEqualTo(555);
        assertThat(r.body()).contains(island.n1).contains("UnauthorizedException").contains("carries no token");
    }

    private HttpResponse<InputStream> send(int port, String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).method(method, method.equals("POST") || method.equals("PUT")
                        ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody())
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static String body(HttpResponse<InputStream> r) throws IOException {
        try (InputStream in = r.body()) {
            return new String(in.readAllBytes());
        }
    }

    private HttpResponse<String> get(int port, String path, String accept, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", accept);
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(int port, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String s) throws IOException {
        return JSON.readTree(s);
    }
}
