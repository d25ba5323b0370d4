package dlg.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dlg.core.error.InvalidGraphException;
import dlg.core.graph.GraphReader;
import dlg.core.graph.ParsedGraph;
import dlg.core.runtime.DropListener;
import dlg.core.runtime.DropStatus;
import dlg.core.runtime.Engine;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs DALiuGE's own test graphs (ICRAR/EAGLE_test_repo, kept outside the project in the folder
 * named by the system property {@code dlg.daliuge.graphs}) through a {@link Session}, with the
 * roots the Python client would send ({@code GraphSpec.roots()}), and checks the outcomes the
 * folder's README asks for. Graphs are edited in memory only. Skipped when the folder is absent.
 */
class DaliugeGraphsIT {

    private static final Duration END = Duration.ofSeconds(60);
    private static final String HELLO_FILE_OID = "2022-03-24T11:40:15_-2_0";
    private static final Set<String> PYTHON_GRAPHS = Set.of("appTestPG_namedPorts.graph", "string2jsonPG.graph",
            "Filepath_test_side_effectPG.graph", "HelloWorld_universePG.graph", "funcTestPG.graph");
    /** Files with a test of their own; anything else in the folder gets the generic one. */
    private static final Set<String> KNOWN = Set.of("README.md", "HelloWorld_simplePG.graph",
            "SLURM_HelloWorld_simplePG.graph", "ArrayLoopPG.graph", "ddExamplePG.graph",
            "ddExample_mixedPortsPG.graph", "ddTest.graph", "complex.js", "application_args.graph",
            "appTestPG_namedPorts.graph", "string2jsonPG.graph", "Filepath_test_side_effectPG.graph",
            "HelloWorld_universePG.graph", "funcTestPG.graph");

    private Path graphs;

    @TempDir
    Path workspace;

    private Engine engine;
    private final List<Session> sessions = new ArrayList<>();

    /** Per test rather than per class, so that each test is reported skipped with the reason. */
    @BeforeEach
    void findGraphsAndStartEngine() {
        String dir = System.getProperty("dlg.daliuge.graphs");
        assumeTrue(dir != null && !dir.isBlank(),
                "system property dlg.daliuge.graphs is not set: skipping the DALiuGE graph tests");
        graphs = Path.of(dir);
        assumeTrue(Files.isDirectory(graphs),
                "DALiuGE graphs folder " + graphs.toAbsolutePath().normalize()
                        + " is absent: skipping the DALiuGE graph tests");
        engine = Engine.create(2);
    }

    @AfterEach
    void stopEngine() {
        for (Session s : sessions) { // a failed test must not leave listeners or sleepers behind
            if (s.state() == SessionState.RUNNING) {
                s.cancel();
            }
        }
        if (engine != null) {
            engine.close();
        }
    }

    // ---- Helpers ----

    private Session session(String id, String json) throws IOException {
        Session s = new Session(id, Files.createDirectories(workspace.resolve(id)), engine, DropListener.NONE);
        sessions.add(s);
        s.addGraphSpec(GraphReader.read(json));
        return s;
    }

    /** Appends the graph and deploys it with the roots a DALiuGE client would compute. */
    private Session run(String id, String json) throws IOException {
        Session s = session(id, json);
        s.deploy(s.graph().roots());
        return s;
    }

    private String file(String name) throws IOException {
        return Files.readString(graphs.resolve(name));
    }

    private static List<DropStatus> statuses(Session s) {
        List<DropStatus> all = new ArrayList<>();
        s.execution().orElseThrow().forEachStatus(all::add);
        return all;
    }

