package dlg.manager.metrics;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Prometheus's text format as Prometheus's own Python client parses it ({@code
 * prometheus_client.parser}, Debian's {@code python3-prometheus-client}), run as a process: what
 * a test asserts is what a real scraper reads. Tests are skipped, saying so, where it is absent.
 */
final class PrometheusText {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PARSE = """
            import json, math, sys
            from prometheus_client.parser import text_string_to_metric_families
            out = []
            for f in text_string_to_metric_families(sys.stdin.read()):
                for s in f.samples:
                    v = s.value
                    out.append({"family": f.name, "type": f.type, "name": s.name, "labels": s.labels,
                                "value": v if math.isfinite(v) else str(v)})
            print(json.dumps(out))
            """;
    private static final List<String> PYTHONS = List.of("/usr/bin/python3", "python3");

    /** One sample: a line of the exposition, as the parser read it. */
    record Sample(String family, String type, String name, Map<String, String> labels, Object value) {
        double number() {
            return ((Number) value).doubleValue();
        }
    }

    /** The parsed samples, or the test skipped where no Python has {@code prometheus_client}. */
    static List<Sample> parse(String exposition) throws IOException, InterruptedException {
        String python = python();
        Assumptions.assumeTrue(python != null, "no python3 with prometheus_client (Debian: apt-get install"
                + " python3-prometheus-client): the metrics are not checked with Prometheus's parser");
        Process p = new ProcessBuilder(python, "-c", PARSE).redirectErrorStream(false).start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(exposition.getBytes(UTF_8));
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("Prometheus's parser refused the exposition: " + new String(err.join(), UTF_8)
                    + "\n---\n" + exposition);
        }
        return JSON.readValue(out, new TypeReference<List<Sample>>() { });
    }

    /** The value of the one sample named {@code name} with these labels (others ignored). */
    static double value(List<Sample> samples, String name, Map<String, String> labels) {
        List<Sample> found = samples.stream().filter(s -> s.name().equals(name)
                && s.labels().entrySet().containsAll(labels.entrySet())).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples " + name + labels + ": " + found);
        }
        return found.getFirst().number();
    }

    private static String python() {
        for (String p : PYTHONS) {
            try {
                Process check = new ProcessBuilder(p, "-c", "import prometheus_client.parser").start();
                if (check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0) {
                    return p;
                }
            } catch (IOException e) {
                // not there: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return Objects.toString(e).getBytes(UTF_8);
        }
    }

    private PrometheusText() {
    }
}
