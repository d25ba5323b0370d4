package dlg.core.python;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** What the tests' python3 has: they skip, saying why, when it lacks what they need. */
public final class Pythons {

    private static final boolean PYTHON = has(null);
    /** python3 on the PATH, else Debian's (which has python3-dill when installed), that has dill. */
    private static final String DILL = PYTHON ? withModule("dill") : null;
    private static final boolean NUMPY = PYTHON && has("numpy");

    private Pythons() {
    }

    public static void assumePython() {
        assumeTrue(PYTHON, "no python3 on the PATH: Python component tests skipped");
    }

    /** @return an interpreter that has dill */
    public static String assumeDill() {
        assumePython();
        assumeTrue(DILL != null, "python3 has no dill module (apt install python3-dill): test skipped");
        return DILL;
    }

    public static void assumeNumpy() {
        assumePython();
        assumeTrue(NUMPY, "python3 has no numpy module (apt install python3-numpy): test skipped");
    }

    /** Runs {@code python3 -c code} and returns its stdout. */
    public static String run(String code) throws IOException, InterruptedException {
        return run("python3", code);
    }

    public static String run(String python, String code) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(python, "-c", code).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(python + " -c failed: " + code);
        }
        return out;
    }

    private static String withModule(String module) {
        for (String python : new String[] {"python3", "/usr/bin/python3"}) {
            if (has(python, module)) {
                return python;
            }
        }
        return null;
    }

    private static boolean has(String module) {
        return has("python3", module);
    }

    private static boolean has(String python, String module) {
        try {
            run(python, module == null ? "pass" : "import " + module);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
