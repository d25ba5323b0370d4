package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dlg.manager.service.NodeManagerService;
import dlg.manager.composite.CompositeManager;
import dlg.manager.service.CompositeManagerService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The pages of a real NodeManager in a real (headless) browser: a graph submitted over REST is
 * seen to finish, a running session is cancelled from its page, a drop's panel opens, a failure
 * shows its cause, a big session's graph is grouped, a DataIslandManager shows its nodes; never a
 * JavaScript error in the console. A screenshot of each page goes to {@code target/screenshots/}.
 */
class BrowserIT {

    private static final Duration WAIT = Browser.WAIT;

    @TempDir
    static Path dlgRoot;

    private static Browser browser;
    private static NodeManagerService nm;
    private static CompositeManagerService dim;
    private static Rest rest;
    private static String node;

    @BeforeAll
    static void start() {
        browser = Browser.startOrSkip();
        nm = NodeManagerService.start(NodeManagerService.Config.local(dlgRoot), WebUi::forNodeManager);
        rest = new Rest(nm.restPort());
        node = nm.nodeAddress().toString();
        dim = CompositeManagerService.start(CompositeManagerService.Config.local(CompositeManager.Kind.DATA_ISLAND,
                List.of(nm.nodeAddress())), WebUi::forComposite);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (dim != null) {
            dim.close();
        }
        if (nm != null) {
            nm.close();
        }
    }

    @AfterEach
    void noJavaScriptErrorsNorWarnings() {
        assertThat(browser.console(Level.WARNING)).as("browser console errors and warnings").isEmpty();
    }

    @Test
    void sessionsPage_graphSubmittedOverRest_isSeenToFinish() {
        open("/");
        browser.waitFor("browser", () -> !browser.text("#sessions tbody").contains("Loading"));

        rest.submit("hello", Graphs.hello(), "hello");

        browser.waitFor("browser", () -> browser.text("tr[data-session='hello'] .badge").equals("finished"));
        assertThat(browser.text("tr[data-session='hello'] td.num")).isEqualTo("2"); // drops
        assertThat(browser.find("tr[data-session='hello'] .progress").findElements(By.cssSelector("span"))).isNotEmpty();
        browser.screenshot("sessions");
    }

    @Test
    void sessionPage_runningSession_isCancelledFromThePage() {
        rest.submit("long", Graphs.sleep(600), "start");
        open("/session?sessionId=long");
        browser.waitFor("browser", () -> browser.text("#state .badge").equals("running"));
        browser.waitFor("browser", () -> browser.text("#graph-note").contains("3 drops"));
        browser.screenshot("session-running");

        browser.find("#cancel").click();

        browser.waitFor("browser", () -> browser.text("#state .badge").equals("cancelled"));
        browser.waitFor("browser", () -> color("sleep").equals(color("cancelled")));
        assertThat(rest.get("/api/sessions/long/status")).isEqualTo("5");
    }

    @Test
    void sessionPage_clickADropInTheList_opensItsPanel() {
        rest.submit("panel", Graphs.hello(), "hello");
        await().atMost(WAIT).until(() -> rest.get("/api/sessions/panel/status").equals("4"));
        open("/session?sessionId=panel&view=list");
        browser.waitFor("browser", () -> !browser.findAll("tr[data-oid='hello']").isEmpty());

        browser.find("tr[data-oid='hello']").click();

        browser.waitFor("browser", () -> browser.text("#panel-title").equals("hello"));
        browser.waitFor("browser", () -> browser.text("#panel-body").contains("greet"));
        assertThat(browser.text("#panel-body")).contains("dlg.apps.simple.HelloWorldApp", "finished", "started", "ended");
        assertThat(browser.find("#panel-body a[href='/sessions/panel/graph/drop/hello']").getText()).isEqualTo("Details");
        // Download only where there is data to download: the completed file, not the app
        assertThat(browser.findAll("tr[data-oid='hello'] a")).extracting(WebElement::getText)
                .containsExactly("Details");
        assertThat(browser.findAll("tr[data-oid='file'] a")).extracting(WebElement::getText)
                .containsExactly("Details", "Download");
        // the panel says how many log entries the drop has in all: here it shows every one, so no count
        var detail = json(rest.get("/api/ui/sessions/panel/drops/hello"));
        int logged = json(rest.get("/api/sessions/panel/graph/drop/hello")).get("logs").size();
        assertThat(detail.get("logCount").asInt()).isEqualTo(logged).isPositive();
        assertThat(detail.get("logs").size()).isEqualTo(Math.min(logged, 30));
        assertThat(browser.driver.findElements(By.id("log-shown"))).isEmpty();
        browser.screenshot("drop-panel");

        browser.find("#tab-timeline").click();
        browser.waitFor("browser", () -> !browser.findAll("#timeline rect.bar").isEmpty());
        browser.screenshot("timeline");
    }

