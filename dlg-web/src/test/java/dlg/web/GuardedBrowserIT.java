package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dlg.manager.auth.Access;
import dlg.manager.auth.ClusterSecret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The UI of managers that demand the cluster's secret, in a real (headless) browser: the login
 * page lets the holder in, the pages and their live stream then work as usual, one login opens
 * every manager of the cluster on the host, and the address printed by {@code dlg cluster}
 * ({@code ?token=}) logs in at once.
 */
class GuardedBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ClusterSecret SECRET = ClusterSecret.generate();

    @TempDir
    Path tmp;

    private Browser browser;
    private TestIsland island;

    @BeforeEach
    void start() {
        browser = Browser.startOrSkip();
        Access guarded = new Access(SECRET, null);
        island = new TestIsland(tmp, guarded, guarded);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            assertThat(browser.consoleErrors()).as("browser console errors").isEmpty();
        } finally {
            browser.close();
            island.close();
        }
    }

    @Test
    void loginPage_letsTheHolderIn_andTheLiveStreamThenShowsASessionFinish() {
        Rest nm = new Rest(island.nm1.restPort(), SECRET.token());
        browser.driver.get(nm.uri("/").toString());
        waitFor(() -> browser.driver.getCurrentUrl().contains("/login"));
        browser.driver.findElement(By.name("token")).sendKeys("not-the-token-0123456789");
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(() -> text("body").contains("not this cluster's token"));
        browser.screenshot("guarded-login");

        browser.driver.findElement(By.name("token")).sendKeys(SECRET.token());
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(() -> !browser.driver.getCurrentUrl().contains("/login") && !text("#sessions tbody").contains("Loading"));

        nm.submit("hello", Graphs.hello(), "hello"); // seen through the live stream
        waitFor(() -> text("tr[data-session='hello'] .badge").equals("finished"));
        browser.screenshot("guarded-sessions");

        // the same login opens the island's pages, on another port of this host
        browser.driver.get(new Rest(island.dim.restPort()).uri("/").toString());
        waitFor(() -> !browser.driver.getCurrentUrl().contains("/login") && !text("#sessions tbody").contains("Loading"));
    }

    @Test
    void addressWithTheToken_logsInAtOnce_andLeavesItOutOfTheAddressBar() {
        browser.driver.get(new Rest(island.dim.restPort()).uri("/?token=" + SECRET.token()).toString());
        waitFor(() -> !text("#sessions tbody").contains("Loading"));
        assertThat(browser.driver.getCurrentUrl()).doesNotContain("token");
    }

    private String text(String css) {
        return browser.driver.findElement(By.cssSelector(css)).getText().strip();
    }

    private void waitFor(Callable<Boolean> condition) {
        try {
            await().atMost(WAIT).ignoreExceptions().until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            browser.screenshot("guarded-timed-out");
            throw new AssertionError("the page never got there; it shows: "
                    + browser.driver.findElement(By.tagName("body")).getText() + "\nconsole: " + browser.consoleErrors(), e);
        }
    }
}
