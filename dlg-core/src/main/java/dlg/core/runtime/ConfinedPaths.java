package dlg.core.runtime;

import dlg.core.catalog.DataKind;
import dlg.core.catalog.DataType;
import dlg.core.catalog.DropCatalog;
import dlg.core.error.GraphProblem;
import dlg.core.graph.DropSpec;
import dlg.core.graph.SpecChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The check behind {@link ExecutionOptions#confinePaths()}: a file drop's path must be inside its
 * session directory. The path is taken as {@link FilePaths} makes it ({@code $VARS} expanded,
 * {@code ..} removed, as the file is then opened), then resolved through the symbolic links of
 * the part that exists, so that a link inside the session directory cannot lead out of it. A
 * link that leads nowhere is refused: where it would create the file cannot be told cheaply.
 *
 * <p>This closes the door at deploy; a link made later, while the session runs (by a command,
 * say), is not seen. Not thread-safe (one per append or deploy).
 */
final class ConfinedPaths {

    private final Path sessionDir;
    private Path realSessionDir;
    /** Real paths of directories already resolved: most file drops share a few directories. */
    private final Map<Path, Path> realDirs = new HashMap<>();

    ConfinedPaths(Path sessionDir) {
        this.sessionDir = sessionDir.toAbsolutePath().normalize();
    }

    /**
     * A checker for graph appends: {@code catalog}'s checks, then, for each file drop, that its
     * path is inside {@code sessionDir} ({@code env} expands the {@code $VARS} of its path).
     */
    static SpecChecker checker(DropCatalog catalog, Path sessionDir, Map<String, String> env) {
        ConfinedPaths confined = new ConfinedPaths(sessionDir);
        SpecChecker classes = catalog.forOneAppend();
        return (spec, problems) -> {
            classes.check(spec, problems);
            if (isFileDrop(spec, catalog)) {
                confined.check(spec, env, problems);
            }
        };
    }

    private static boolean isFileDrop(DropSpec spec, DropCatalog catalog) {
        return !spec.category().isApplication()
               && catalog.find(spec.dropClass()).orElse(null) instanceof DataType d && d.kind() == DataKind.FILE;
    }

    private void check(DropSpec spec, Map<String, String> env, Consumer<GraphProblem> problems) {
        try {
            why(spec, FilePaths.resolve(spec, sessionDir, env))
                    .ifPresent(why -> problems.accept(new GraphProblem(spec.oid(), why)));
        } catch (IllegalArgumentException e) {
            problems.accept(new GraphProblem(spec.oid(), e.getMessage()));
        }
    }

    /** Why {@code spec}'s file, at {@code path}, is refused; empty when it is inside the session directory. */
    Optional<String> why(DropSpec spec, Path path) {
        Object raw = spec.param("filepath");
        String named = raw == null || raw.toString().isEmpty() ? "its file " + path
                : "filepath '" + raw + "' (" + path + ")";
        Path p = path.toAbsolutePath().normalize();
        if (!inside(p, sessionDir)) {
            return Optional.of(named + " is outside the session directory " + sessionDir);
        }
        Path real;
        try {
            real = real(p);
            if (realSessionDir == null) {
                realSessionDir = realOfMissing(sessionDir);
            }
        } catch (IOException e) {
            return Optional.of(named + " goes through a symbolic link that leads nowhere (" + e.getMessage()
                    + "): where the file would be cannot be told");
        }
        if (!inside(real, realSessionDir)) {
            return Optional.of(named + " is " + real + " through a symbolic link, outside the session directory "
                    + sessionDir);
        }
        return Optional.empty();
    }

    /** Strictly inside: the session directory itself is no file of a drop. */
    private static boolean inside(Path p, Path dir) {
        return p.startsWith(dir) && !p.equals(dir);
    }

    /** {@code p} with every symbolic link resolved, also when {@code p} or its parents do not exist yet. */
    private Path real(Path p) throws IOException {
        if (Files.isSymbolicLink(p)) {
            return p.toRealPath(); // a link to nowhere throws: it would create its target
        }
        Path parent = p.getParent();
        if (parent == null) {
            return p;
        }
        Path realParent = realDirs.get(parent);
        if (realParent == null) {
            realParent = realOfMissing(parent);
            realDirs.put(parent, realParent);
        }
        return realParent.resolve(p.getFileName());
    }

    /** The real path of the nearest ancestor that exists (a link counts), with the missing names appended. */
    private static Path realOfMissing(Path p) throws IOException {
        Path existing = p;
        while (existing.getParent() != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        return existing.toRealPath().resolve(existing.relativize(p));
    }
}
