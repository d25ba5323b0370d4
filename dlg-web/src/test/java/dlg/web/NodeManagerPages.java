package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.manager.service.NodeManagerService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A class of browser tests on one NodeManager's pages: a headless browser and a NodeManager (in a
 * directory of its own) started before the class's tests, closed after them; each test fails if
 * the browser's console got an error or a warning meanwhile. Register it as a static
 * {@code @RegisterExtension} field: it starts before the class's own {@code @BeforeAll}.
 */
final class NodeManagerPages implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    Browser browser;
    NodeManagerService nm;
    Rest rest;
    private Path root;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        browser = Browser.startOrSkip();
        root = Files.createTempDirectory("dlg-pages-");
        nm = NodeManagerService.start(NodeManagerService.Config.local(root), WebUi::forNodeManager);
        rest = new Rest(nm.restPort());
    }

    /** Opens one of the manager's pages ({@code /session?sessionId=x}). */
    void open(String path) {
        browser.driver.get(rest.uri(path).toString());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        assertThat(browser.console(Level.WARNING)).as("browser console errors and warnings").isEmpty();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (nm != null) {
            nm.close();
        }
        if (root != null) {
            try (Stream<Path> all = Files.walk(root)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (UncheckedIOException e) {
                // a file the manager still held: the temporary directory stays
            }
        }
    }
}
