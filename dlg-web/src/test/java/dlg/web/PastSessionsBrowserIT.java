package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.manager.composite.CompositeManager;
import dlg.manager.history.HistorySettings;
import dlg.manager.service.CompositeManagerService;
import dlg.manager.service.NodeManagerService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * A NodeManager stopped and started again: its past sessions are listed on its sessions page from
 * its history, and a past session's page shows its state, counts, failures and timings, marked as
 * history (its drops are no longer in memory), in a real browser. DALiuGE's own session routes
 * still answer 404 for it.
 */
class PastSessionsBrowserIT {

    private static final Duration WAIT = Browser.WAIT;

    @TempDir
    static Path dlgRoot;

    private static Browser browser;
    private static NodeManagerService nm;
    private static Rest rest;

    @BeforeAll
    static void runTwoSessionsThenRestart() {
        browser = Browser.startOrSkip();
        nm = start(0);
        int port = nm.restPort();
        rest = new Rest(port);
        rest.submit("broken", Graphs.failing(), "in");
        rest.submit("fine", Graphs.hello(), "hello");
        await().atMost(WAIT).until(() -> json(rest.get("/api/history?state=FAILED")).get("total").asInt() == 1
                && json(rest.get("/api/history?state=FINISHED")).get("total").asInt() == 1);
        nm.close();
        nm = start(port);
    }

