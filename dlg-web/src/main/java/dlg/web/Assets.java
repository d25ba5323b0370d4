package dlg.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The UI's files, read from {@code dlg/web/} on the classpath once, when the routes are set up.
 * Only the files named here are served: a request never names a resource path itself.
 *
 * <p>Every reply carries a Content-Length (DALiuGE's Python client reads a reply without one as
 * empty, and the same server answers both).
 */
final class Assets {

    private static final String HTML = "text/html; charset=utf-8";
    private static final List<String> PAGES = List.of("sessions.html", "session.html", "drop-log.html");
    private static final List<String> STATIC = List.of("dlg.css", "dlg.js", "live.js", "sessions.js", "session.js",
            "graph.js", "drops.js", "panel.js", "timeline.js", "drop-log.js",
            "past.js", "constructs.js");
    /**
     * Browser libraries from WebJars (Maven Central: no CDN, clusters are often offline), by the
     * name the pages use: {webjar, file in its version's folder}.
     */
    private static final Map<String, String[]> LIBS = Map.of(
            "cytoscape.js", new String[] {"cytoscape", "dist/cytoscape.esm.min.mjs"},
            "dagre.js", new String[] {"dagre", "dist/dagre.min.js"});

    private record Asset(String contentType, byte[] body) {
    }

    private final Map<String, Asset> pages = new HashMap<>();
    private final Map<String, Asset> files = new HashMap<>();

    private Assets() {
    }

    /** @param managerType shown in every page's title and header */
    static Assets load(String managerType) {
        Assets a = new Assets();
        String type = escapeHtml(managerType);
        for (String p : PAGES) {
            String html = new String(read(p), StandardCharsets.UTF_8).replace("{{managerType}}", type);
            a.pages.put(p, new Asset(HTML, html.getBytes(StandardCharsets.UTF_8)));
        }
        for (String f : STATIC) {
            a.files.put(f, new Asset(contentType(f), read("static/" + f)));
        }
        LIBS.forEach((name, lib) -> a.files.put(name, new Asset(contentType(name), webjar(lib[0], lib[1]))));
        a.files.put("states.js", new Asset(contentType("states.js"),
                StateScript.generate().getBytes(StandardCharsets.UTF_8)));
        return a;
    }

    void page(Context ctx, String name) {
        send(ctx, pages.get(name));
    }

    void staticFile(Context ctx, String name) {
        Asset a = files.get(name);
        if (a == null) {
            throw new NotFoundResponse("no such file: /static/" + name);
        }
        send(ctx, a);
    }

    /** The body of a page or static file, for tests; null when there is none. */
    byte[] body(String name) {
        Asset a = pages.containsKey(name) ? pages.get(name) : files.get(name);
        return a == null ? null : a.body().clone();
    }

    private static void send(Context ctx, Asset a) {
        ctx.status(200);
        ctx.contentType(a.contentType());
        ctx.header("Cache-Control", "no-cache"); // a new dlg version's scripts are picked up at once
        ctx.res().setContentLength(a.body().length);
        ctx.result(a.body());
    }

    private static String contentType(String name) {
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        throw new IllegalArgumentException("no content type for " + name);
    }

    /** A file of an npm WebJar on the classpath, whatever its version (the build pins it). */
    static byte[] webjar(String artifact, String file) {
        Properties pom = new Properties();
        String props = "META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(props)) {
            if (in == null) {
                throw new IllegalStateException("WebJar " + artifact + " missing from the classpath");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + props, e);
        }
        String path = "META-INF/resources/webjars/" + artifact + "/" + pom.getProperty("version") + "/" + file;
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("WebJar file missing from the classpath: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static byte[] read(String name) {
        String path = "dlg/web/" + name;
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("dlg-web resource missing from the classpath: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    static String escapeHtml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
