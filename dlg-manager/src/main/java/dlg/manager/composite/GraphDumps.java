package dlg.manager.composite;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphWriter;
import dlg.core.graph.ParsedGraph;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DALiuGE's {@code --dump_graphs}: each appended graph saved as
 * {@code <workspace>/<sessionId>/<sessionId>.graph}, and those directories listed as past
 * sessions. Off until given a workspace. Thread-safe.
 */
final class GraphDumps {

    private static final Logger log = LoggerFactory.getLogger(GraphDumps.class);

    private volatile Path workspace;

    void to(Path workspace) {
        this.workspace = workspace;
    }

    /** Saves the graph; a failure is logged (the graph still runs, only its copy is missing). */
    void dump(String sessionId, ParsedGraph graph) {
        Path ws = workspace;
        if (ws == null) {
            return;
        }
        Path file = ws.resolve(sessionId).resolve(sessionId + ".graph");
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file);
                 JsonGenerator g = new JsonFactory().createGenerator(out)) {
                g.writeStartArray();
                for (DropSpec d : graph.drops()) {
                    GraphWriter.writeDrop(g, d);
                }
                g.writeEndArray();
            }
        } catch (IOException e) {
            log.warn("session {}: cannot save the graph to {}: {}", sessionId, file, e.toString());
        }
    }

    /** The saved graph of a session, if graphs are saved and it has one. */
    java.util.Optional<Path> file(String sessionId) {
        Path ws = workspace;
        Path file = ws == null ? null : ws.resolve(sessionId).resolve(sessionId + ".graph");
        return file != null && Files.isRegularFile(file) ? java.util.Optional.of(file) : java.util.Optional.empty();
    }

    /** The ids of the workspace's directories holding a saved graph, but for {@code current}'s, sorted. */
    List<String> pastSessions(Predicate<String> current) {
        Path ws = workspace;
        if (ws == null || !Files.isDirectory(ws)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(ws)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(d.getFileName() + ".graph")))
                    .map(d -> d.getFileName().toString()).filter(current.negate()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + ws, e);
        }
    }
}
