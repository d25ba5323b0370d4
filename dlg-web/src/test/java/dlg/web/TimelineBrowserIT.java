package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

/**
 * The timeline of a real NodeManager's session in a real (headless) browser: a session with more
 * applications than the page's limit shows a sample of the whole session, from its deploy to its
 * end, coloured by construct, its failure marked, and says so; never a JavaScript error.
 */
class TimelineBrowserIT {

    private static final Duration WAIT = Browser.WAIT;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** timeline.js's left margin (node labels): where the axis' 0 is. */
    private static final int LABEL = 170;

    @RegisterExtension
    static final NodeManagerPages ui = new NodeManagerPages();

    @Test
    void timeline_moreAppsThanTheLimit_showsASampleOfTheWholeSessionByConstruct() throws Exception {
        ui.rest.submit("tl", TimelineIT.steps(20, 0.1), TimelineIT.roots(1)); // 40 apps over 2 s, one fails
        await().atMost(WAIT).until(() -> json(ui.rest.get("/api/ui/sessions/tl")).get("session").get("terminal").asBoolean());

        ui.open("/session?sessionId=tl&view=timeline&timelineLimit=12");
        ui.browser.waitFor("timeline", () -> ui.browser.findAll("#timeline rect.bar").size() == 12);
        ui.browser.screenshot("timeline-sampled");

        assertThat(ui.browser.text("#timeline-note")).contains("12 of 40 applications shown, sampled evenly over the session",
                "its failure and the longest shown");
        JsonNode g = json(String.valueOf(ui.browser.script("""
                const svg = document.querySelector('#timeline svg');
                return JSON.stringify({ width: +svg.getAttribute('width'), bars: [...svg.querySelectorAll('rect.bar')].map(r =>
                  ({ oid: r.dataset.oid, x: +r.getAttribute('x'), w: +r.getAttribute('width'), construct: r.dataset.construct,
                     fill: r.getAttribute('fill'), failed: r.classList.contains('failed'), stroke: getComputedStyle(r).stroke,
                     title: r.querySelector('title').textContent })) });
                """)));
        double right = g.get("width").asDouble() - 10; // the axis' end: the session's end
        double plot = right - LABEL;
        double first = Double.MAX_VALUE;
        double last = 0;
        Set<String> stepFills = new HashSet<>();
        Set<String> checkFills = new HashSet<>();
        JsonNode failed = null;
        for (JsonNode b : g.get("bars")) {
            first = Math.min(first, b.get("x").asDouble());
            last = Math.max(last, b.get("x").asDouble() + b.get("w").asDouble());
            (b.get("construct").asText().equals("lg_key=10") ? stepFills : checkFills).add(b.get("fill").asText());
            failed = b.get("failed").asBoolean() ? b : failed;
        }
        // from the deploy (x of 0) to the end: the first step starts near 0, the last ends near the end
        assertThat(first - LABEL).as("the first bar's start").isBetween(0.0, 0.1 * plot);
        assertThat(right - last).as("the last bar's end from the axis' end (a short bar is 2 px wide)").isBetween(-2.5, 0.1 * plot);
        assertThat(stepFills).hasSize(1);
        assertThat(checkFills).hasSize(1);
        assertThat(stepFills).doesNotContainAnyElementsOf(checkFills);
        assertThat(failed).as("the failed bar").isNotNull();
        assertThat(failed.get("oid").asText()).isEqualTo("check0_10");
        assertThat(failed.get("stroke").asText()).isEqualTo("rgb(183, 28, 28)");
        assertThat(failed.get("title").asText()).contains("construct: check", "state: error", "duration:");
        assertThat(ui.browser.text("#timeline-legend")).contains("step 20", "check 20", "failed", "running");
        assertThat(ui.browser.text("#timeline svg .tick")).isEqualTo("0");

        WebElement step = ui.browser.find("#timeline rect.bar[data-construct='lg_key=10']");
        String oid = step.getAttribute("data-oid");
        step.click();
        ui.browser.waitFor("timeline", () -> ui.browser.text("#panel-title").equals("step") && ui.browser.text("#panel-body").contains(oid));
    }

    @Test
    void timeline_runningApp_isMarkedAndReachesNow() {
        ui.rest.submit("run", Graphs.sleep(600), "start");
        try {
            ui.open("/session?sessionId=run&view=timeline");
            ui.browser.waitFor("timeline", () -> !ui.browser.findAll("#timeline rect.bar.running").isEmpty());

            WebElement bar = ui.browser.find("#timeline rect.bar.running");
            assertThat(bar.getAttribute("data-oid")).isEqualTo("sleep");
            assertThat(bar.getCssValue("stroke-dasharray")).isNotEqualTo("none");
            assertThat(ui.browser.text("#timeline-note")).startsWith("1 application that ran");
            assertThat(ui.browser.text("#timeline-legend")).startsWith("sleep 1"); // its construct named after its app
            ui.browser.screenshot("timeline-running");
        } finally {
            ui.rest.post("/api/sessions/run/cancel", "application/json", "");
        }
    }

    @Test
    void constructPalette_everyColour_hasReadableText() throws Exception {
        ui.open("/");
        JsonNode palette = json(String.valueOf(ui.browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/static/dlg.js').then(m => done(JSON.stringify({ palette: m.CONSTRUCT_PALETTE,
                  a: m.constructColour('lg_key=1').bg, b: m.constructColour('lg_key=2').bg,
                  again: m.constructColour('lg_key=1').bg })));
                """)));

        assertThat(palette.get("palette")).hasSize(12);
        Set<String> colours = new HashSet<>();
        for (JsonNode c : palette.get("palette")) {
            colours.add(c.get("bg").asText());
            assertThat(contrast(c.get("bg").asText(), c.get("fg").asText())).as("%s on %s", c.get("fg"), c.get("bg"))
                    .isGreaterThanOrEqualTo(4.5);
        }
        assertThat(colours).hasSize(12);
        assertThat(palette.get("a").asText()).isNotEqualTo(palette.get("b").asText())
                .isEqualTo(palette.get("again").asText());
    }

    private static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
