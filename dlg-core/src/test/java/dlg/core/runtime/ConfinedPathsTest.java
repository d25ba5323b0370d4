package dlg.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dlg.core.catalog.DropCatalog;
import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidGraphException;
import dlg.core.graph.GraphReader;
import dlg.core.graph.GraphSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File paths confined to the session directory: checked when a graph is appended, and again at deploy. */
class ConfinedPathsTest {

    private static final ExecutionOptions CONFINED = new ExecutionOptions(true, true);

    @TempDir
    Path tmp;

    private Path session;
    private Path outside;
    private Engine engine;

    @BeforeEach
    void setUp() throws IOException {
        session = Files.createDirectories(tmp.resolve("workspace/s1"));
        outside = Files.createDirectories(tmp.resolve("elsewhere"));
        engine = engine(CONFINED);
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    private Engine engine(ExecutionOptions options) {
        return new Engine(DropCatalog.standard(), Workers.create(1), Clock.systemUTC(), options,
                Map.of("OUT", outside.toString(), "WORK", session.toString()));
    }

    /** One FileDROP with this filepath (none if null). */
    private static String fileDrop(String oid, String filepath) {
        Graph g = new Graph();
        Graph.Node n = g.file(oid);
        if (filepath != null) {
            n.param("filepath", filepath);
        }
        return g.json();
    }

    /** The problems of appending {@code json} to an empty graph of a session in {@code session}. */
    private List<GraphProblem> problems(Engine e, String json) {
        InvalidGraphException x = catchThrowableOfType(InvalidGraphException.class,
                () -> new GraphSpec().append(GraphReader.read(json), e.checker(session)));
        return x == null ? List.of() : x.problems();
    }

    private List<GraphProblem> problems(String json) {
        return problems(engine, json);
    }

    // ---- Inside ----

    @Test
    void checker_relativePathsAndGeneratedNames_areAccepted() {
        assertThat(problems(fileDrop("a", "out.txt"))).isEmpty();
        assertThat(problems(fileDrop("a", "sub/dir/out.txt"))).isEmpty();
        assertThat(problems(fileDrop("a", "results/"))).isEmpty();
        assertThat(problems(fileDrop("a", null))).isEmpty();
        assertThat(problems(fileDrop("a", "{uid}-{auto}"))).isEmpty();
    }

    @Test
    void checker_dotDotStayingInside_isAccepted() {
        assertThat(problems(fileDrop("a", "sub/../out.txt"))).isEmpty();
    }

    @Test
    void checker_absolutePathInsideTheSessionDir_isAccepted() {
        assertThat(problems(fileDrop("a", session.resolve("deep/out.txt").toString()))).isEmpty();
    }

    @Test
    void checker_envVarExpandingInside_isAccepted() {
        assertThat(problems(fileDrop("a", "$WORK/out.txt"))).isEmpty();
    }

    @Test
    void checker_symlinkStayingInside_isAccepted() throws IOException {
        Files.createDirectory(session.resolve("real"));
        Files.createSymbolicLink(session.resolve("alias"), session.resolve("real"));

        assertThat(problems(fileDrop("a", "alias/out.txt"))).isEmpty();
    }

    @Test
    void checker_sessionDirItselfBehindASymlink_isAccepted() throws IOException {
        Path real = Files.createDirectories(tmp.resolve("scratch/s2"));
        Path linked = Files.createSymbolicLink(tmp.resolve("workspace/s2"), real);

        assertThatCode(() -> new GraphSpec().append(GraphReader.read(fileDrop("a", "out.txt")), engine.checker(linked)))
                .doesNotThrowAnyException();
    }

    // ---- Outside ----

    @Test
    void checker_dotDotClimbingOut_isRefusedNamingDropAndPath() {
        List<GraphProblem> p = problems(fileDrop("climber", "../../elsewhere/x.txt"));

        assertThat(p).singleElement().satisfies(problem -> {
            assertThat(problem.oid()).isEqualTo("climber");
            assertThat(problem.message()).contains("'../../elsewhere/x.txt'")
                    .contains(outside.resolve("x.txt").toString())
                    .contains("outside the session directory " + session);
        });
    }

    @Test
    void checker_absolutePathOutside_isRefused() {
        assertThat(problems(fileDrop("abs", "/etc/passwd"))).singleElement()
                .satisfies(p -> assertThat(p.toString()).startsWith("drop 'abs': ").contains("/etc/passwd"));
    }

    @Test
    void checker_siblingDirectorySharingThePrefix_isRefused() {
        // "/.../s1x" starts with the characters of "/.../s1" but is not inside it
        assertThat(problems(fileDrop("a", session + "x/out.txt"))).hasSize(1);
    }

    @Test
    void checker_theSessionDirItself_isRefused() {
        // only a session directory that does not exist yet is not given a generated name in it
        Path notYet = session.resolve("new");

        InvalidGraphException x = catchThrowableOfType(InvalidGraphException.class,
                () -> new GraphSpec().append(GraphReader.read(fileDrop("a", ".")), engine.checker(notYet)));

        assertThat(x.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("outside"));
    }

    @Test
    void checker_envVarExpandingOutside_isRefusedShowingBoth() {
        assertThat(problems(fileDrop("env", "$OUT/x.txt"))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("'$OUT/x.txt'").contains(outside.resolve("x.txt").toString()));
    }

    @Test
    void checker_unsetEnvVar_isRefusedNamingIt() {
        assertThat(problems(fileDrop("env", "$NOPE/x.txt"))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("$NOPE").contains("not set"));
    }

    @Test
    void checker_symlinkedDirectoryLeadingOut_isRefused() throws IOException {
        Files.createSymbolicLink(session.resolve("escape"), outside);

        assertThat(problems(fileDrop("link", "escape/x.txt"))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("symbolic link")
                        .contains(outside.toRealPath().resolve("x.txt").toString()));
    }

    @Test
    void checker_symlinkedFileLeadingOut_isRefused() throws IOException {
        Path target = Files.writeString(outside.resolve("victim.txt"), "keep me");
        Files.createSymbolicLink(session.resolve("x.txt"), target);

        assertThat(problems(fileDrop("link", "x.txt"))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("symbolic link"));
    }

    @Test
    void checker_danglingSymlink_isRefused() throws IOException {
        // writing the drop would create the link's target, wherever that is
        Files.createSymbolicLink(session.resolve("x.txt"), outside.resolve("not-yet.txt"));

        assertThat(problems(fileDrop("link", "x.txt"))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("leads nowhere"));
    }

    @Test
    void checker_everyOffendingDrop_isReportedWithTheGraphsOtherProblems() {
        Graph g = new Graph();
        g.file("a").param("filepath", "/tmp/a.txt");
        g.file("b").param("filepath", "ok.txt");
        g.file("c").param("filepath", "../c.txt");
        g.app("d", "no.such.App");

        assertThat(problems(g.json())).extracting(GraphProblem::oid).containsExactlyInAnyOrder("a", "c", "d");
    }

    @Test
    void checker_filepathOfAMemoryDrop_isIgnored() {
        Graph g = new Graph();
        g.memory("m").param("filepath", "/etc/passwd");

        assertThat(problems(g.json())).isEmpty();
    }

    @Test
    void checker_notConfined_acceptsPathsOutside() {
        try (Engine free = engine(ExecutionOptions.DEFAULT)) {
            assertThat(problems(free, fileDrop("abs", "/etc/passwd"))).isEmpty();
            assertThat(problems(free, fileDrop("up", "../../x.txt"))).isEmpty();
        }
    }

    // ---- At deploy ----

    @Test
    void deploy_pathOutside_isRefusedBeforeAnyDirectoryIsMade() {
        GraphSpec spec = new GraphSpec(); // appended unchecked, as by a caller that skips the session
        spec.append(GraphReader.read(fileDrop("out", outside.resolve("made/x.txt").toString())), DropCatalog.standard());

        InvalidGraphException x = catchThrowableOfType(InvalidGraphException.class,
                () -> engine.deploy("s1", session, spec, DropListener.NONE));

        assertThat(x.problems()).singleElement().satisfies(p -> assertThat(p.oid()).isEqualTo("out"));
        assertThat(outside.resolve("made")).doesNotExist();
    }

    @Test
    void deploy_linkMadeAfterTheAppend_isRefused() throws IOException {
        GraphSpec spec = new GraphSpec();
        spec.append(GraphReader.read(fileDrop("late", "later/x.txt")), engine.checker(session));
        Files.createSymbolicLink(session.resolve("later"), outside);

        InvalidGraphException x = catchThrowableOfType(InvalidGraphException.class,
                () -> engine.deploy("s1", session, spec, DropListener.NONE));

        assertThat(x.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("symbolic link"));
    }

    @Test
    void deploy_pathInside_runs() {
        try (TestRun run = TestRun.builder().options(CONFINED).deploy(session, fileDrop("in", "sub/x.txt"))) {
            run.runToEnd();

            assertThat(session.resolve("sub/x.txt")).exists();
        }
    }
}
