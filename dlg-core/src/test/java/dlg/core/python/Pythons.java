package dlg.core.python;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** What the tests' python3 has: they skip, saying why, when it lacks what they need. */
public final class Pythons {

    private static final boolean PYTHON = has(null);
    private static final boolean DILL = PYTHON && has("dill");
    private static final boolean NUMPY = PYTHON && has("numpy");

    private Pythons() {
    }

    public static void assumePython() {
        assumeTrue(PYTHON, "no python3 on the PATH: Python component tests skipped");
    }

    public static void assumeDill() {
        assumePython();
        assumeTrue(DILL, "python3 has no dill module (apt install python3-dill): test skipped");
    }

    public static void assumeNumpy() {
        assumePython();
        assumeTrue(NUMPY, "python3 has no numpy module (apt install python3-numpy): test skipped");
    }

    /** Runs {@code python3 -c code} and returns its stdout. */
    public static String run(String code) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", code).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("python3 -c failed: " + code);
        }
        return out;
    }

    private static boolean has(String module) {
        try {
            run(module == null ? "pass" : "import " + module);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
