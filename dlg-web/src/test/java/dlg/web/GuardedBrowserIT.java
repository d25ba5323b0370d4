package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.manager.auth.Access;
import dlg.manager.auth.ClusterSecret;
import java.nio.file.Path;
import java.time.Duration;
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

    private static final Duration WAIT = Browser.WAIT;
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
        if (browser == null) {
            return; // skipped: no browser here, and nothing started
        }
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
        browser.waitFor("guarded", () -> browser.driver.getCurrentUrl().contains("/login"));
        browser.driver.findElement(By.name("token")).sendKeys("not-the-token-0123456789");
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
        browser.waitFor("guarded", () -> browser.text("body").contains("not this cluster's token"));
        browser.screenshot("guarded-login");

        browser.driver.findElement(By.name("token")).sendKeys(SECRET.token());
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
        browser.waitFor("guarded", () -> !browser.driver.getCurrentUrl().contains("/login") && !browser.text("#sessions tbody").contains("Loading"));

        nm.submit("hello", Graphs.hello(), "hello"); // seen through the live stream
        browser.waitFor("guarded", () -> browser.text("tr[data-session='hello'] .badge").equals("finished"));
        browser.screenshot("guarded-sessions");

        // the same login opens the island's pages, on another port of this host
        browser.driver.get(new Rest(island.dim.restPort()).uri("/").toString());
        browser.waitFor("guarded", () -> !browser.driver.getCurrentUrl().contains("/login") && !browser.text("#sessions tbody").contains("Loading"));
    }

    @Test
    void addressWithTheToken_logsInAtOnce_andLeavesItOutOfTheAddressBar() {
        browser.driver.get(new Rest(island.dim.restPort()).uri("/?token=" + SECRET.token()).toString());
        browser.waitFor("guarded", () -> !browser.text("#sessions tbody").contains("Loading"));
        assertThat(browser.driver.getCurrentUrl()).doesNotContain("token");
    }
}
