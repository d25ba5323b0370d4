package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerThreadsTest {

    @TempDir
    Path tasks;

    private void task(int tid, String comm, String stat) throws Exception {
        Path dir = Files.createDirectories(tasks.resolve(Integer.toString(tid)));
        Files.writeString(dir.resolve("comm"), comm + "\n");
        Files.writeString(dir.resolve("stat"), stat);
    }

    @Test
    void c2Threads_findsC2ByName_notC1() throws Exception {
        task(101, "java", "101 (java) S 1 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 30 0 1 2 3");
        task(102, "C2 CompilerThre", "102 (C2 CompilerThre) S 1 0 0 0 -1 0 0 0 0 0 0 0 0 0 39 19 30 0 1 2 3");
        task(103, "C1 CompilerThre", "103 (C1 CompilerThre) S 1 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 30 0 1 2 3");
        task(104, "GC Thread#0", "104 (GC Thread#0) S 1 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 30 0 1 2 3");

        assertThat(CompilerThreads.c2Threads(tasks)).containsExactly(102);
    }

    @Test
    void niceOf_readsTheNiceFieldPastACommandWithSpacesAndParentheses() throws Exception {
        task(102, "C2 CompilerThre", "102 (C2 (Compiler) x) S 1 0 0 0 -1 0 0 0 0 0 0 0 0 0 39 19 30 0 1 2 3");
        task(101, "java", "101 (java) S 1 0 0 0 -1 0 0 0 0 0 0 0 0 0 15 -5 30 0 1 2 3");

        assertThat(CompilerThreads.niceOf(tasks.resolve("102"))).hasValue(19);
        assertThat(CompilerThreads.niceOf(tasks.resolve("101"))).hasValue(-5);
        assertThat(CompilerThreads.niceOf(tasks.resolve("999"))).isEmpty();
    }

    @Test
    void setNice_lowersThisJvmsC2Threads_andPutsThemBackWherePermitted() {
        Path own = Path.of("/proc/self/task");
        assumeTrue(!CompilerThreads.c2Threads(own).isEmpty(), "no C2 compiler thread to look at (not Linux, or no JIT)");
        try {
            assertThat(CompilerThreads.setNice(CompilerThreads.NICE)).isEqualTo(CompilerThreads.c2Threads(own).size());
            assertThat(CompilerThreads.c2Threads(own)).allSatisfy(tid ->
                    assertThat(CompilerThreads.niceOf(own.resolve(Integer.toString(tid)))).hasValue(CompilerThreads.NICE));
        } finally {
            CompilerThreads.setNice(0); // what the JVM's exit does: this one runs on, at full speed
        }
        assumeTrue("root".equals(System.getProperty("user.name")), "only a privileged process may raise a priority");
        assertThat(CompilerThreads.c2Threads(own)).allSatisfy(tid ->
                assertThat(CompilerThreads.niceOf(own.resolve(Integer.toString(tid)))).hasValue(0));
    }

    @Test
    void c2Threads_ofAFolderThatIsNotProc_isEmpty() {
        assertThat(CompilerThreads.c2Threads(tasks.resolve("absent"))).isEmpty();
    }
}
