package dlg.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.core.app.DataDrop;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InMemoryDropTest {

    @TempDir
    Path dir;

    /** Runs one app that gets the memory drop "D" as its output and does {@code body} with it. */
    private DataDrop withOutput(TestingApp.Body body) {
        AtomicReference<DataDrop> out = new AtomicReference<>();
        Graph g = new Graph();
        g.app("X", ctx -> {
            out.set(ctx.outputs().getFirst());
            body.run(ctx);
        }).outputs("D");
        g.memory("D");
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.runToEnd();
        }
        return out.get();
    }

    @Test
    void writes_areAppendedAcrossBufferGrowth() throws Exception {
        byte[] big = new byte[100_000];
        Arrays.fill(big, (byte) 7);
        DataDrop d = withOutput(ctx -> {
            DataDrop out = ctx.outputs().getFirst();
            out.write(new byte[] {1, 2, 3});
            out.write(big, 10, 1000);
            out.write(big);
        });

        byte[] all = d.readAll();
        assertThat(d.size()).isEqualTo(3 + 1000 + 100_000);
        assertThat(all).hasSize(101_003);
        assertThat(Arrays.copyOf(all, 4)).containsExactly(1, 2, 3, 7);
    }

    @Test
    void producerWrites_replaceThePydata() throws Exception {
        AtomicReference<DataDrop> out = new AtomicReference<>();
        Graph g = new Graph();
        g.app("X", ctx -> {
            out.set(ctx.outputs().getFirst());
            ctx.outputs().getFirst().write("abc".getBytes());
            ctx.outputs().getFirst().write("de".getBytes());
        }).outputs("D");
        g.memory("D").param("pydata", "a placeholder longer than what is written");
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.runToEnd();
        }

        assertThat(out.get().readAll()).containsExactly('a', 'b', 'c', 'd', 'e');
    }

    @Test
    void readers_readIndependently() throws Exception {
        DataDrop d = withOutput(ctx -> ctx.outputs().getFirst().write("abcdef".getBytes()));

        try (InputStream a = d.open(); InputStream b = d.open()) {
            assertThat(a.readNBytes(3)).containsExactly('a', 'b', 'c');
            assertThat(b.readAllBytes()).containsExactly('a', 'b', 'c', 'd', 'e', 'f');
            assertThat(a.readAllBytes()).containsExactly('d', 'e', 'f');
        }
    }

    @Test
    void aReaderOpenedEarly_keepsSeeingWhatWasThereWhenItOpened() throws Exception {
        AtomicReference<byte[]> early = new AtomicReference<>();
        withOutput(ctx -> {
            DataDrop out = ctx.outputs().getFirst();
            out.write("12".getBytes());
            try (InputStream in = out.open()) {
                out.write(new byte[1000]); // grows the buffer under the open reader
                early.set(in.readAllBytes());
            }
        });

        assertThat(early.get()).containsExactly('1', '2');
    }

    @Test
    void neverWritten_readsEmpty() throws Exception {
        DataDrop d = withOutput(ctx -> { });

        assertThat(d.readAll()).isEmpty();
        assertThat(d.size()).isZero();
    }

    @Test
    void pathAndDataUrl_areThoseOfMemory() {
        DataDrop d = withOutput(ctx -> { });

        assertThat(d.path()).isEmpty();
        assertThat(d.dataUrl()).matches("mem://" + java.util.regex.Pattern.quote(Host.NAME) + "/"
                + ProcessHandle.current().pid() + "/-?\\d+");
        assertThat(d.oid()).isEqualTo("D");
        assertThat(d.name()).isEqualTo("D");
    }

    @Test
    void adopt_keepsTheFileAsTheContent_andTheSessionsEndMovesAKeptValueToTheHeap() throws Exception {
        Path file = Files.write(dir.resolve("value"), "a large value".getBytes());
        AtomicReference<Optional<Path>> during = new AtomicReference<>();
        AtomicReference<byte[]> readDuring = new AtomicReference<>();
        DataDrop d = withOutput(ctx -> {
            DataDrop out = ctx.outputs().getFirst();
            out.adopt(file);
            during.set(out.contentFile());
            readDuring.set(out.readAll());
        });

        assertThat(during.get()).contains(file);
        assertThat(readDuring.get()).isEqualTo("a large value".getBytes());
        assertThat(file).doesNotExist(); // no file outlives its session
        assertThat(d.contentFile()).isEmpty();
        assertThat(d.readAll()).isEqualTo("a large value".getBytes());
        assertThat(d.size()).isEqualTo(13);
    }

    @Test
    void adopt_afterAWrite_appendsTheFilesContentAndDeletesIt() throws Exception {
        Path file = Files.write(dir.resolve("value"), "def".getBytes());
        DataDrop d = withOutput(ctx -> {
            ctx.outputs().getFirst().write("abc".getBytes());
            ctx.outputs().getFirst().adopt(file);
        });

        assertThat(d.readAll()).isEqualTo("abcdef".getBytes());
        assertThat(file).doesNotExist();
    }

    @Test
    void adopt_expireAfterUse_deletesTheFileOnceItsConsumerRead() throws Exception {
        Path file = Files.write(dir.resolve("value"), "abc".getBytes());
        AtomicReference<byte[]> read = new AtomicReference<>();
        Graph g = new Graph();
        g.app("X", ctx -> ctx.outputs().getFirst().adopt(file)).outputs("D");
        g.memory("D").consumers("Y");
        g.app("Y", ctx -> read.set(ctx.inputs().getFirst().readAll()));
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.runToEnd();
        }

        assertThat(read.get()).isEqualTo("abc".getBytes());
        assertThat(file).doesNotExist();
    }
}
