package dlg.daemon;

import dlg.core.graph.GraphReader;
import dlg.core.graph.ParsedGraph;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** A graph file as the commands name it: a path, or {@code -} for stdin. */
final class GraphFiles {

    private GraphFiles() {
    }

    /**
     * @throws java.nio.file.NoSuchFileException when there is no such file
     * @throws dlg.core.error.InvalidGraphException when it is no graph
     */
    static ParsedGraph read(String file, int maxStringLength) throws IOException {
        try (InputStream in = "-".equals(file) ? System.in
                : new BufferedInputStream(Files.newInputStream(Path.of(file)), 1 << 16)) {
            return GraphReader.read(in, maxStringLength);
        }
    }

    /** {@code <file name without extension>-<date and time>}, usable as a session id. */
    static String defaultSessionId(String file) {
        String name = "-".equals(file) ? "stdin" : Path.of(file).getFileName().toString();
        int dot = name.indexOf('.');
        name = (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9_-]", "_");
        return name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS"));
    }
}
