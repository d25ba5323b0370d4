package dlg.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.app.DataDrop;
import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidGraphException;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDropTest {

    @TempDir
    Path dir;

    /** X writes {@code text} into the FileDROP "F" (configured by the caller); returns F as X saw it. */
    private DataDrop write(String text, java.util.function.Consumer<Graph.Node> file) {
        AtomicReference<DataDrop> out = new AtomicReference<>();
        Graph g = new Graph();
        g.app("X", ctx -> {
            out.set(ctx.outputs().getFirst());
            if (!text.isEmpty()) {
                ctx.outputs().getFirst().write(text.getBytes(StandardCharsets.UTF_8));
            }
        }).outputs("F");
        file.accept(g.file("F"));
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
            assertThat(run.state("F")).isEqualTo(DropState.COMPLETED);
        }
        return out.get();
    }

    // ---- Where the file goes ----

    @Test
    void noFilepath_writesToTheGeneratedNameInTheSessionDir() throws IOException {
        DataDrop f = write("hello", n -> n.param("uid", "2022-02-11T08:05:47_-3_0"));

        Path expected = dir.resolve("2022-02-11T08_05_47_-3_0");
        assertThat(f.path()).contains(expected);
        assertThat(Files.readString(expected)).isEqualTo("hello");
    }

    @Test
    void bareName_writesInTheSessionDir() throws IOException {
        write("hello", n -> n.param("filepath", "hello.txt"));

        assertThat(Files.readString(dir.resolve("hello.txt"))).isEqualTo("hello");
    }

    @Test
    void relativePathWithDirectories_createsThem() throws IOException {
        write("deep", n -> n.param("filepath", "a/b/c.txt"));

        assertThat(Files.readString(dir.resolve("a/b/c.txt"))).isEqualTo("deep");
    }

    @Test
    void trailingSlash_writesAGeneratedNameInThatDirectory() throws IOException {
        DataDrop f = write("x", n -> n.param("filepath", "out/").param("uid", "2022-02-11T08:05:47_-3_0"));

        assertThat(f.path()).contains(dir.resolve("out/2022-02-11T08_05_47_-3_0"));
        assertThat(Files.readString(f.path().orElseThrow())).isEqualTo("x");
    }

    @Test
    void environmentVariable_comesFromTheEngine() throws IOException {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        AtomicReference<DataDrop> out = new AtomicReference<>();
        Graph g = new Graph();
        g.app("X", ctx -> out.set(ctx.outputs().getFirst())).outputs("F");
        g.file("F").param("filepath", "$WHERE/f.txt");
        try (TestRun run = TestRun.builder().env(Map.of("WHERE", elsewhere.toString())).deploy(dir, g)) {
            run.runToEnd();
        }

        assertThat(out.get().path()).contains(elsewhere.resolve("f.txt"));
        assertThat(elsewhere.resolve("f.txt")).exists();
    }

    @Test
    void unsetEnvironmentVariable_failsTheDeployNamingTheDrop() {
        Graph g = new Graph();
        g.file("F").param("filepath", "$SURELY_NOT_SET_ANYWHERE/f.txt");

        assertThatThrownBy(() -> TestRun.builder().env(Map.of()).deploy(dir, g))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("'F'")
                .hasMessageContaining("SURELY_NOT_SET_ANYWHERE");
    }

    @Test
    void checkFilepathExists_missingFile_failsTheDeployNamingTheDropAndPath() {
        Graph g = new Graph();
        g.file("F").param("filepath", "missing.txt").param("check_filepath_exists", true);
        g.file("G").param("filepath", "also-missing.txt").param("check_filepath_exists", "1");

        assertThatThrownBy(() -> TestRun.deploy(dir, g))
                .isInstanceOf(InvalidGraphException.class)
                .satisfies(e -> assertThat(((InvalidGraphException) e).problems())
                        .extracting(GraphProblem::oid).containsExactly("F", "G"))
                .hasMessageContaining(dir.resolve("missing.txt").toString())
                .hasMessageContaining(dir.resolve("also-missing.txt").toString());
    }

    @Test
    void checkFilepathExists_existingFile_isReadByItsConsumer() throws IOException {
        Files.writeString(dir.resolve("in.txt"), "given");
        Recorder rec = new Recorder();
        Graph g = new Graph();
        g.file("F").param("filepath", "in.txt").param("check_filepath_exists", true).consumers("X");
        g.app("X", rec);
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
        }

        assertThat(rec.text("F")).isEqualTo("given");
    }

    @Test
    void checkFilepathExists_aDirectory_failsTheDeploy() throws IOException {
        Files.createDirectory(dir.resolve("sub"));
        Graph g = new Graph();
        g.file("F").param("filepath", "/" + dir.resolve("sub").toString().substring(1)).param("check_filepath_exists", true);

        assertThatThrownBy(() -> TestRun.deploy(dir, g)).isInstanceOf(InvalidGraphException.class);
    }

    @Test
    void hostileOid_staysInTheSessionDir() {
        AtomicReference<DataDrop> out = new AtomicReference<>();
        Graph g = new Graph();
        g.app("X", ctx -> out.set(ctx.outputs().getFirst())).outputs("../../etc/x");
        g.file("../../etc/x");
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.runToEnd();
        }

        assertThat(out.get().path().orElseThrow().getParent()).isEqualTo(dir);
        assertThat(out.get().path().orElseThrow()).exists();
    }

    // ---- Content ----

    @Test
    void neverWritten_existsEmptyOnceCompleted() throws IOException {
        DataDrop f = write("", n -> n.param("filepath", "empty.txt"));

        assertThat(dir.resolve("empty.txt")).exists().isEmptyFile();
        assertThat(f.size()).isZero();
        assertThat(f.readAll()).isEmpty();
    }

    @Test
    void write_afterCompletion_fails() {
        DataDrop f = write("x", n -> n.param("filepath", "done.txt"));

        assertThatThrownBy(() -> f.write(new byte[] {1})).isInstanceOf(IOException.class).hasMessageContaining("COMPLETED");
        assertThat(dir.resolve("done.txt")).hasContent("x");
    }

    @Test
    void firstWrite_replacesWhatWasThere() throws IOException {
        Files.writeString(dir.resolve("old.txt"), "old content that is longer");

        write("new", n -> n.param("filepath", "old.txt"));

        assertThat(Files.readString(dir.resolve("old.txt"))).isEqualTo("new");
    }

    @Test
    void manyWrites_areAppended() throws IOException {
        AtomicReference<DataDrop> out = new AtomicReference<>();
        Graph g = new Graph();
        g.app("X", ctx -> {
            DataDrop f = ctx.outputs().getFirst();
            out.set(f);
            for (int i = 0; i < 1000; i++) {
                f.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }).outputs("F");
        g.file("F").param("filepath", "lines.txt");
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.runToEnd();
        }

        assertThat(Files.readAllLines(dir.resolve("lines.txt"))).hasSize(1000).endsWith("line 999");
        assertThat(out.get().size()).isEqualTo(Files.size(dir.resolve("lines.txt")));
    }

    @Test
    void missingFile_cannotBeOpened() throws IOException {
        DataDrop f = write("x", n -> n.param("filepath", "gone.txt"));
        Files.delete(dir.resolve("gone.txt"));

        assertThatThrownBy(f::open).isInstanceOf(IOException.class).hasMessageContaining("does not exist");
        assertThat(f.size()).isZero();
    }

    @Test
    void dataUrl_isFileHostPath() {
        DataDrop f = write("x", n -> n.param("filepath", "u.txt"));

        assertThat(f.dataUrl()).isEqualTo("file://" + Host.NAME + dir.resolve("u.txt"));
    }
}