    @Test
    void sessionPage_failedSession_showsTheCause() {
        rest.submit("broken", Graphs.failing(), "in");
        open("/session?sessionId=broken");

        browser.waitFor("browser", () -> browser.text("#state .badge").equals("failed"));
        openFailedDropsInGraphOrder();
        browser.waitFor("browser", () -> browser.text("#failure-list").contains("failing step"));
        assertThat(browser.text("#failure-list")).contains("exit");
        // the output the failed step never wrote offers nothing to download
        browser.find("#tab-list").click();
        browser.waitFor("browser", () -> !browser.findAll("tr[data-oid='never']").isEmpty());
        assertThat(browser.findAll("tr[data-oid='never'] a")).extracting(WebElement::getText)
                .containsExactly("Details");
        assertThat(browser.find("#failed").getAttribute("class")).contains("failed");
        assertThat(browser.find("#failures-shown").isDisplayed()).as("every failure is listed: no count of those shown").isFalse();
        browser.screenshot("session-failed");
    }

    @Test
    void sessionPage_manyFailures_saysHowManyItShows() {
        rest.submit("many-failures", Graphs.failingMany(25), "in");
        open("/session?sessionId=many-failures");

        browser.waitFor("browser", () -> browser.text("#state .badge").equals("failed"));
        openFailedDropsInGraphOrder();
        browser.waitFor("browser", () -> browser.find("#failures-shown").isDisplayed());
        assertThat(browser.findAll("#failure-list li")).hasSize(20);
        // the count of failed drops is live: the text follows it (it said "20 of 48" next to 50 once)
        browser.waitFor("browser", () -> browser.text("#failures-shown")
                .startsWith("20 of " + browser.text("#failed") + " failed drops shown here"));
        assertThat(Integer.parseInt(browser.text("#failed").replace(",", ""))).isGreaterThanOrEqualTo(25);
    }

    @Test
    void sessionPage_failedDeploy_showsWhyInsteadOfASpinner() {
        assertThat(rest.submitAnyway("undeployable", Graphs.missingFile(), "needed").statusCode()).isNotEqualTo(200);
        open("/session?sessionId=undeployable");

        browser.waitFor("browser", () -> browser.text("#state .badge").equals("failed"));
        browser.waitFor("browser", () -> browser.find("#error").isDisplayed() && browser.text("#error").contains("missing.txt"));
        assertThat(browser.text("#elapsed")).isNotEqualTo("Loading…");
        browser.screenshot("session-deploy-failed");
    }

    @Test
    void sessionsPage_managerGoesAwayAndComesBack_showsTheLossThenRecovers() {
        NodeManagerService flaky = NodeManagerService.start(NodeManagerService.Config.local(dlgRoot.resolve("flaky")),
                WebUi::forNodeManager);
        int port = flaky.restPort();
        Rest flakyRest = new Rest(port);
        flakyRest.submit("before", Graphs.hello(), "hello");
        try {
            browser.driver.get(flakyRest.uri("/").toString());
            browser.waitFor("browser", () -> browser.text("tr[data-session='before'] .badge").equals("finished"));

            flaky.close();
            browser.waitFor("browser", () -> browser.find("#banner").isDisplayed() && browser.text("#banner").contains("lost"));
            browser.screenshot("connection-lost");

            var config = NodeManagerService.Config.local(dlgRoot.resolve("flaky-again"));
            flaky = NodeManagerService.start(new NodeManagerService.Config(config.host(), port, 0, 0, config.dlgRoot(),
                    config.maxRequestSize(), config.maxThreads(), config.options(), config.apps(),
                    config.environment()), WebUi::forNodeManager);
            flakyRest.submit("after", Graphs.hello(), "hello");

            browser.waitFor("browser", () -> !browser.find("#banner").isDisplayed());
            browser.waitFor("browser", () -> browser.text("tr[data-session='after'] .badge").equals("finished"));
        } finally {
            flaky.close();
            // the browser logs each refused reconnection: expected here, and nothing else is
            assertThat(browser.consoleErrors()).allSatisfy(e -> assertThat(e.getMessage())
                    .contains("ERR_CONNECTION_REFUSED"));
        }
    }

