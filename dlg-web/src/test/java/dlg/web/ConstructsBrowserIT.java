package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dlg.manager.service.NodeManagerService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A long pipeline's overview in a real (headless) browser: 120 constructs chained, more drops
 * than the graph draws one by one. At the default view the grouped graph's labels are readable;
 * the Constructs tab lists the constructs in pipeline order with their counts and durations; a
 * construct whose name is a prefix of another's lists exactly its own drops. Never a console
 * error or warning.
 */
class ConstructsBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int CONSTRUCTS = 120;
    private static final int LANES = 10;

    @TempDir
    static Path dlgRoot;

    private static Browser browser;
    private static NodeManagerService nm;
    private static Rest rest;

    @BeforeAll
    static void start() {
        browser = Browser.startOrSkip();
        nm = NodeManagerService.start(NodeManagerService.Config.local(dlgRoot), WebUi::forNodeManager);
        rest = new Rest(nm.restPort());
        rest.submit("long", pipeline(), "start");
        await().atMost(WAIT).until(() -> rest.get("/api/sessions/long/status").equals("4"));
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

    /** Construct {@code k}'s name: "calib" and "calibrate" share a prefix. */
    private static String name(int k) {
        return switch (k) {
            case 0 -> "start";
            case 1 -> "calib";
            case 3 -> "calibrate";
            default -> "step%03d".formatted(k);
        };
    }

    /**
     * "start" (construct 0), then {@value #LANES} lanes through constructs 1 to 119, apps (odd)
     * and data (even) in turn, each construct with lg_key k + 1; 1 + 119 * 10 drops.
     */
    private static String pipeline() {
        List<String> drops = new ArrayList<>();
        List<String> first = new ArrayList<>();
        for (int j = 0; j < LANES; j++) {
            first.add("\"d1_" + j + "\"");
        }
        drops.add("{\"oid\": \"start\", \"categoryType\": \"Data\", \"dropclass\": \"dlg.data.drops.memory.InMemoryDROP\","
                + " \"name\": \"start\", \"lg_key\": 1, \"consumers\": " + first + "}");
        for (int k = 1; k < CONSTRUCTS; k++) {
            for (int j = 0; j < LANES; j++) {
                String oid = "d" + k + "_" + j;
                String before = k == 1 ? "start" : "d" + (k - 1) + "_" + j;
                String after = k + 1 < CONSTRUCTS ? "\"d" + (k + 1) + "_" + j + "\"" : null;
                boolean app = k % 2 == 1;
                drops.add("{\"oid\": \"" + oid + "\", \"categoryType\": \"" + (app ? "Application" : "Data")
                        + "\", \"dropclass\": \"" + (app ? "dlg.apps.simple.NullBarrierApp" : "dlg.data.drops.memory.InMemoryDROP")
                        + "\", \"name\": \"" + name(k) + "\", \"lg_key\": " + (k + 1)
                        + (app ? ", \"inputs\": [\"" + before + "\"]" + (after == null ? "" : ", \"outputs\": [" + after + "]")
                                : ", \"producers\": [\"" + before + "\"]" + (after == null ? "" : ", \"consumers\": [" + after + "]"))
                        + "}");
            }
        }
        return "[" + String.join(",\n", drops) + "]";
    }

    @Test
    void graph_longPipeline_labelsAreReadableAtTheDefaultView_startingAtTheSources() {
        open("/session?sessionId=long&view=graph");
        waitFor(() -> text("#graph-note").contains(CONSTRUCTS + " groups of 1,191 drops"));
        // each app construct's median run in its label
        waitFor(() -> String.valueOf(browser.script("return document.getElementById('graph')._cyreg.cy"
                + ".getElementById('lg_key=2').data('label')")).matches("calib ×10 · \\d+ ms"));
        browser.screenshot("constructs-graph");

        // the zoom at which Cytoscape draws the groups' labels, times their font size: on-screen pixels
        double px = ((Number) browser.script("""
                const cy = document.getElementById('graph')._cyreg.cy;
                const n = cy.getElementById('lg_key=1');
                return cy.zoom() * parseFloat(n.style('font-size'));
                """)).doubleValue();
        assertThat(px).as("group labels' size on screen, px").isGreaterThanOrEqualTo(10);
        // the first construct is in view, the last is not (one pans or zooms out to it)
        assertThat(inView("lg_key=1")).isTrue();
        assertThat(inView("lg_key=" + CONSTRUCTS)).isFalse();
        assertThat(text("#graph-note")).contains("Zoom to fit");

        find("#graph-fit").click(); // for whoever wants the whole strip
        waitFor(() -> inView("lg_key=" + CONSTRUCTS));
    }

    @Test
    void graph_clickAGroup_listsExactlyItsDrops() {
        open("/session?sessionId=long&view=graph");
        waitFor(() -> text("#graph-note").contains("groups of"));

        browser.script("document.getElementById('graph')._cyreg.cy.getElementById('lg_key=2').emit('tap')");

        waitFor(() -> text("#list-shown").contains("of 10 matching"));
        assertThat(text("#list-group")).contains("construct: calib");
        assertThat(names()).containsOnly("calib").hasSize(LANES);
    }

    @Test
    void constructsTab_listsTheConstructsInPipelineOrder_withCountsAndDurations() {
        open("/session?sessionId=long");
        find("#tab-constructs").click();
        waitFor(() -> rows().size() == CONSTRUCTS);
        browser.screenshot("constructs-table");

        List<WebElement> rows = rows();
        for (int k = 0; k < CONSTRUCTS; k++) {
            assertThat(rows.get(k).getAttribute("data-key")).isEqualTo("lg_key=" + (k + 1));
            assertThat(rows.get(k).findElement(By.cssSelector("a.construct")).getText()).isEqualTo(name(k));
        }
        List<WebElement> calib = rows.get(1).findElements(By.tagName("td"));
        assertThat(calib.get(2).getText()).isEqualTo("app");
        assertThat(calib.get(4).getText()).isEqualTo("10 of 10 done");
        assertThat(calib.get(5).getText()).isEqualTo("0");
        assertThat(calib.get(6).getText()).as("median").matches("\\d+ ms|[\\d.]+ s");
        assertThat(calib.get(8).getText()).as("longest").matches("\\d+ ms|[\\d.]+ s");
        assertThat(calib.get(9).getText()).as("nodes").isEqualTo("1");
        assertThat(rows.get(1).findElements(By.cssSelector(".progress span.s-finished"))).hasSize(1);
        List<WebElement> data = rows.get(2).findElements(By.tagName("td"));
        assertThat(data.get(2).getText()).isEqualTo("data");
        assertThat(data.get(4).getText()).isEqualTo("10 of 10 done"); // expired: done with
        assertThat(data.get(6).getText()).as("data has no runs").isEmpty();
        assertThat(text("#constructs-note")).contains("120 constructs of 1,191 drops");
    }

    @Test
    void constructsTab_clickAConstructWhoseNameIsAPrefixOfAnother_listsExactlyItsDrops() {
        open("/session?sessionId=long&view=constructs");
        waitFor(() -> rows().size() == CONSTRUCTS);

        find("tr[data-key='lg_key=2'] a.construct").click();

        waitFor(() -> text("#list-shown").contains("of 10 matching"));
        assertThat(find("#tab-list").getAttribute("aria-selected")).isEqualTo("true");
        assertThat(text("#list-group")).contains("construct: calib");
        assertThat(names()).containsOnly("calib").hasSize(LANES); // not "calibrate"
        browser.screenshot("constructs-list");

        find("#list-group-clear").click(); // the chip removed: every drop again
        waitFor(() -> text("#list-shown").contains("of 1,191"));
        assertThat(find("#list-group").isDisplayed()).isFalse();

        open("/session?sessionId=long&view=constructs");
        waitFor(() -> rows().size() == CONSTRUCTS);
        find("tr[data-key='lg_key=4']").click();
        waitFor(() -> text("#list-group").contains("construct: calibrate"));
        waitFor(() -> names().size() == LANES && names().stream().allMatch("calibrate"::equals));
    }

    @Test
    void constructsTab_runningSession_rowsFollowTheLiveFeed() {
        rest.submit("live", """
                [{"oid": "start", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "name": "start", "lg_key": 1, "consumers": ["sleep"]},
                 {"oid": "sleep", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp",
                  "name": "sleep", "lg_key": 2, "sleep_time": 2, "inputs": ["start"], "outputs": ["slept"]},
                 {"oid": "slept", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "name": "slept", "lg_key": 3, "producers": ["sleep"]}]
                """, "start");
        open("/session?sessionId=live&view=constructs");
        waitFor(() -> rows().size() == 3);
        assertThat(rows()).extracting(r -> r.findElement(By.cssSelector("a.construct")).getText())
                .containsExactly("start", "sleep", "slept");
        waitFor(() -> cell("lg_key=2", 4).equals("0 of 1 done"));

        // the live feed's counts, then the durations read again: no reload of the page
        waitFor(() -> cell("lg_key=2", 4).equals("1 of 1 done"));
        waitFor(() -> cell("lg_key=2", 6).matches("2\\.\\d+ s"));
        assertThat(browser.driver.findElements(By.cssSelector("tr[data-key='lg_key=2'] .progress span.s-finished")))
                .hasSize(1);
    }

    /** The text of a construct's row's cell (the row may be drawn again meanwhile: found afresh). */
    private static String cell(String key, int column) {
        return find("tr[data-key='" + key + "']").findElements(By.tagName("td")).get(column).getText();
    }

    private static List<WebElement> rows() {
        return browser.driver.findElements(By.cssSelector("#constructs tbody tr[data-key]"));
    }

    private static List<String> names() {
        return browser.driver.findElements(By.cssSelector("#drops tbody tr td:nth-child(2)")).stream()
                .map(WebElement::getText).toList();
    }

    /** Whether a graph element's centre is within the graph's viewport. */
    private static boolean inView(String id) {
        return (Boolean) browser.script("""
                const cy = document.getElementById('graph')._cyreg.cy;
                const p = cy.getElementById(arguments[0]).renderedPosition();
                return p.x >= 0 && p.y >= 0 && p.x <= cy.width() && p.y <= cy.height();
                """, id);
    }

    private static void open(String path) {
        browser.driver.get(rest.uri(path).toString());
    }

    private static WebElement find(String css) {
        return browser.driver.findElement(By.cssSelector(css));
    }

    private static String text(String css) {
        return find(css).getText().strip();
    }

    /** Waits for the page; when it never comes, the page is kept (screenshot, text, console) to see why. */
    private static void waitFor(Callable<Boolean> condition) {
        try {
            await().atMost(WAIT).ignoreExceptions().until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            browser.screenshot("constructs-timed-out");
            throw new AssertionError("the page never got there; it shows: "
                    + browser.driver.findElement(By.tagName("body")).getText() + "\nconsole: " + browser.consoleErrors(), e);
        }
    }
}
