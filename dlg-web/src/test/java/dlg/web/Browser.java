package dlg.web;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A headless Chromium for browser tests: Debian's {@code chromium} driven by its
 * {@code chromium-driver} (installed by {@code .ci/run}). Without them the tests are skipped,
 * saying so. Keeps the browser console's entries, and screenshots in {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A browser, or the calling tests skipped when Chromium or its driver is missing. */
    static Browser startOrSkip() {
        Optional<Path> driver = find("DLG_CHROMEDRIVER", "chromedriver");
        Optional<Path> chromium = find("DLG_CHROMIUM", "chromium");
        if (driver.isEmpty() || chromium.isEmpty()) {
            String why = "browser tests skipped: no " + (driver.isEmpty() ? "chromedriver" : "chromium")
                    + " on PATH (apt-get install chromium chromium-driver, as .ci/run does)";
            System.err.println(why); // an aborted class shows in no report: say it on the console
            Assumptions.abort(why);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--lang=en-GB");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile()).usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, options);
        d.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return new Browser(d);
    }

    /** An executable named by the environment variable, else found on PATH. */
    private static Optional<Path> find(String variable, String name) {
        String given = System.getenv(variable);
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given)).filter(Files::isExecutable);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The console's entries since the last call, SEVERE ones (errors) only. */
    List<LogEntry> consoleErrors() {
        return console(Level.SEVERE);
    }

    /** The console's entries since the last call at {@code least} this level (WARNING: warnings and errors). */
    List<LogEntry> console(Level least) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= least.intValue()).toList();
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** How long a page may take to get where a test waits for it. */
    static final Duration WAIT = Duration.ofSeconds(30);

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /**
     * The attribute {@code name} of every element {@code css} finds, read in one script: a table the
     * page rebuilds meanwhile cannot leave the test holding elements that are gone.
     */
    @SuppressWarnings("unchecked")
    List<String> attributes(String css, String name) {
        return (List<String>) script("return [...document.querySelectorAll(arguments[0])].map(e => e.getAttribute(arguments[1]))",
                css, name);
    }

    /** The element's text, stripped. */
    String text(String css) {
        return find(css).getText().strip();
    }

    /**
     * Waits for the page; when it never gets there, fails with what the page shows and its console
     * errors, and keeps a screenshot ({@code <name>-timed-out.png}).
     */
    void waitFor(String name, Callable<Boolean> condition) {
        try {
            await().atMost(WAIT).ignoreExceptions().until(condition);
        } catch (ConditionTimeoutException e) {
            screenshot(name + "-timed-out");
            throw new AssertionError("the page never got there; it shows: "
                    + driver.findElement(By.tagName("body")).getText() + "\nconsole: " + consoleErrors(), e);
        }
    }

    Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
