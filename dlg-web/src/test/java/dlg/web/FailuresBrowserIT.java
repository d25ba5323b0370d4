package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The session page's failures grouped by root cause, in a real (headless) browser over a real
 * NodeManager: one line per cause and construct with its counts, the first roots as links that
 * open their drop's panel, and "20 of 22" where the examples are cut.
 */
class FailuresBrowserIT {

    private static final Duration WAIT = Browser.WAIT;

    @RegisterExtension
    static final NodeManagerPages ui = new NodeManagerPages();

    /**
     * Root "in"; {@code n} shell steps of one construct that exit 3, each followed by data, an
     * app and data that fail after it; one shell step of another construct that exits 7, followed
     * by one data drop.
     */
    private static String graph(int n) {
        List<String> drops = new ArrayList<>();
        List<String> consumers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            consumers.add("\"fail" + i + "\"");
            drops.add("""
                    {"oid": "fail%1$d", "categoryType": "Application", "dropclass": "dlg.apps.bash_shell_app.BashShellApp",
                     "name": "failing step", "lg_key": 1, "command": "exit 3", "inputs": ["in"], "outputs": ["mid%1$d"]},
                    {"oid": "mid%1$d", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                     "name": "mid", "lg_key": 2, "producers": ["fail%1$d"], "consumers": ["next%1$d"]},
                    {"oid": "next%1$d", "categoryType": "Application", "dropclass": "dlg.apps.simple.NullBarrierApp",
                     "name": "next", "lg_key": 3, "inputs": ["mid%1$d"], "outputs": ["out%1$d"]},
                    {"oid": "out%1$d", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                     "name": "out", "lg_key": 4, "producers": ["next%1$d"]}""".formatted(i));
        }
        consumers.add("\"other\"");
        drops.add("""
                {"oid": "other", "categoryType": "Application", "dropclass": "dlg.apps.bash_shell_app.BashShellApp",
                 "name": "other step", "lg_key": 5, "command": "exit 7", "inputs": ["in"], "outputs": ["otherOut"]},
                {"oid": "otherOut", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                 "name": "other out", "lg_key": 6, "producers": ["other"]}""");
        drops.addFirst("""
                {"oid": "in", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "name": "input",
                 "lg_key": 0, "consumers": [%s]}""".formatted(String.join(", ", consumers)));
        return "[" + String.join(",\n", drops) + "]";
    }

    @Test
    void sessionPage_failuresOfTwoCauses_twoGroupsWithTheirCountsAndExamples() {
        ui.rest.submit("roots", graph(22), "in");
        ui.open("/session?sessionId=roots");
        ui.browser.waitFor("failures", () -> ui.browser.text("#state .badge").equals("failed"));
        ui.browser.waitFor("failures", () -> rootCauses().size() == 2 && ui.browser.text("#root-causes").contains("1 drop failed on its own"));

        assertThat(ui.browser.text("#failed")).isEqualTo("90"); // 22 x 4 + 2
        assertThat(ui.browser.text("#root-causes p.counts-line"))
                .startsWith("Root causes: 23 drops failed on their own, 67 drops downstream because of them");
        WebElement many = group("exited with code 3");
        assertThat(many.getText()).contains("in failing step",
                "22 drops failed on their own, 66 drops failed downstream because of them", "20 of 22 shown");
        assertThat(many.findElements(By.cssSelector(".examples .example"))).hasSize(20)
                .allSatisfy(a -> assertThat(a.getText()).matches("(, )?fail\\d+ \\+3"));
        assertThat(many.findElement(By.cssSelector(".examples a")).getAttribute("title")).isEqualTo("failing step");
        WebElement one = group("exited with code 7");
        assertThat(one.getText()).contains("in other step", "1 drop failed on its own, 1 drop failed downstream because of it");
        assertThat(one.findElements(By.cssSelector(".examples-shown"))).isEmpty();
        assertThat(ui.browser.driver.findElements(By.id("root-causes-note"))).as("nothing cut but examples").isEmpty();
        assertThat(ui.browser.text("#root-causes")).doesNotContain("null");
        assertThat(ui.browser.find("#root-causes .counts-line").getAttribute("title")).contains("the one that failed first");
        // the 90 failed drops in graph order are under the causes, one click away
        assertThat(ui.browser.find("#failure-list").isDisplayed()).isFalse();
        ui.browser.screenshot("root-causes");
        ui.browser.find("#failures-all summary").click();
        ui.browser.waitFor("failures", () -> ui.browser.find("#failure-list").isDisplayed());

        one.findElement(By.cssSelector(".examples a")).click();

        ui.browser.waitFor("failures", () -> ui.browser.text("#panel-title").equals("other step"));
        ui.browser.waitFor("failures", () -> ui.browser.text("#panel-body").contains("exited with code 7"));
    }

    private static List<WebElement> rootCauses() {
        return ui.browser.findAll("#root-cause-list > li");
    }

    private static WebElement group(String cause) {
        return rootCauses().stream().filter(li -> li.findElement(By.cssSelector(".cause")).getText().contains(cause))
                .findFirst().orElseThrow(() -> new AssertionError("no group for " + cause + " in " + ui.browser.text("#root-causes")));
    }
}
