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
 * Puts the JVM's C2 compiler threads at the lowest CPU priority (Linux nice 19), so that a
 * manager's events and requests never wait for a core while C2 compiles.
 *
 * <p>Why: a fresh NodeManager compiles with C2 for seconds of CPU during its first graph. On a
 * small machine those compiles took the cores that a chain of drops crossing nodes needed for its
 * next hop: DIM + 2 NMs, {@code chain 10000 --split alternate}, took 3.5 to 4.0 s with C2 at normal
 * priority and 2.3 to 2.7 s at nice 19, on 2 cores. C2 still gets every idle moment of a core; it
 * only yields to the work, which meanwhile runs in C1's code.
 *
 * <p>C1 keeps its priority: it compiles fast, and a method waiting for it runs in the interpreter,
 * many times slower. With C1 lowered too, DIM + 4 NMs ({@code wide 1000000}, five JVMs keeping two
 * cores busy) took 16.6 s instead of 12.5 s.
 *
 * <p>Only the managers ({@code dlg nm}, {@code dlg dim}, {@code dlg mm}) do this: {@code dlg run} is
 * one batch with no node crossings, where only throughput counts.
 *
 * <p>Linux only (there the nice value belongs to each thread); elsewhere nothing is done. The
 * launcher starts every compiler thread at once ({@code -XX:-UseDynamicNumberOfCompilerThreads}),
 * so that all of them are there to be lowered, and so that no C1 thread is started later by a
 * lowered C2 thread (a new thread inherits its starter's nice value).
 */
final class CompilerThreads {

    static final int NICE = 19;
    /** {@code -Ddlg.jit.nice=0} (e.g. in DLG_JAVA_OPTS) leaves the compilers' priority alone, to compare. */
    static final String NICE_PROPERTY = "dlg.jit.nice";
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final int PRIO_PROCESS = 0; // with a thread id, setpriority(2) sets that thread's nice value

    private CompilerThreads() {
    }

    /**
     * {@link #lowerPriority} on a thread of its own: linking the native call makes the JVM generate
     * its classes (none of them in the ahead-of-time cache): about 80 ms of a manager's main thread
     * before it answers (0.2 s without the cache).
     */
    static void lowerPriorityInBackground() {
        Thread.ofPlatform().daemon().name("dlg-jit-priority").start(CompilerThreads::lowerPriority);
    }

    /**
     * Lowers every C2 compiler thread of this JVM (nothing off Linux). When
     * the JVM exits they get their priority back, where the process may raise it (root, or a high
     * enough RLIMIT_NICE): the JVM's exit waits, up to 10 s, for each compiler thread busy with a
     * method to reach a safe point, and a thread at nice 19 on busy cores got there seconds late (a
     * NodeManager stopped under load exited 2 s after SIGTERM instead of 0.4 s, and a daemon's stop
     * of one, bounded at 10 s, was seen to outlast a MasterManager's call).
     */
    private static void lowerPriority() {
        int nice = Integer.getInteger(NICE_PROPERTY, NICE);
        if (nice <= 0 || !Files.isDirectory(TASKS)) {
            return;
        }
        if (setNice(Math.min(nice, NICE)) > 0) {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> setNice(0), "dlg-jit-priority"));
            } catch (IllegalStateException e) { // the JVM already exits: it gets them back at once
                setNice(0);
            }
        }
    }

    /** Sets the nice value of every C2 compiler thread; returns how many took it. */
    static int setNice(int nice) {
        MethodHandle setpriority;
        try {
            setpriority = setpriority();
        } catch (RuntimeException e) { // no such function, or native access denied: leave the priorities alone
            return 0;
        }
        int set = 0;
        for (int tid : c2Threads(TASKS)) {
            try {
                if ((int) setpriority.invokeExact(PRIO_PROCESS, tid, nice) == 0) {
                    set++;
                }
            } catch (Throwable e) { // a native call that cannot be made: leave the priorities alone
                return set;
            }
        }
        return set;
    }

    /** The ids of the threads under {@code tasks} (a /proc task directory) that are C2 compilers. */
    static List<Integer> c2Threads(Path tasks) {
        List<Integer> ids = new ArrayList<>();
        try (Stream<Path> all = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) all::iterator) {
                if (isC2(task)) {
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

    static boolean isC2(Path task) {
        try {
            // HotSpot names them "C2 CompilerThread0", ... (cut to 15 characters); C1's are "C1 ..."
            return Files.readString(task.resolve("comm")).startsWith("C2 CompilerThre");
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
