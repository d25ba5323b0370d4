package dlg.core.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.core.runtime.Graph;
import dlg.core.runtime.TestRun;
import dlg.core.state.SessionState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyAppTest {

    @TempDir
    Path dir;

    @Test
    void run_copiesEveryInputInOrderIntoEveryOutput() throws Exception {
        TestingDataDrop o1 = new TestingDataDrop("o1");
        TestingDataDrop o2 = new TestingDataDrop("o2");
        TestingAppContext ctx = new TestingAppContext()
                .input(TestingDataDrop.of("a", "first;")).input(TestingDataDrop.of("b", "second;"))
                .input(TestingDataDrop.of("c", "")).input(TestingDataDrop.of("d", "third"))
                .output(o1).output(o2);

        CopyApp.INSTANCE.run(ctx);

        assertThat(o1.text()).isEqualTo("first;second;third");
        assertThat(o2.text()).isEqualTo("first;second;third");
    }

    @Test
    void run_streamsInBufsizeChunks() throws Exception {
        byte[] data = new byte[300_000];
        new Random(1).nextBytes(data);
        TestingDataDrop in = TestingDataDrop.of("in", data).forbidReadAll();
        TestingDataDrop out = new TestingDataDrop("out");
        TestingAppContext ctx = new TestingAppContext().input(in).output(out).param("bufsize", 1000);

        CopyApp.INSTANCE.run(ctx);

        assertThat(out.bytes()).isEqualTo(data);
        assertThat(in.largestRead()).isLessThanOrEqualTo(1000);
    }

    @Test
    void run_bigInput_readsGrowToBufsize_andTheCopyIsExact() throws Exception {
        byte[] data = new byte[1_000_000];
        new Random(2).nextBytes(data);
        TestingDataDrop in = TestingDataDrop.of("in", data).forbidReadAll();
        TestingDataDrop out = new TestingDataDrop("out");

        CopyApp.INSTANCE.run(new TestingAppContext().input(in).output(out));

        assertThat(out.bytes()).isEqualTo(data);
        assertThat(in.largestRead()).as("bufsize's default").isEqualTo(65_536);
    }

    @Test
    void run_noOutputs_readsAndSucceeds() throws Exception {
        CopyApp.INSTANCE.run(new TestingAppContext().input(TestingDataDrop.of("a", "x")));
    }

    @Test
    void graph_largeFileThroughMemoryIntoFile_isCopiedExactly() throws Exception {
        byte[] data = new byte[8 << 20];
        new Random(2).nextBytes(data);
        Files.write(dir.resolve("in.bin"), data);
        Graph g = new Graph();
        g.file("IN").param("filepath", "in.bin").consumers("C1");
        g.app("C1", Graph.COPY).outputs("MID");
        g.memory("MID").consumers("C2");
        g.app("C2", Graph.COPY).param("bufsize", 4096).outputs("OUT1", "OUT2");
        g.file("OUT1").param("filepath", "out1.bin");
        g.file("OUT2").param("filepath", "out2.bin");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
        }

        assertThat(Files.readAllBytes(dir.resolve("out1.bin"))).isEqualTo(data);
        assertThat(Files.readAllBytes(dir.resolve("out2.bin"))).isEqualTo(data);
    }

    @Test
    void graph_gathersInputsInDeclarationOrder() throws Exception {
        Graph g = new Graph();
        g.memory("A").param("pydata", "a");
        g.memory("B").param("pydata", "b");
        g.memory("C").param("pydata", "c");
        g.app("X", Graph.COPY).inputs("C", "A", "B").outputs("O");
        g.file("O").param("filepath", "o.txt");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
        }

        assertThat(Files.readString(dir.resolve("o.txt"), StandardCharsets.UTF_8)).isEqualTo("cab");
    }
}