    /** The single regular file the session wrote in its directory. */
    private static Path onlyFileIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all).as("files in the session directory").hasSize(1);
            return all.getFirst();
        }
    }

    private static String sorted(byte[] bytes) {
        byte[] copy = bytes.clone();
        Arrays.sort(copy);
        return new String(copy, StandardCharsets.US_ASCII);
    }

    /**
     * Ports free right now, all different: each is held until all are chosen (taking one, closing
     * it and taking the next can give the same port twice).
     */
    private static List<Integer> freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                held.add(new ServerSocket(0));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    private static void send(int port, byte[] data) {
        await("listener on port " + port).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .ignoreExceptions().until(() -> {
                    try (Socket s = new Socket("localhost", port); OutputStream out = s.getOutputStream()) {
                        out.write(data);
                    }
                    return true;
                });
    }

    // ---- HelloWorld_simplePG.graph and its SLURM wrapper ----

    @ParameterizedTest
    @ValueSource(strings = {"HelloWorld_simplePG.graph", "SLURM_HelloWorld_simplePG.graph"})
    void helloWorld_asIs_deployFailsNamingTheDropAndTheMissingFile(String name) throws IOException {
        Session s = session("hello-as-is", file(name));

        assertThatThrownBy(() -> s.deploy(s.graph().roots()))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining(HELLO_FILE_OID)
                .hasMessageContaining("hello.txt");

        assertThat(s.state()).isEqualTo(SessionState.FAILED);
        assertThat(s.ended()).isCompletedWithValue(SessionState.FAILED);
        assertThat(s.failure()).hasValueSatisfying(f -> assertThat(f).contains(HELLO_FILE_OID).contains("hello.txt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HelloWorld_simplePG.graph", "SLURM_HelloWorld_simplePG.graph"})
    void helloWorld_withoutCheckFilepathExists_writesHelloEverybody(String name) throws IOException {
        Object graph = GraphJson.read(graphs.resolve(name));
        assertThat(GraphJson.drop(graph, HELLO_FILE_OID).remove("check_filepath_exists")).isEqualTo("1");

        Session s = run("hello", GraphJson.write(graph));

        assertThat(s.ended()).succeedsWithin(END).isEqualTo(SessionState.FINISHED);
        assertThat(s.dir().resolve("hello.txt")).hasContent("Hello Everybody");
    }

    @Test
    void slurmHelloWorld_wrapper_isUnwrappedWithItsName() throws IOException {
        ParsedGraph parsed = GraphReader.read(file("SLURM_HelloWorld_simplePG.graph"));

        assertThat(parsed.name()).isEqualTo("SLURM_HelloWorld_simplePG.graph");
        assertThat(parsed.drops()).hasSize(2);
        assertThat(parsed.problems()).isEmpty();
    }

    // ---- Graphs that must simply finish ----

    @Test
    void arrayLoop_run_finishesWithEveryDropCompletedOrExpired() throws IOException {
        Session s = run("arrayloop", file("ArrayLoopPG.graph"));

        assertThat(s.ended()).succeedsWithin(END).isEqualTo(SessionState.FINISHED);
        assertThat(statuses(s)).hasSize(17).allSatisfy(d -> assertThat(d.status())
                .as("drop %s", d.oid()).isIn(DropState.COMPLETED, DropState.EXPIRED));
    }

    @Test
    void applicationArgs_argumentsWithoutUsage_finish() throws IOException {
        Session s = run("appargs", file("application_args.graph"));

        assertThat(s.ended()).succeedsWithin(END).isEqualTo(SessionState.FINISHED);
        assertThat(statuses(s)).extracting(DropStatus::error).containsOnlyNulls();
    }

    // ---- dd through BashShellApp ----

    @ParameterizedTest
    @ValueSource(strings = {"ddExamplePG.graph", "ddExample_mixedPortsPG.graph"})
    void ddExample_run_writesCountTimesBlockSizeBytes(String name) throws IOException {
        Session s = run("dd", file(name));

        assertThat(s.ended()).succeedsWithin(END).isEqualTo(SessionState.FINISHED);
        assertThat(onlyFileIn(s.dir())).hasSize(10 * 2048);
    }

    @Test
    void ddTest_legacyPlaceholders_runDdWithItsArguments() throws IOException {
        byte[] input = new byte[20480];
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) (i * 31 + 7);
        }
        Path inputFile = Files.write(Files.createDirectories(workspace.resolve("data")).resolve("input.bin"), input);
        Object graph = GraphJson.read(graphs.resolve("ddTest.graph"));
        GraphJson.appArg(GraphJson.drop(graph, "2022-02-11T08:05:47_-5_0"), "filepath").put("value", inputFile.toString());

        Session s = run("ddtest", GraphJson.write(graph));

        assertThat(s.ended()).succeedsWithin(END).isEqualTo(SessionState.FINISHED);
        // count=10 blocks of bs=1024 from the input file: a bare `dd` would have copied nothing
        assertThat(onlyFileIn(s.dir())).hasBinaryContent(Arrays.copyOf(input, 10 * 1024));
        assertThat(inputFile).hasBinaryContent(input);
    }

    // ---- complex.js: socket listeners ----

    @Test
    void complex_rootsAuto_areTheFiveSocketListeners() throws IOException {
        Session s = session("complex-roots", file("complex.js"));

        assertThat(s.graph().roots()).containsExactly("SL_A", "SL_B", "SL_C", "SL_D", "SL_K");
    }

    @Test
    void complex_tenBytesWrittenToEachListener_finishesWithDataInTheLeaves() throws IOException {
        Object graph = GraphJson.read(graphs.resolve("complex.js"));
        Map<String, Integer> ports = new LinkedHashMap<>();
        List<String> listeners = List.of("SL_A", "SL_B", "SL_C", "SL_D", "SL_K");
        List<Integer> free = freePorts(listeners.size());
        for (String listener : listeners) {
            Map<String, Object> spec = GraphJson.drop(graph, listener);
            assertThat(spec.get("port")).isInstanceOf(Number.class);
            int port = free.get(ports.size());
            spec.put("port", port);
            ports.put(listener, port);
        }
        List<Map<String, Object>> drops = GraphJson.drops(graph);
        for (String leaf : List.of("S", "T")) { // reads the leaves' content once they complete
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("oid", "CHECK_" + leaf);
            check.put("categoryType", "Application");
            check.put("dropclass", SizeRecordingApp.CLASS);
            check.put("inputs", List.of(leaf));
            drops.add(check);
        }
        Session s = run("complex", GraphJson.write(graph));
        assertThat(s.state()).isEqualTo(SessionState.RUNNING);

        ports.forEach((listener, port) -> {
            String letter = listener.substring(3).toLowerCase(java.util.Locale.ROOT);
            send(port, letter.repeat(10).getBytes(StandardCharsets.US_ASCII));
        });

        assertThat(s.ended()).succeedsWithin(END).isEqualTo(SessionState.FINISHED);
        // S = copy of N = J = B + G + H = B + A + C + D; T = O + P = J + (J + K)
        assertThat(sorted(SizeRecordingApp.recorded("complex", "S")))
                .isEqualTo("a".repeat(10) + "b".repeat(10) + "c".repeat(10) + "d".repeat(10));
        assertThat(sorted(SizeRecordingApp.recorded("complex", "T")))
                .isEqualTo("a".repeat(20) + "b".repeat(20) + "c".repeat(20) + "d".repeat(20) + "k".repeat(10));
    }

    // ---- Python components ----

    /** An engine whose sessions keep their data, so that values can be checked after the run. */
    private Engine keepingEngine() {
        Engine e = new Engine(dlg.core.catalog.DropCatalog.standard(), dlg.core.runtime.Workers.create(2),
                java.time.Clock.systemUTC(), new dlg.core.runtime.ExecutionOptions(false, false), System.getenv());
        pythonEngine = e;
        return e;
    }

    private Engine pythonEngine;

    @AfterEach
    void stopPythonEngine() {
        if (pythonEngine != null) {
            pythonEngine.close();
        }
    }

    private Session runKeeping(String id, String json) throws IOException {
        Session s = new Session(id, Files.createDirectories(workspace.resolve(id)), keepingEngine(), DropListener.NONE);
        sessions.add(s);
        s.addGraphSpec(GraphReader.read(json));
        s.deploy(s.graph().roots());
        return s;
    }

    private static byte[] content(Session s, String oid) throws IOException {
        var execution = s.execution().orElseThrow();
        return execution.data(s.graph().indexOf(oid)).orElseThrow().readAll();
    }

    private static void assumePython() {
        boolean python;
        try {
            python = new ProcessBuilder("python3", "-c", "pass").start().waitFor() == 0;
        } catch (IOException e) {
            python = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            python = false;
        }
        assumeTrue(python, "no python3 on the PATH: skipping the DALiuGE Python graph tests");
    }

    @Test
    void string2json_run_finishesWithTheEmptyStringItsFunctionReturns() throws IOException {
        assumePython();
        Session s = runKeeping("s2j", file("string2jsonPG.graph"));

        assertThat(s.ended()).succeedsWithin(END).isEqualTo(SessionState.FINISHED);
        // string2json(None) parses '""': the empty string, dill-encoded (a pickle)
        assertThat(dlg.core.codec.Pickles.loads(content(s, "1_2c1523a4-fd61-4a25-9a2a-1fa43683191e_0"))).isEqualTo("");
    }

    @Test
    void appTestNamedPorts_run_finishesWithGetMaxSleepingBothSleepApps() throws IOException {
        assumePython();
        Session s = runKeeping("named", file("appTestPG_namedPorts.graph"));

        assertThat(s.ended()).succeedsWithin(END).isEqualTo(SessionState.FINISHED);
        // getMax(v1=0.5, v2=0.6) written to both outputs, which the SleepApps read as sleep_time
        assertThat(dlg.core.codec.Pickles.loads(content(s, "2023-07-04T00:13:32_-2_0"))).isEqualTo(0.6);
        assertThat(dlg.core.codec.Pickles.loads(content(s, "2023-07-04T00:13:32_-4_0"))).isEqualTo(0.6);
        assertThat(statuses(s)).allSatisfy(st -> assertThat(st.status()).isEqualTo(DropState.COMPLETED));
    }

    @Test
    void filepathSideEffect_run_functionWritesTheFileThatCopyAppCopies() throws IOException {
        assumePython();
        Session s = runKeeping("side", file("Filepath_test_side_effectPG.graph"));

        assertThat(s.ended()).succeedsWithin(END).isEqualTo(SessionState.FINISHED);
        Path dir = workspace.resolve("side");
        assertThat(Files.readString(dir.resolve("hello2.txt"))).isEqualTo("Hello Ryan");
        assertThat(dlg.core.codec.Pickles.loads(Files.readAllBytes(dir.resolve("output.txt"))))
                .isEqualTo("Hello from write_file");
    }

    /** DALiuGE v6.7.0 fails both inside PyFuncApp; unnamed inputs and string2json's list let them finish here. */
    @ParameterizedTest
    @ValueSource(strings = {"HelloWorld_universePG.graph", "funcTestPG.graph"})
    void pythonGraphsDaliugeFails_run_finish(String name) throws IOException {
        assumePython();
        assertThat(PYTHON_GRAPHS).contains(name);
        Session s = runKeeping("py", file(name));

        assertThat(s.ended()).succeedsWithin(END).isEqualTo(SessionState.FINISHED);
        assertThat(statuses(s)).allSatisfy(st -> assertThat(st.error()).isNull());
    }

    // ---- Anything else in the folder ----

    @TestFactory
    Stream<DynamicTest> otherFiles_loadedAndRun_doNotHang() throws IOException {
        List<Path> others;
        try (Stream<Path> files = Files.list(graphs)) {
            others = files.filter(Files::isRegularFile)
                    .filter(f -> !KNOWN.contains(f.getFileName().toString())).sorted().toList();
        }
        return others.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> runBounded(f)));
    }

    /** Loads a graph; if it is valid, runs it, cancelling it if it has not ended within a minute. */
    private void runBounded(Path file) throws IOException {
        String id = "other-" + sessions.size();
        Session s = new Session(id, Files.createDirectories(workspace.resolve(id)), engine, DropListener.NONE);
        sessions.add(s);
        try {
            s.addGraphSpec(GraphReader.read(Files.readString(file)));
            s.deploy(s.graph().roots());
        } catch (InvalidGraphException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        try {
            s.ended().get(END.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            s.cancel();
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e);
        }
        assertThat(s.ended()).succeedsWithin(Duration.ofSeconds(10));
    }
}
