package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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

    private static final Duration WAIT = Browser.WAIT;
    private static final int CONSTRUCTS = 120;
    private static final int LANES = 10;

    @RegisterExtension
    static final NodeManagerPages ui = new NodeManagerPages();

    @BeforeAll
    static void runThePipeline() {
        ui.rest.submit("long", pipeline(), "start");
        await().atMost(WAIT).until(() -> ui.rest.get("/api/sessions/long/status").equals("4"));
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
        ui.open("/session?sessionId=long&view=graph");
        ui.browser.waitFor("constructs", () -> ui.browser.text("#graph-note").contains(CONSTRUCTS + " groups of 1,191 drops"));
        // each app construct's median run in its label
        ui.browser.waitFor("constructs", () -> String.valueOf(ui.browser.script("return document.getElementById('graph')._cyreg.cy"
                + ".getElementById('lg_key=2').data('label')")).matches("calib ×10 · \\d+ ms"));
        ui.browser.screenshot("constructs-graph");

        // the zoom at which Cytoscape draws the groups' labels, times their font size: on-screen pixels
        double px = ((Number) ui.browser.script("""
                const cy = document.getElementById('graph')._cyreg.cy;
                const n = cy.getElementById('lg_key=1');
                return cy.zoom() * parseFloat(n.style('font-size'));
                """)).doubleValue();
        assertThat(px).as("group labels' size on screen, px").isGreaterThanOrEqualTo(10);
        // the first construct is in view, the last is not (one pans or zooms out to it)
        assertThat(inView("lg_key=1")).isTrue();
        assertThat(inView("lg_key=" + CONSTRUCTS)).isFalse();
        assertThat(ui.browser.text("#graph-note")).contains("Zoom to fit");

        ui.browser.find("#graph-fit").click(); // for whoever wants the whole strip
        ui.browser.waitFor("constructs", () -> inView("lg_key=" + CONSTRUCTS));
    }

    @Test
    void graph_clickAGroup_listsExactlyItsDrops() {
        ui.open("/session?sessionId=long&view=graph");
        ui.browser.waitFor("constructs", () -> ui.browser.text("#graph-note").contains("groups of"));

        ui.browser.script("document.getElementById('graph')._cyreg.cy.getElementById('lg_key=2').emit('tap')");

        ui.browser.waitFor("constructs", () -> ui.browser.text("#list-shown").contains("of 10 matching"));
        assertThat(ui.browser.text("#list-group")).contains("construct: calib");
        assertThat(names()).containsOnly("calib").hasSize(LANES);
    }

    @Test
    void constructsTab_listsTheConstructsInPipelineOrder_withCountsAndDurations() {
        ui.open("/session?sessionId=long");
        ui.browser.find("#tab-constructs").click();
        ui.browser.waitFor("constructs", () -> rows().size() == CONSTRUCTS);
        ui.browser.screenshot("constructs-table");

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
        assertThat(ui.browser.text("#constructs-note")).contains("120 constructs of 1,191 drops");
    }

    @Test
    void constructsTab_clickAConstructWhoseNameIsAPrefixOfAnother_listsExactlyItsDrops() {
        ui.open("/session?sessionId=long&view=constructs");
        ui.browser.waitFor("constructs", () -> rows().size() == CONSTRUCTS);

        ui.browser.find("tr[data-key='lg_key=2'] a.construct").click();

        ui.browser.waitFor("constructs", () -> ui.browser.text("#list-shown").contains("of 10 matching"));
        assertThat(ui.browser.find("#tab-list").getAttribute("aria-selected")).isEqualTo("true");
        assertThat(ui.browser.text("#list-group")).contains("construct: calib");
        assertThat(names()).containsOnly("calib").hasSize(LANES); // not "calibrate"
        ui.browser.screenshot("constructs-list");

        ui.browser.find("#list-group-clear").click(); // the chip removed: every drop again
        ui.browser.waitFor("constructs", () -> ui.browser.text("#list-shown").contains("of 1,191"));
        assertThat(ui.browser.find("#list-group").isDisplayed()).isFalse();

        ui.open("/session?sessionId=long&view=constructs");
        ui.browser.waitFor("constructs", () -> rows().size() == CONSTRUCTS);
        ui.browser.find("tr[data-key='lg_key=4']").click();
        ui.browser.waitFor("constructs", () -> ui.browser.text("#list-group").contains("construct: calibrate"));
        ui.browser.waitFor("constructs", () -> names().size() == LANES && names().stream().allMatch("calibrate"::equals));

        // the construct is in the address: the link opens its drops again
        String link = ui.browser.driver.getCurrentUrl();
        assertThat(link).contains("group=lg_key%3D4").contains("view=list");
        ui.browser.driver.get(link);
        ui.browser.waitFor("constructs", () -> ui.browser.text("#list-group").contains("construct: calibrate"));
        ui.browser.waitFor("constructs", () -> names().size() == LANES && names().stream().allMatch("calibrate"::equals));
        ui.browser.find("#list-group-clear").click();
        ui.browser.waitFor("constructs", () -> !ui.browser.driver.getCurrentUrl().contains("group="));
    }

    @Test
    void constructsTab_runningSession_rowsFollowTheLiveFeed() {
        ui.rest.submit("live", """
                [{"oid": "start", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "name": "start", "lg_key": 1, "consumers": ["sleep"]},
                 {"oid": "sleep", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp",
                  "name": "sleep", "lg_key": 2, "sleep_time": 2, "inputs": ["start"], "outputs": ["slept"]},
                 {"oid": "slept", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "name": "slept", "lg_key": 3, "producers": ["sleep"]}]
                """, "start");
        ui.open("/session?sessionId=live&view=constructs");
        ui.browser.waitFor("constructs", () -> rows().size() == 3);
        assertThat(rows()).extracting(r -> r.findElement(By.cssSelector("a.construct")).getText())
                .containsExactly("start", "sleep", "slept");
        ui.browser.waitFor("constructs", () -> cell("lg_key=2", 4).equals("0 of 1 done"));

        // the live feed's counts, then the durations read again: no reload of the page
        ui.browser.waitFor("constructs", () -> cell("lg_key=2", 4).equals("1 of 1 done"));
        ui.browser.waitFor("constructs", () -> cell("lg_key=2", 6).matches("2\\.\\d+ s"));
        assertThat(ui.browser.findAll("tr[data-key='lg_key=2'] .progress span.s-finished"))
                .hasSize(1);
    }

    /** The text of a construct's row's cell (the row may be drawn again meanwhile: found afresh). */
    private static String cell(String key, int column) {
        return ui.browser.find("tr[data-key='" + key + "']").findElements(By.tagName("td")).get(column).getText();
    }

    private static List<WebElement> rows() {
        return ui.browser.findAll("#constructs tbody tr[data-key]");
    }

    private static List<String> names() {
        return ui.browser.findAll("#drops tbody tr td:nth-child(2)").stream()
                .map(WebElement::getText).toList();
    }

    /** Whether a graph element's centre is within the graph's viewport. */
    private static boolean inView(String id) {
        return (Boolean) ui.browser.script("""
                const cy = document.getElementById('graph')._cyreg.cy;
                const p = cy.getElementById(arguments[0]).renderedPosition();
                return p.x >= 0 && p.y >= 0 && p.x <= cy.width() && p.y <= cy.height();
                """, id);
    }

}
