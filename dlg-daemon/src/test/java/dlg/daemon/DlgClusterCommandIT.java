package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dlg.jar cluster -n 4} as a process: every manager answers to the holder of the fresh secret
 * it printed, and only to it; SIGTERM (Ctrl-C) stops them all and removes the secret's file.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DlgClusterCommandIT {

    private static final Pattern UI = Pattern.compile("UI http://127\\.0\\.0\\.1:(\\d+)/\\?token=(\\S+)\\n");
    private static final Pattern NODES = Pattern.compile("nodes (\\S+)\\n");

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    private String token;

    private HttpResponse<String> call(int port, String path, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> r = call(port, path, token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(call(port, path, null).statusCode()).as(path + " without the token").isEqualTo(401);
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void fourNodes_allAnswer_andStopTogetherOnSignal() throws Exception {
        Path jar = Path.of("target", "dlg.jar").toAbsolutePath();
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path err = tmp.resolve("cluster.err");
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:+UseCompactObjectHeaders", "-jar", jar.toString(), "cluster",
                "-n", "4", "--workdir", tmp.resolve("work").toString())
                .redirectError(err.toFile()).redirectOutput(tmp.resolve("cluster.out").toFile());
        Process p = pb.start();
        try {
            Matcher[] found = new Matcher[2];
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                String text = Files.readString(err);
                assertThat(p.isAlive()).as(text).isTrue();
                found[0] = UI.matcher(text);
                found[1] = NODES.matcher(text);
                return found[0].find() && found[1].find();
            });
            int dim = Integer.parseInt(found[0].group(1));
            token = found[0].group(2);
            Path tokenFile = tmp.resolve("work").resolve(ClusterCommand.TOKEN_FILE);
            assertThat(Files.readString(tokenFile).strip()).isEqualTo(token);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)))
                    .isEqualTo("rw-------");
            List<String> nodes = List.of(found[1].group(1).split(","));

            assertThat(nodes).hasSize(4).doesNotHaveDuplicates();
            List<String> listed = new ArrayList<>();
            get(dim, "/api/nodes").forEach(n -> listed.add(n.asText()));
            assertThat(listed).containsExactlyElementsOf(nodes);
            for (String node : nodes) {
                assertThat(get(Integer.parseInt(node.split(":")[1]), "/api/sessions").isArray()).isTrue();
            }

            p.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the shutdown hook stops every manager

            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(Files.readString(err)).isTrue();
            assertThat(p.descendants().count()).isZero();
            assertThat(tmp.resolve("work").resolve(ClusterCommand.TOKEN_FILE)).doesNotExist();
        } finally {
            p.destroyForcibly();
        }
    }
}
