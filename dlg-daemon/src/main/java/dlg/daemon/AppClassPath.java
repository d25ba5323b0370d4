package dlg.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where users' own Java apps are found (DALiuGE's {@code --dlg-path}, default
 * {@code $DLG_ROOT/code}): each directory is a class folder and its {@code *.jar} files are added,
 * each jar file is added.
 */
final class AppClassPath {

    private AppClassPath() {
    }

    /** @throws IllegalArgumentException naming a path that does not exist */
    static ClassLoader loader(List<Path> paths, ClassLoader parent) {
        List<URL> urls = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("no such file or directory: " + p);
            }
            urls.add(url(p));
            if (Files.isDirectory(p)) {
                try (Stream<Path> jars = Files.list(p)) {
                    jars.filter(j -> j.getFileName().toString().endsWith(".jar")).sorted().map(AppClassPath::url)
                            .forEach(urls::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + p, e);
                }
            }
        }
        return urls.isEmpty() ? parent : new URLClassLoader("dlg-apps", urls.toArray(URL[]::new), parent);
    }

    /** The default: {@code $DLG_ROOT/code} if it exists. */
    static List<Path> defaultPaths(Path dlgRoot) {
        Path code = dlgRoot.resolve("code");
        return Files.isDirectory(code) ? List.of(code) : List.of();
    }

    private static URL url(Path p) {
        try {
            return p.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a usable path: " + p, e);
        }
    }
}
