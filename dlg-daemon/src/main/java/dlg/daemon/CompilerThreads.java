package dlg.daemon;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Puts the JVM's JIT compiler threads at the lowest CPU priority (Linux nice 19), so that a
 * manager's events and requests never wait for a core while the JIT compiles.
 *
 * <p>Why: a fresh NodeManager compiles with C2 for seconds of CPU during its first graph. On a
 * small machine those compiles took the cores that a chain of drops crossing nodes needed for its
 * next hop: DIM + 2 NMs, {@code chain 10000 --split alternate}, took 4.4 to 5.6 s with the
 * compilers at normal priority and 3.0 to 3.5 s at nice 19, on 2 cores. The compilers still get
 * every idle moment of a core; they only yield to the work. That costs where several JVMs keep
 * every core busy for long: DIM + 4 NMs, {@code wide 1000000}, took 16.6 s against 12.5 s.
 *
 * <p>Only the managers ({@code dlg nm}, {@code dlg dim}, {@code dlg mm}) do this. {@code dlg run} is
 * one batch that keeps every core busy, so starved compilers would leave it in slow code: {@code
 * wide 1000000} took 5.5 to 7.3 s with them lowered against 5.2 to 5.4 s without.
 *
 * <p>Linux only (there the nice value belongs to each thread); elsewhere nothing is done. The
 * launcher starts every compiler thread at once ({@code -XX:-UseDynamicNumberOfCompilerThreads}),
 * so that all of them are there to be lowered.
 */
final class CompilerThreads {

    static final int NICE = 19;
    /** {@code -Ddlg.jit.nice=0} (e.g. in DLG_JAVA_OPTS) leaves the compilers' priority alone, to compare. */
    static final String NICE_PROPERTY = "dlg.jit.nice";
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final int PRIO_PROCESS = 0; // with a thread id, setpriority(2) sets that thread's nice value

    private CompilerThreads() {
    }

    /** Lowers every compiler thread of this JVM; returns how many were lowered (0 off Linux). */
    static int lowerPriority() {
        int nice = Integer.getInteger(NICE_PROPERTY, NICE);
        if (nice <= 0 || !Files.isDirectory(TASKS)) {
            return 0;
        }
        MethodHandle setpriority;
        try {
            setpriority = setpriority();
        } catch (RuntimeException e) { // no such function, or native access denied: leave the priorities alone
            return 0;
        }
        int lowered = 0;
        for (int tid : compilerThreads(TASKS)) {
            try {
                if ((int) setpriority.invokeExact(PRIO_PROCESS, tid, Math.min(nice, NICE)) == 0) {
                    lowered++;
                }
            } catch (Throwable e) { // a native call that cannot be made: leave the priorities alone
                return lowered;
            }
        }
        return lowered;
    }

    /** The ids of the threads under {@code tasks} (a /proc task directory) that are JIT compilers. */
    static List<Integer> compilerThreads(Path tasks) {
        List<Integer> ids = new ArrayList<>();
        try (Stream<Path> all = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) all::iterator) {
                if (isCompiler(task)) {
                    ids.add(Integer.parseInt(task.getFileName().toString()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return ids; // a thread gone while listing, or not a /proc directory: lower what was found
        }
        return ids;
    }

    /** The nice value of a thread, from its /proc task directory; empty if that cannot be read. */
    static OptionalInt niceOf(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            // fields after the command name in parentheses (which may hold spaces): state is 3rd, nice 19th
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalInt.of(Integer.parseInt(fields[19 - 3]));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    static boolean isCompiler(Path task) {
        try {
            // HotSpot names them "C1 CompilerThread0", "C2 CompilerThread1", ... (cut to 15 characters)
            return Files.readString(task.resolve("comm")).contains("CompilerThre");
        } catch (IOException e) {
            return false;
        }
    }

    private static MethodHandle setpriority() {
        Linker linker = Linker.nativeLinker();
        return linker.downcallHandle(linker.defaultLookup().find("setpriority").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    }
}
