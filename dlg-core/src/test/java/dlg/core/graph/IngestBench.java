package dlg.core.graph;

import dlg.core.catalog.DropCatalog;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Times {@link GraphReader#read(InputStream)} and {@link GraphSpec#append} apart over a graph file
 * (not a test: run its main by hand). Prints one line per iteration, then the medians.
 *
 * <pre>java -XX:+UseCompactObjectHeaders -cp ... [-Dbench.readOnly=true] dlg.core.graph.IngestBench /tmp/wide.json [iterations]</pre>
 *
 * <p>The first iteration is what a fresh JVM (as {@code dlg run}'s) does; the medians are of the
 * iterations after two of warm-up.
 */
public final class IngestBench {

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        double mb = Files.size(file) / 1e6;
        DropCatalog catalog = DropCatalog.standard();
        var gcs = ManagementFactory.getGarbageCollectorMXBeans();
        double[] read = new double[iterations];
        double[] validate = new double[iterations];
        double[] cpu = new double[iterations];
        double[] readCpu = new double[iterations];
        double[] validateCpu = new double[iterations];
        var threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < iterations; i++) {
            if (i > 0) { // a fresh JVM's first read starts with its initial heap, as dlg run's does
                System.gc();
            }
            long gc0 = gcs.stream().mapToLong(g -> g.getCollectionTime()).sum();
            long c0 = os.getProcessCpuTime();
            long tc0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            ParsedGraph parsed;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                parsed = GraphReader.read(in);
            }
            long t1 = System.nanoTime();
            long tc1 = threads.getCurrentThreadCpuTime();
            GraphSpec spec = new GraphSpec();
            if (!Boolean.getBoolean("bench.readOnly")) {
                spec.append(parsed, catalog);
            }
            long t2 = System.nanoTime();
            long tc2 = threads.getCurrentThreadCpuTime();
            long c1 = os.getProcessCpuTime();
            long gc1 = gcs.stream().mapToLong(g -> g.getCollectionTime()).sum();
            read[i] = (t1 - t0) / 1e9;
            validate[i] = (t2 - t1) / 1e9;
            cpu[i] = (c1 - c0) / 1e9;
            readCpu[i] = (tc1 - tc0) / 1e9;
            validateCpu[i] = (tc2 - tc1) / 1e9;
            System.out.printf("#%d read %.3f s  validate %.3f s  total %.3f s  %.0f MB/s  (cpu: process %.3f s,"
                    + " reading thread %.3f + %.3f s; gc %d ms; %d drops)%n",
                    i, read[i], validate[i], read[i] + validate[i], mb / (read[i] + validate[i]), cpu[i],
                    readCpu[i], validateCpu[i], gc1 - gc0, parsed.drops().size());
        }
        // the first iterations warm up; medians of the rest
        int from = Math.min(2, iterations - 1);
        double r = median(Arrays.copyOfRange(read, from, iterations));
        double v = median(Arrays.copyOfRange(validate, from, iterations));
        double[] totals = new double[iterations - from];
        for (int i = from; i < iterations; i++) {
            totals[i - from] = read[i] + validate[i];
        }
        double t = median(totals);
        double c = median(Arrays.copyOfRange(cpu, from, iterations));
        double rc = median(Arrays.copyOfRange(readCpu, from, iterations));
        double vc = median(Arrays.copyOfRange(validateCpu, from, iterations));
        System.out.printf("median after warm-up: read %.3f s  validate %.3f s  total %.3f s  %.0f MB/s"
                + "  cpu: process %.3f s, thread %.3f + %.3f s (min %.3f + %.3f)%n", r, v, t, mb / t, c, rc, vc,
                Arrays.stream(readCpu, from, iterations).min().orElse(0),
                Arrays.stream(validateCpu, from, iterations).min().orElse(0));
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
