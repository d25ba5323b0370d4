package dlg.daemon;

import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidGraphException;
import dlg.core.graph.GraphReader;
import dlg.core.graph.ParsedGraph;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/** A graph file as the commands name it: a path, or {@code -} for stdin. */
final class GraphFiles {

    private GraphFiles() {
    }

    /**
     * @throws java.nio.file.NoSuchFileException when there is no such file
     * @throws dlg.core.error.InvalidGraphException when it is no graph
     */
    static ParsedGraph read(String file, int maxStringLength) throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        try (InputStream in = "-".equals(file) ? System.in
                : new BufferedInputStream(Files.newInputStream(Path.of(file)), 1 << 16);
             ForkJoinPool parsers = new ForkJoinPool(cores)) { // a large graph is parsed in chunks on every core
            return GraphReader.read(in, maxStringLength, parsers, cores);
        }
    }

    /**
     * The graph read as {@link #read} does, or null after telling {@code err} why not, as
     * {@code command} (no such file, unreadable, or every problem of an invalid graph).
     */
    static ParsedGraph readOrReport(String file, int maxStringLength, PrintWriter err, String command) {
        try {
            return read(file, maxStringLength);
        } catch (NoSuchFileException e) {
            err.println(command + ": cannot read " + file + ": no such file");
        } catch (IOException e) {
            err.println(command + ": cannot read " + file + ": " + e.getMessage());
        } catch (InvalidGraphException e) {
            err.println(command + ": invalid graph " + file + ":");
            problems(err, e);
        }
        err.flush();
        return null;
    }

    /** A graph's problems, one a line, at most 50 of them. */
    static void problems(PrintWriter err, InvalidGraphException e) {
        List<GraphProblem> all = e.problems();
        all.stream().limit(50).forEach(p -> err.println("  " + p));
        if (all.size() > 50) {
            err.println("  ... and " + (all.size() - 50) + " more problems");
        }
        err.flush();
    }

    /** {@code <file name without extension>-<date and time>}, usable as a session id. */
    static String defaultSessionId(String file) {
        String name = "-".equals(file) ? "stdin" : Path.of(file).getFileName().toString();
        int dot = name.indexOf('.');
        name = (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9_-]", "_");
        return name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS"));
    }
}
