package dlg.manager.composite;

import dlg.core.graph.GraphReader;
import dlg.core.graph.GraphSpec;
import dlg.core.graph.GraphWriter;
import dlg.core.graph.ParsedGraph;
import dlg.core.graph.SpecChecker;
import dlg.manager.NodeAddress;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Times a DataIslandManager's append steps over a graph file whose drops name their nodes
 * ({@code gen_graph.py wide 1000000 --nodes 127.0.0.1:1,127.0.0.1:2,127.0.0.1:3,127.0.0.1:4
 * --split block}), in process: read keeping the bytes on two parsers ({@code -Dnokeep=true}: not
 * keeping them), split, check, write the parts to nowhere. Not a test: run its main by hand with
 * the test classpath, {@code <file> <iterations>}; the first iteration is a fresh JVM's.
 */
final class DimAppendTiming {

    private DimAppendTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int iterations = Integer.parseInt(args[1]);
        List<NodeAddress> nodes = List.of(NodeAddress.parse("127.0.0.1:1"), NodeAddress.parse("127.0.0.1:2"),
                NodeAddress.parse("127.0.0.1:3"), NodeAddress.parse("127.0.0.1:4"));
        ForkJoinPool pool = new ForkJoinPool(2);
        JsonFactory json = new JsonFactory();
        boolean keepBytes = !Boolean.getBoolean("nokeep");
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < iterations; i++) {
            System.gc();
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            ParsedGraph g;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                g = keepBytes ? GraphReader.readKeepingBytes(in, 64 << 20, pool, 2) : GraphReader.read(in, 64 << 20, pool, 2);
            }
            long t1 = System.nanoTime();
            long c1 = os.getProcessCpuTime();
            PartitionedGraph parts = GraphPartitioner.partition(g, PartitionAttribute.NODE, nodes);
            long t2 = System.nanoTime();
            long c2 = os.getProcessCpuTime();
            GraphSpec checked = new GraphSpec();
            checked.append(g, SpecChecker.NONE);
            long t3 = System.nanoTime();
            long c3 = os.getProcessCpuTime();
            for (Partition p : parts.partitions()) {
                try (JsonGenerator gen = json.createGenerator(OutputStream.nullOutputStream())) {
                    GraphWriter.writeList(gen, p.graph());
                }
            }
            long t4 = System.nanoTime();
            long c4 = os.getProcessCpuTime();
            System.out.printf("#%d read %.2f (cpu %.2f) partition %.2f (%.2f) check %.2f (%.2f) write %.2f (%.2f)%n", i,
                    (t1 - t0) / 1e9, (c1 - c0) / 1e9, (t2 - t1) / 1e9, (c2 - c1) / 1e9, (t3 - t2) / 1e9, (c3 - c2) / 1e9,
                    (t4 - t3) / 1e9, (c4 - c3) / 1e9);
        }
    }
}
