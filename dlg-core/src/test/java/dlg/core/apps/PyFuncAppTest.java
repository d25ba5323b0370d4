package dlg.core.apps;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dlg.core.codec.Pickles;
import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidGraphException;
import dlg.core.python.Pythons;
import dlg.core.runtime.ExecutionOptions;
import dlg.core.runtime.Graph;
import dlg.core.runtime.TestRun;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PyFuncAppTest {

    static final String PYFUNC = "dlg.apps.pyfunc.PyFuncApp";

    @TempDir
    Path dir;

    @BeforeEach
    void needsPython() {
        Pythons.assumePython();
    }

    private TestRun run(Graph g) {
        return TestRun.builder().options(new ExecutionOptions(false, false)).deploy(dir, g);
    }

    private static byte[] data(TestRun run, String oid) throws IOException {
        return run.execution.data(run.spec.indexOf(oid)).orElseThrow().readAll();
    }

    private static String text(TestRun run, String oid) throws IOException {
        return new String(data(run, oid), StandardCharsets.UTF_8);
    }

    private static Graph.Node source(Graph g, String oid, String code, String name) {
        return g.app(oid, PYFUNC).param("func_name", name).param("func_code", code);
    }

    private static Map<String, Object> positional(Object value) {
        Map<String, Object> a = new HashMap<>();
        a.put("value", value);
        a.put("usage", "NoPort");
        a.put("positional", true);
        a.put("precious", false);
        return a;
    }

    @Test
    void run_sourceFunction_inputPortAndArgumentGiveTheResultAsAPickle() throws Exception {
        Graph g = new Graph();
        g.memory("A").param("pydata", 3).consumers("F");
        source(g, "F", "def mul(a, b=2):\n    return a * b", "mul").input("A", "a").arg("b", 5).outputs("O");
        g.memory("O");
        try (TestRun run = run(g)) {
            assertThat(run.runToEnd()).as(run.describeStates()).isEqualTo(SessionState.FINISHED);
            assertThat(Pickles.loads(data(run, "O"))).isEqualTo(15);
        }
    }

    @Test
    void run_importPath_callsTheModulesFunctionWithEncodedPorts() throws Exception {
        Graph g = new Graph();
        g.memory("A").param("pydata", "[1, 2, 3, 6]").consumers("F");
        g.app("F", PYFUNC).param("func_name", "statistics.mean")
                .input("A", "data").arg("data", "", "InputPort", "json", null)
                .output("O", "out").arg("out", "", "OutputPort", "json", null);
        g.memory("O");
        try (TestRun run = run(g)) {
            assertThat(run.runToEnd()).as(run.describeStates()).isEqualTo(SessionState.FINISHED);
            assertThat(text(run, "O")).isEqualTo("3");
        }
    }

    @Test
    void run_daliugeSimpleFunction_isOursWhenDaliugeIsNotInstalled() throws Exception {
        Graph g = new Graph();
        g.app("F", PYFUNC).param("func_name", "dlg.apps.simple_functions.getMax")
                .arg("v1", 0.5).arg("v2", 0.6).outputs("O");
        g.memory("O");
        try (TestRun run = run(g)) {
            assertThat(run.runToEnd()).as(run.describeStates()).isEqualTo(SessionState.FINISHED);
            assertThat(Pickles.loads(data(run, "O"))).isEqualTo(0.6);
        }
    }

    @Test
    void run_everyArgumentKind_mappedAsDaliugeDoes() throws Exception {
        Graph g = new Graph();
        g.memory("A").param("pydata", "from a port").consumers("F");
        source(g, "F", "def f(a, /, b, *args, c, d='dflt', **kw):\n    return [a, b, list(args), c, d, sorted(kw.items())]",
                "f").input("A", "b").arg("b", "", "InputPort", "utf-8", null)
                .arg("a", "A").arg("c", "C").arg("extra1", positional("P1")).arg("x", "X")
                .output("O", "o").arg("o", "", "OutputPort", "json", null);
        g.memory("O");
        try (TestRun run = run(g)) {
            assertThat(run.runToEnd()).as(run.describeStates()).isEqualTo(SessionState.FINISHED);
            assertThat(text(run, "O")).isEqualTo("[\"A\", \"from a port\", [\"P1\"], \"C\", \"dflt\", [[\"o\", \"\"], [\"x\", \"X\"]]]");
        }
    }

    @Test
    void run_inputWithoutPortName_fillsTheFirstPositionalParameterWithoutAValue() throws Exception {
        Graph g = new Graph();
        g.memory("A").param("pydata", "'sub/dir'").consumers("F");
        g.app("F", PYFUNC).param("func_name", "posixpath.join").arg("pickle", false).inputs("A")
                .output("O", "o").arg("o", "", "OutputPort", "utf-8", null);
        g.memory("O");
        try (TestRun run = run(g)) {
            assertThat(run.runToEnd()).as(run.describeStates()).isEqualTo(SessionState.FINISHED);
            assertThat(text(run, "O")).isEqualTo("sub/dir");
        }
    }

    @Test
    void run_funcArgMapping_namesTheParameterEachInputGoesTo() throws Exception {
        Graph g = new Graph();
        g.memory("X").param("pydata", 3).consumers("F");
        g.memory("Y").param("pydata", 4).consumers("F");
        source(g, "F", "def f(a, b):\n    return [a, b]", "f").input("X", "a").input("Y", "b")
                .param("func_arg_mapping", "{'a': 'Y', 'b': 'X'}")
                .output("O", "o").arg("o", "", "OutputPort", "json", null);
        g.memory("O");
        try (TestRun run = run(g)) {
            assertThat(run.runToEnd()).as(run.describeStates()).isEqualTo(SessionState.FINISHED);
            assertThat(text(run, "O")).isEqualTo("[4, 3]");
        }
    }

    @Test
    void run_funcDefaults_underArgumentsAndPorts() throws Exception {
        Graph g = new Graph();
        source(g, "F", "def f(a=1, b=1, c=1):\n    return [a, b, c]", "f")
                .param("func_defaults", Map.of("a", 4, "b", 4)).arg("b", 9)
                .output("O", "o").arg("o", "", "OutputPort", "json", null);
        g.memory("O");
        try (TestRun run = run(g)) {
            assertThat(run.runToEnd()).as(run.describeStates()).isEqualTo(SessionState.FINISHED);
            assertThat(text(run, "O")).isEqualTo("[4, 9, 1]");
        }
    }

    @Test
    void run_pythonException_failsTheAppWithTypeMessageAndTraceback() {
        Graph g = new Graph();
        source(g, "F", "def f():\n    raise ValueError('no good')", "f").outputs("O");
        g.memory("O");
        try (TestRun run = run(g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);
            assertThat(run.exec("F")).isEqualTo(AppState.ERROR);
            assertThat(run.status("F").error()).startsWith("ValueError: no good\nTraceback (most recent call last):")
                    .contains("raise ValueError('no good')");
        }
    }

    @Test
    void deploy_unimportableFunction_isRefusedNamingTheDropAndWhy() {
        Graph g = new Graph();
        g.app("F", PYFUNC).param("func_name", "no_such_module.f").outputs("O");
        g.memory("O");
        g.app("G", PYFUNC).param("func_name", "g").param("func_code", "def h():\n    pass").outputs("P");
        g.memory("P");
        g.app("H", PYFUNC).param("func_name", "math.sqrt").outputs("Q");
        g.memory("Q");
        g.app("I", PYFUNC).param("func_name", "f").param("func_code", "def f(:").outputs("R");
        g.memory("R");

        assertThatThrownBy(() -> run(g)).isInstanceOf(InvalidGraphException.class)
                .satisfies(e -> assertThat(((InvalidGraphException) e).problems()).hasSize(3).contains(
                        new GraphProblem("F", "the Python function 'no_such_module.f' cannot be loaded with python3:"
                                + " ImportError: cannot import no_such_module.f: No module named 'no_such_module'"),
                        new GraphProblem("G", "the Python function 'g' (from func_code) cannot be loaded with python3:"
                                + " ImportError: func_code does not define a function named 'g'")))
                .satisfies(e -> assertThat(((InvalidGraphException) e).problems()).filteredOn(p -> p.oid().equals("I"))
                        .singleElement().extracting(GraphProblem::message).asString()
                        .startsWith("the Python function 'f' (from func_code) cannot be loaded with python3:"
                                + " ImportError: func_code is neither Python source (SyntaxError: ")
                        .endsWith(") nor base64 of a dill-serialised function"));
    }

    @Test
    void run_workerCrashes_failsOnlyThatAppAndTheNextCallGetsANewWorker() throws Exception {
        Graph g = new Graph();
        source(g, "C", "import os\ndef f():\n    os._exit(9)", "f").outputs("X");
        g.memory("X").consumers("F");
        g.app("F", PYFUNC).param("func_name", "os.getpid").outputs("O");
        g.memory("O");
        source(g, "G", "def f():\n    return 'fine'", "f").output("P", "p").arg("p", "", "OutputPort", "utf-8", null);
        g.memory("P");
        try (TestRun run = run(g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);
            assertThat(run.status("C").error()).contains("died during the call (exit code 9)");
            assertThat(run.state("P")).isEqualTo(DropState.COMPLETED);
            assertThat(text(run, "P")).isEqualTo("fine");
        }
    }

    @Test
    void cancel_duringALongCall_killsItsWorker() throws Exception {
        Graph g = new Graph();
        source(g, "F", "import os, time\ndef f():\n    print(os.getpid(), flush=True)\n    time.sleep(600)", "f")
                .outputs("O");
        g.memory("O");
        try (TestRun run = run(g)) {
            run.trigger();
            await().atMost(Duration.ofSeconds(20)).until(() -> run.exec("F") == AppState.RUNNING
                    && run.engine.python().size() == 1);
            var workers = ProcessHandle.current().descendants().filter(p -> p.info().commandLine()
                    .orElse("").contains("dlg_worker.py")).toList();

            run.execution.cancel();

            assertThat(run.execution.outcome().get(10, SECONDS)).isEqualTo(SessionState.CANCELLED);
            assertThat(run.exec("F")).isEqualTo(AppState.CANCELLED);
            workers.forEach(w -> w.onExit().join());
            assertThat(run.engine.python().size()).isZero();
        }
    }

    @Test
    void timeout_callRunsPastIt_workerKilledAndTheRetryRunsOnAFreshOne() throws Exception {
        Path flag = dir.resolve("first-attempt");
        Graph g = new Graph();
        source(g, "F", "import os, time\ndef f():\n    if not os.path.exists(" + pyString(flag) + "):\n"
                + "        open(" + pyString(flag) + ", 'w').close()\n        time.sleep(600)\n    return 7", "f")
                .param("timeout", 1).param("n_tries", 2).output("O", "o").arg("o", "", "OutputPort", "pickle", null);
        g.memory("O");
        try (TestRun run = run(g)) {
            assertThat(run.runToEnd()).as(run.describeStates()).isEqualTo(SessionState.FINISHED);

            assertThat(Files.exists(flag)).isTrue();
            assertThat(Pickles.loads(data(run, "O"))).isEqualTo(7);
        }
    }

    @Test
    void timeout_everyCallRunsPastIt_failsTimedOut() {
        Graph g = new Graph();
        source(g, "F", "import time\ndef f():\n    time.sleep(600)", "f").param("timeout", 0.5);
        try (TestRun run = run(g)) {
            assertThat(run.runToEnd()).as(run.describeStates()).isEqualTo(SessionState.FAILED);
            assertThat(run.status("F").error()).isEqualTo("timed out after 0.5 s");
        }
    }

    private static String pyString(Path p) {
        return "'" + p.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void run_javaAppReadsAPythonResult_andPythonReadsAJavaResult() throws Exception {
        Graph g = new Graph();
        source(g, "F", "def f():\n    return {'k': [1, 2]}", "f").output("O", "o").arg("o", "", "OutputPort", "pickle", null);
        g.memory("O").consumers("C");
        g.app("C", Graph.COPY).outputs("P");
        g.memory("P").consumers("H");
        source(g, "H", "def g(v):\n    return repr(v)", "g").input("P", "v").arg("v", "", "InputPort", "pickle", null)
                .output("Q", "q").arg("q", "", "OutputPort", "utf-8", null);
        g.memory("Q");
        g.app("J", Graph.HELLO).param("greet", "there").outputs("R");
        g.memory("R").consumers("U");
        source(g, "U", "def up(s):\n    return s.upper()", "up").input("R", "s").arg("s", "", "InputPort", "utf-8", null)
                .output("S", "t").arg("t", "", "OutputPort", "utf-8", null);
        g.memory("S");
        try (TestRun run = run(g)) {
            assertThat(run.runToEnd()).as(run.describeStates()).isEqualTo(SessionState.FINISHED);
            assertThat(Pickles.loads(data(run, "P"))).isEqualTo(Map.of("k", List.of(1, 2)));
            assertThat(text(run, "Q")).isEqualTo("{'k': [1, 2]}");
            assertThat(text(run, "S")).isEqualTo("HELLO THERE");
        }
    }

    @Test
    void run_pathEncodedOutputArgument_functionWritesThatFile() throws Exception {
        Graph g = new Graph();
        source(g, "F", "def w(filepath, content='hi'):\n    open(filepath, 'w').write(content)\n    return 'done'", "w")
                .output("File", "filepath").arg("filepath", "", "InputOutput", "path", null)
                .output("O", "o").arg("o", "", "OutputPort", "utf-8", null);
        g.file("File").param("filepath", "w.txt");
        g.memory("O");
        try (TestRun run = run(g)) {
            assertThat(run.runToEnd()).as(run.describeStates()).isEqualTo(SessionState.FINISHED);
            assertThat(Files.readString(dir.resolve("w.txt"))).isEqualTo("hi");
            assertThat(text(run, "O")).isEqualTo("done");
        }
    }

    @Test
    void run_npyBetweenTwoPythonComponents_isANumpyArray() throws Exception {
        Pythons.assumeNumpy();
        Graph g = new Graph();
        source(g, "A", "import numpy\ndef make():\n    return numpy.arange(6).reshape(2, 3)", "make")
                .output("X", "x").arg("x", "", "OutputPort", "npy", null);
        g.memory("X").consumers("B");
        source(g, "B", "def total(x):\n    return [type(x).__name__, list(x.shape), int(x.sum())]", "total")
                .input("X", "x").arg("x", "", "InputPort", "npy", null)
                .output("O", "o").arg("o", "", "OutputPort", "json", null);
        g.memory("O");
        try (TestRun run = run(g)) {
            assertThat(run.runToEnd()).as(run.describeStates()).isEqualTo(SessionState.FINISHED);
            assertThat(data(run, "X")).startsWith((byte) 0x93, (byte) 'N', (byte) 'U', (byte) 'M', (byte) 'P', (byte) 'Y');
            assertThat(text(run, "O")).isEqualTo("[\"ndarray\", [2, 3], 15]");
        }
    }

    @Test
    void run_200MegabyteArrayBetweenTwoPythonComponents_arrivesWhole() throws Exception {
        Pythons.assumeNumpy();
        Graph g = new Graph();
        source(g, "A", "import numpy\ndef make():\n    return numpy.ones(25_000_000)", "make")
                .output("X", "x").arg("x", "", "OutputPort", "npy", null);
        g.memory("X").consumers("B");
        // B also says which files in shared memory hold A's value while it runs
        source(g, "B", "import glob, os\ndef total(x):\n    held = glob.glob('/dev/shm/dlg_s1_A_0.value')\n"
                + "    return [x.nbytes, float(x.sum()), [os.path.getsize(f) for f in held]]", "total")
                .input("X", "x").arg("x", "", "InputPort", "npy", null)
                .output("O", "o").arg("o", "", "OutputPort", "json", null);
        g.memory("O");
        try (TestRun run = run(g)) {
            assertThat(run.runToEnd()).as(run.describeStates()).isEqualTo(SessionState.FINISHED);
            if (roomInSharedMemory(400L << 20)) { // the value went through shared memory, not the pipes
                assertThat(text(run, "O")).isEqualTo("[200000000, 25000000.0, [200000128]]");
            } else {
                assertThat(text(run, "O")).startsWith("[200000000, 25000000.0, ");
            }
        }
        assertThat(Path.of("/dev/shm/dlg_s1_A_0.value")).doesNotExist();
    }

    @Test
    void run_largeValuesInSharedMemory_readByJavaAppsAndPythonComponentsInEveryEncoding() throws Exception {
        Graph g = new Graph(); // 3 MB values: over the size that goes through shared memory
        source(g, "F", "def f():\n    return 'x' * 3_000_000", "f").output("O", "o");
        g.memory("O").consumers("C", "L");
        g.app("C", Graph.COPY).outputs("P"); // Java reads the adopted file and writes to the heap
        g.memory("P").consumers("H");
        source(g, "H", "def g(v):\n    return len(v)", "g").input("P", "v").output("Q", "q");
        g.memory("Q");
        source(g, "L", "def h(v):\n    return v[:2] + str(len(v))", "h").input("O", "v")
                .output("T", "t").arg("t", "", "OutputPort", "utf-8", null);
        g.memory("T");
        source(g, "U", "def u():\n    return 'y' * 2_000_000", "u").output("V", "v").arg("v", "", "OutputPort", "utf-8", null);
        g.memory("V").consumers("W");
        source(g, "W", "def w(s):\n    return s.count('y')", "w").input("V", "s").arg("s", "", "InputPort", "utf-8", null)
                .output("X", "x").arg("x", "", "OutputPort", "json", null);
        g.memory("X");
        try (TestRun run = run(g)) {
            assertThat(run.runToEnd()).as(run.describeStates()).isEqualTo(SessionState.FINISHED);
            assertThat(Pickles.loads(data(run, "Q"))).isEqualTo(3_000_000);
            assertThat(text(run, "T")).isEqualTo("xx3000000");
            assertThat(text(run, "X")).isEqualTo("2000000");
            assertThat(((String) Pickles.loads(data(run, "O")))).hasSize(3_000_000);
        }
        try (var left = Files.list(Path.of("/dev/shm"))) {
            assertThat(left.map(Path::getFileName).map(Path::toString).filter(n -> n.startsWith("dlg_s1_")))
                    .as("no value outlives its session in shared memory").isEmpty();
        }
    }

    private static boolean roomInSharedMemory(long bytes) throws IOException {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.getFileStore(shm).getUsableSpace() > bytes;
    }

    @Test
    void run_dillSerialisedCode_isTheFunction() throws Exception {
        String python = Pythons.assumeDill();
        String code = Pythons.run(python, "import base64, dill\ndef triple(x=2):\n    return 3 * x\n"
                + "print(base64.b64encode(dill.dumps(triple)).decode())");
        Graph g = new Graph();
        g.app("F", PYFUNC).param("func_name", "triple").param("func_code", code).arg("x", 7).outputs("O");
        g.memory("O");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("DLG_PYTHON", python);
        try (TestRun run = TestRun.builder().env(env).options(new ExecutionOptions(false, false)).deploy(dir, g)) {
            assertThat(run.runToEnd()).as(run.describeStates()).isEqualTo(SessionState.FINISHED);
            assertThat(Pickles.loads(data(run, "O"))).isEqualTo(21);
        }
    }

    @Test
    void run_textEncodings_readAndWrittenAsDaliugeDoes() throws Exception {
        Graph g = new Graph();
        g.memory("E").param("pydata", "{'a': (1, 2)}").consumers("F");
        g.memory("B").param("pydata", "aGVsbG8=").consumers("F");
        g.memory("P").param("pydata", 5).consumers("F");
        g.memory("U").consumers("F");
        source(g, "F", "def f(e, b, p, u):\n    return [e, b, p, u]", "f")
                .input("E", "e").arg("e", "", "InputPort", "eval", null)
                .input("B", "b").arg("b", "", "InputPort", "base64", null)
                .input("P", "p").arg("p", "", "InputPort", "pickle", null)
                .input("U", "u").arg("u", "", "InputPort", "dataurl", null)
                .output("O1", "o1").arg("o1", "", "OutputPort", "eval", null)
                .output("O2", "o2").arg("o2", "", "OutputPort", "base64", null)
                .output("O3", "o3").arg("o3", "", "OutputPort", "pickle", null);
        g.memory("O1");
        g.memory("O2");
        g.memory("O3");
        try (TestRun run = run(g)) {
            assertThat(run.runToEnd()).as(run.describeStates()).isEqualTo(SessionState.FINISHED);
            String url = run.execution.data(run.spec.indexOf("U")).orElseThrow().dataUrl();
            assertThat(text(run, "O1")).isEqualTo("[{'a': (1, 2)}, b'hello', 5, '" + url + "']");
            assertThat(Pickles.loads(data(run, "O3"))).asList().hasSize(4).contains(5, url);
            // a value that is not bytes is pickled before its base64
            assertThat(java.util.Base64.getDecoder().decode(data(run, "O2"))).isEqualTo(data(run, "O3"));
        }
    }

    @Test
    void run_pathEncodedInput_isTheFilesPath() throws Exception {
        Files.writeString(dir.resolve("in.txt"), "file content");
        Graph g = new Graph();
        g.file("I").param("filepath", "in.txt").consumers("F");
        source(g, "F", "def f(p):\n    return [p, open(p).read()]", "f")
                .input("I", "p").arg("p", "", "InputPort", "path", null)
                .output("O", "o").arg("o", "", "OutputPort", "json", null);
        g.memory("O");
        try (TestRun run = TestRun.builder().options(new ExecutionOptions(false, false)).deploy(dir, g)) {
            assertThat(run.runToEnd()).as(run.describeStates()).isEqualTo(SessionState.FINISHED);
            assertThat(text(run, "O")).isEqualTo("[\"" + dir.resolve("in.txt") + "\", \"file content\"]");
        }
    }

    @Test
    void run_functionPrints_linesGoToTheDropsLog() {
        var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(PyFuncApp.class);
        var logs = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        logs.start();
        logger.addAppender(logs);
        try {
            Graph g = new Graph();
            source(g, "F", "import sys\ndef f():\n    print('to stdout')\n    print('to stderr', file=sys.stderr)", "f")
                    .outputs("O");
            g.memory("O");
            try (TestRun run = run(g)) {
                assertThat(run.runToEnd()).as(run.describeStates()).isEqualTo(SessionState.FINISHED);
            }
            assertThat(logs.list).filteredOn(e -> "F".equals(e.getMDCPropertyMap().get("oid"))
                            && "s1".equals(e.getMDCPropertyMap().get("sessionId")))
                    .extracting(e -> e.getFormattedMessage()).contains("to stdout", "to stderr");
        } finally {
            logger.detachAppender(logs);
        }
    }

    @Test
    void deploy_noPythonInterpreter_isRefusedNamingIt() {
        Graph g = new Graph();
        source(g, "F", "def f():\n    return 1", "f").outputs("O");
        g.memory("O");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("DLG_PYTHON", "/nonexistent/python");

        assertThatThrownBy(() -> TestRun.builder().env(env).deploy(dir, g)).isInstanceOf(InvalidGraphException.class)
                .satisfies(e -> assertThat(((InvalidGraphException) e).problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.oid()).isEqualTo("F");
                            assertThat(p.message()).startsWith("cannot start the Python interpreter '/nonexistent/python'");
                        }));
    }
}