    @Test
    void pages_liveStreamBlockedByAProxy_pollInstead() {
        try (BlockingProxy proxy = new BlockingProxy(nm.restPort(), BlockingProxy.Streams.REFUSED)) {
            String through = "http://127.0.0.1:" + proxy.port();
            browser.driver.get(through + "/");
            browser.waitFor("browser", () -> !browser.text("#sessions tbody").contains("Loading"));

            rest.submit("proxied", Graphs.sleep(1), "start");

            browser.waitFor("browser", () -> browser.text("tr[data-session='proxied'] .badge").equals("finished"));
            assertThat(browser.script("return document.documentElement.dataset.feed")).isEqualTo("polling");
            assertThat(browser.find("#banner").isDisplayed()).isFalse();
            browser.screenshot("sessions-polling");

            rest.submit("proxied-long", Graphs.sleep(600), "start");
            browser.driver.get(through + "/session?sessionId=proxied-long");
            browser.waitFor("browser", () -> "polling".equals(browser.script("return document.documentElement.dataset.feed")));
            browser.waitFor("browser", () -> browser.text("#state .badge").equals("running") && browser.text("#graph-note").contains("3 drops"));

            browser.find("#cancel").click();

            browser.waitFor("browser", () -> browser.text("#state .badge").equals("cancelled"));
            browser.waitFor("browser", () -> color("sleep").equals(color("cancelled"))); // the graph is read again too
            assertThat(browser.find("#banner").isDisplayed()).isFalse();
        } finally {
            // the browser logs each refused stream: expected here, and nothing else is
            assertThat(browser.consoleErrors()).allSatisfy(e -> assertThat(e.getMessage()).contains("/live"));
        }
    }

    @Test
    void sessionsPage_liveStreamHeldByABufferingProxy_pollsInstead() {
        try (BlockingProxy proxy = new BlockingProxy(nm.restPort(), BlockingProxy.Streams.HELD)) {
            browser.driver.get("http://127.0.0.1:" + proxy.port() + "/");
            rest.submit("buffered", Graphs.hello(), "hello");

            browser.waitFor("browser", () -> browser.text("tr[data-session='buffered'] .badge").equals("finished"));
            assertThat(browser.script("return document.documentElement.dataset.feed")).isEqualTo("polling");
            assertThat(browser.find("#banner").isDisplayed()).isFalse();
        }
    }

    @Test
    void sessionPage_bigSession_drawsGroupsNotEveryDrop() {
        rest.submit("big", Graphs.scatter(10_000), "start");
        await().atMost(WAIT).until(() -> rest.get("/api/sessions/big/status").equals("4"));
        open("/session?sessionId=big");

        browser.waitFor("browser", () -> browser.text("#graph-note").contains("3 groups of 20,001 drops"));
        assertThat(browser.text("#count")).isEqualTo("20,001");

        browser.find("#tab-list").click();
        browser.waitFor("browser", () -> browser.text("#list-shown").contains("of 20,001"));
        browser.screenshot("session-big");
        // the grouped graph is drawn without a single warning (Cytoscape warns of every bad style)
        assertThat(browser.console(Level.WARNING)).as("browser console warnings on the big session's page").isEmpty();
    }