    private static NodeManagerService start(int port) {
        var local = NodeManagerService.Config.local(dlgRoot);
        var config = new NodeManagerService.Config(local.host(), port, 0, 0, dlgRoot, 10L << 20, 2, local.options(),
                local.apps(), local.environment()).withHistory(HistorySettings.EMBEDDED);
        return NodeManagerService.start(config, WebUi::forNodeManager);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
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
    void sessionsPage_afterARestart_listsThePastSessionsFromTheHistory() {
        rest.submit("current", Graphs.hello(), "hello");
        open("/");

        browser.waitFor("past", () -> pastSessions().size() == 2);
        assertThat(pastSessions()).containsExactly("fine", "broken");
        WebElement broken = browser.find("#past tr[data-session='broken']");
        assertThat(broken.findElement(By.cssSelector(".badge")).getText()).isEqualTo("failed");
        assertThat(broken.getText()).contains("3"); // its 3 drops
        assertThat(browser.text("#past-shown")).isEqualTo("1–3 of 3 in the history, newest first (1 held now: in the table above)");
        // the session the manager holds now is in the live table, not among the past ones
        browser.waitFor("past", () -> !browser.findAll("#sessions tr[data-session='current']").isEmpty());
        assertThat(browser.findAll("#past tr[data-session='current']")).isEmpty();

        new org.openqa.selenium.support.ui.Select(browser.find("#past-state")).selectByValue("FAILED");
        browser.waitFor("past", () -> pastSessions().size() == 1);
        assertThat(pastSessions()).containsExactly("broken");
        browser.screenshot("past-sessions");

        broken = browser.find("#past tr[data-session='broken']");
        broken.findElement(By.cssSelector("a")).click();
        browser.waitFor("past", () -> browser.find("#from-history").isDisplayed());
        assertThat(browser.driver.getCurrentUrl()).endsWith("/session?sessionId=broken");
    }

    @Test
    void pastSessionPage_showsStateCountsFailuresAndTimings_markedAsHistory() {
        open("/session?sessionId=broken");

        browser.waitFor("past", () -> browser.find("#from-history").isDisplayed());
        assertThat(browser.text("#from-history")).startsWith("From the history.").contains("no longer holds this session");
        assertThat(browser.findAll("#state .badge")).extracting(WebElement::getText)
                .containsExactly("failed", "from the history");
        assertThat(browser.text("#count")).isEqualTo("3");
        assertThat(browser.text("#failed")).isEqualTo("2"); // the step and the output it never wrote
        assertThat(browser.text("#legend")).contains("error 2").contains("expired 1"); // the input, released once read
        // the root cause first, marked, then what failed because of it
        assertThat(browser.findAll("#failure-list li")).extracting(WebElement::getText)
                .satisfiesExactly(
                        root -> assertThat(root).startsWith("failing step (fail) on ").contains("failed on its own")
                                .contains("code 3"),
                        downstream -> assertThat(downstream).startsWith("never on ").contains("(because of its inputs)"));
        // the drops are gone: no views of them, no links to panels that cannot open
        assertThat(browser.find("#tabs").isDisplayed()).isFalse();
        assertThat(browser.find("#view-graph").isDisplayed()).isFalse();
        assertThat(browser.findAll("#failure-list a")).isEmpty();
        assertThat(browser.findAll("#past-states tbody tr")).extracting(WebElement::getText)
                .anySatisfy(t -> assertThat(t).startsWith("pristine"))
                .anySatisfy(t -> assertThat(t).startsWith("failed"));
        assertThat(browser.text("#past-constructs")).contains("failing step");
        assertThat(browser.text("#elapsed")).isNotEmpty();
        browser.screenshot("past-session");
    }

    @Test
    void finishedPastSession_showsItsConstructsDurations() {
        open("/session?sessionId=fine");

        browser.waitFor("past", () -> browser.find("#from-history").isDisplayed());
        assertThat(browser.text("#state")).startsWith("finished");
        assertThat(browser.find("#failures").isDisplayed()).isFalse();
        assertThat(browser.findAll("#past-constructs tbody tr")).extracting(WebElement::getText)
                .singleElement().asString().startsWith("hello 1 0 1 ");
    }

    @Test
    void islandsPastSession_showsItsNodesRecordsMergedIn() {
        var config = CompositeManagerService.Config.local(CompositeManager.Kind.DATA_ISLAND, List.of(nm.nodeAddress()))
                .withHistory(HistorySettings.EMBEDDED, dlgRoot);
        try (var dim = CompositeManagerService.start(config, WebUi::forComposite)) {
            Rest island = new Rest(dim.restPort());
            island.submit("on-island", Graphs.failing().replace("\"categoryType\"",
                    "\"node\": \"" + nm.nodeAddress() + "\", \"categoryType\""), "in");
            await().atMost(WAIT).until(() -> json(island.get("/api/sessions/on-island/status"))
                    .get(nm.nodeAddress().toString()).asInt() == 6); // FAILED: the island learns it when it asks
            await().atMost(WAIT).until(() -> json(island.get("/api/history?state=FAILED")).get("total").asInt() == 1);
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(WAIT).until(() -> http.send(HttpRequest.newBuilder(island.uri("/api/sessions/on-island"))
                    .DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            browser.driver.get(island.uri("/session?sessionId=on-island").toString());

            browser.waitFor("past", () -> browser.find("#from-history").isDisplayed());
            assertThat(browser.text("#state")).startsWith("failed");
            assertThat(browser.text("#nodes")).startsWith(nm.nodeAddress().toString()).contains("failed").contains("3 drops, 2 failed");
            assertThat(browser.text("#failed")).isEqualTo("2");
            assertThat(browser.text("#failure-list")).contains("failing step (fail)").contains("code 3");
            assertThat(browser.text("#past-constructs")).contains("failing step");
            browser.screenshot("past-island-session");
        }
    }

    @Test
    void sessionInNeitherMemoryNorHistory_saysSo() {
        open("/session?sessionId=never-was");

        browser.waitFor("past", () -> browser.find("#error").isDisplayed());
        assertThat(browser.text("#error")).isEqualTo("Session never-was does not exist on this manager, nor in its history (deleted?).");
        assertThat(browser.find("#from-history").isDisplayed()).isFalse();
    }

    @Test
    void daliugeRoutes_pastSession_answer404AsDaliugeDoes() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/api/sessions/broken", "/api/sessions/broken/status", "/api/ui/sessions/broken")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(rest.uri(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(404);
        }
        assertThat(json(rest.get("/api/past_sessions")).findValuesAsText("sessionId")).contains("broken", "fine");
        assertThat(json(rest.get("/api/history/sessions/broken")).get("history").asBoolean()).isTrue();
    }

    private static List<String> pastSessions() {
        return browser.attributes("#past tbody tr[data-session]", "data-session");
    }

    private static void open(String path) {
        browser.driver.get(rest.uri(path).toString());
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