    @Test
    void dataIslandManager_pagesShowItsNodesAndTheirSessions() {
        Rest overDim = new Rest(dim.restPort());
        browser.driver.get(overDim.uri("/").toString());
        browser.waitFor("browser", () -> browser.text("#nodes tbody").contains(node) && browser.text("#nodes tbody").contains("up"));
        assertThat(browser.text("#nodes-title")).isEqualTo("Nodes");
        // the node's own CPU, memory and running apps, as numbers
        browser.waitFor("browser", () -> !browser.text("#nodes td.cpu").isEmpty());
        assertThat(browser.text("#nodes td.cpu")).matches("\\d+ % of \\d+ cores?");
        assertThat(browser.text("#nodes td.memory")).matches("[\\d.]+ (KB|MB|GB)");
        assertThat(browser.text("#nodes td.running")).isEqualTo("0");

        overDim.submit("island", Graphs.scatter(5, node), "start");

        browser.waitFor("browser", () -> browser.text("tr[data-session='island'] .badge").equals("finished"));
        browser.screenshot("dim-sessions");
        browser.driver.get(overDim.uri("/session?sessionId=island").toString());
        browser.waitFor("browser", () -> browser.text("#nodes").contains(node) && browser.text("#graph-note").contains("11 drops"));
        assertThat(browser.text("#state .badge")).isEqualTo("finished");
        browser.screenshot("dim-session");

        // the island's view of its node lists the island's sessions only, and says how many others the node has
        rest.submit("direct", Graphs.hello(), "hello"); // made on the NodeManager itself
        await().atMost(WAIT).until(() -> rest.get("/api/sessions/direct/status").equals("4"));
        browser.driver.get(overDim.uri("/?node=" + java.net.URLEncoder.encode(node,
                java.nio.charset.StandardCharsets.UTF_8)).toString());
        browser.waitFor("browser", () -> browser.text("#sessions tbody").contains("island"));
        assertThat(browser.text("#sessions tbody")).doesNotContain("direct");
        int others = json(rest.get("/api/sessions")).size() - json(overDim.get("/api/sessions")).size();
        assertThat(others).isPositive(); // "direct", and the other tests' sessions on this NodeManager
        assertThat(browser.text("#node-others")).startsWith(others + " other session" + (others == 1 ? " on this node was" : "s on"
                + " this node were") + " not made through this manager");
    }

    @Test
    void everyStateBadge_hasReadableText() {
        open("/");
        browser.waitFor("browser", () -> !browser.text("#sessions tbody").contains("Loading"));
        // every state class of the palette, each drawn as a badge: its text colour and its fill
        @SuppressWarnings("unchecked")
        List<List<String>> badges = (List<List<String>>) browser.script("""
                const states = new Set();
                for (const sheet of document.styleSheets)
                  for (const rule of sheet.cssRules)
                    for (const m of (rule.selectorText ?? '').matchAll(/\\.s-([a-z_]+)/g)) states.add(m[1]);
                return [...states].map(s => {
                  const b = document.createElement('span'); b.className = 'badge s-' + s; b.textContent = s;
                  document.body.append(b);
                  const st = getComputedStyle(b); const r = [s, st.color, st.backgroundColor]; b.remove(); return r;
                });
                """);
        assertThat(badges).extracting(b -> b.get(0)).contains("running", "finished", "failed", "cancelled", "error");
        assertThat(badges).allSatisfy(b -> assertThat(contrast(b.get(1), b.get(2)))
                .as("contrast of the %s badge (%s on %s)", b.get(0), b.get(1), b.get(2)).isGreaterThanOrEqualTo(4.5));
    }

    // ---- Helpers ----

    /** WCAG 2's contrast ratio of two opaque CSS colours as computed ({@code rgb(r, g, b)}). */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String rgb) {
        var m = java.util.regex.Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)(, ([\\d.]+))?\\)").matcher(rgb);
        assertThat(m.matches()).as("an opaque rgb() colour: %s", rgb).isTrue();
        assertThat(m.group(5) == null || Double.parseDouble(m.group(5)) == 1).as("opaque: %s", rgb).isTrue();
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(m.group(i + 1)) / 255.0;
            c[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    /** Root causes come first; the failed drops in graph order are one click away, under them. */
    private static void openFailedDropsInGraphOrder() {
        browser.waitFor("browser", () -> !browser.findAll("#root-cause-list li").isEmpty()
                && "false".equals(String.valueOf(browser.script("return document.getElementById('failures-all').open"))));
        browser.find("#failures-all summary").click();
    }

    private static void open(String path) {
        browser.driver.get(rest.uri(path).toString());
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The fill colour the graph gives a drop, or the palette's colour of a state name. */
    private static String color(String oidOrState) {
        Object c = browser.script("""
                const cy = document.getElementById('graph')._cyreg?.cy;
                const n = cy && cy.getElementById(arguments[0]);
                if (n && n.nonempty()) return n.data('bg');
                const p = document.createElement('span'); p.className = 's-' + arguments[0]; document.body.append(p);
                const c = getComputedStyle(p).getPropertyValue('--c').trim(); p.remove(); return c;
                """, oidOrState);
        return String.valueOf(c);
    }
}
