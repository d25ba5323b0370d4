package dlg.core.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.codec.NdArray;
import dlg.core.codec.Npy;
import dlg.core.codec.Pickles;
import dlg.core.runtime.Graph;
import dlg.core.runtime.TestRun;
import dlg.core.state.SessionState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenericNpyGatherAppTest {

    /** {@code pickle.dumps(numpy.arange(3))}: a real numpy array, which dlg cannot unpickle. */
    private static final String NUMPY_PICKLE = "gASVoQAAAAAAAACMFm51bXB5Ll9jb3JlLm11bHRpYXJyYXmUjAxfcmVjb25zdHJ1Y3SUk5SMBW51"
            + "bXB5lIwHbmRhcnJheZSTlEsAhZRDAWKUh5RSlChLAUsDhZRoA4wFZHR5cGWUk5SMAmk4lImIh5RSlChLA4wBPJROTk5K/////0r/"
            + "////SwB0lGKJQxgAAAAAAAAAAAEAAAAAAAAAAgAAAAAAAACUdJRiLg==";

    @TempDir
    Path dir;

    private static TestingDataDrop pickled(String oid, Object value) {
        return TestingDataDrop.of(oid, Pickles.dumps(value));
    }

    private static Object run(TestingAppContext ctx) throws Exception {
        TestingDataDrop out = new TestingDataDrop("out");
        GenericNpyGatherApp.INSTANCE.run(ctx.output(out));
        return Npy.read(out.bytes()).toValue();
    }

    @Test
    void run_sumByDefault_reducesEachInputThenAddsThem() throws Exception {
        Object result = run(new TestingAppContext().input(pickled("a", List.of(1L, 2L, 3L)))
                .input(pickled("b", List.of(List.of(10L, 20L), List.of(30L, 40L)))));

        assertThat(result).isEqualTo(106L);
    }

    @Test
    void run_maxOverAxisZero_gathersElementWiseMaximum() throws Exception {
        Object result = run(new TestingAppContext().arg("function", "max").arg("reduce_axes", "[0]")
                .input(pickled("a", List.of(List.of(1L, 9L), List.of(4L, 2L))))
                .input(pickled("b", List.of(List.of(5L, 0L), List.of(3L, 1L)))));

        assertThat(result).isEqualTo(List.of(5L, 9L));
    }

    @Test
    void run_prodAndMin_overAllAxes() throws Exception {
        TestingDataDrop a = pickled("a", List.of(2L, 3L));
        TestingDataDrop b = pickled("b", List.of(4.0, 0.5));

        assertThat(run(new TestingAppContext().arg("function", "prod").input(a).input(b))).isEqualTo(12.0);
        assertThat(run(new TestingAppContext().arg("function", "min").input(a).input(b))).isEqualTo(0.5);
    }

    @Test
    void run_gatherOnlyFunctions_combineElementWiseWithoutReducing() throws Exception {
        TestingDataDrop a = pickled("a", List.of(1L, 5L));
        TestingDataDrop b = TestingDataDrop.of("b", Npy.write(NdArray.ofLongs(new int[] {2}, 3, 4)));

        assertThat(run(new TestingAppContext().arg("function", "add").input(a).input(b))).isEqualTo(List.of(4L, 9L));
        assertThat(run(new TestingAppContext().arg("function", "multiply").input(a).input(b)))
                .isEqualTo(List.of(3L, 20L));
        assertThat(run(new TestingAppContext().arg("function", "maximum").input(a).input(b)))
                .isEqualTo(List.of(3L, 5L));
        assertThat(run(new TestingAppContext().arg("function", "minimum").input(a).input(b)))
                .isEqualTo(List.of(1L, 4L));
    }

    @Test
    void run_singleInputWithGatherOnly_writesItAsNpy() throws Exception {
        assertThat(run(new TestingAppContext().arg("function", "add").input(pickled("a", 7L)))).isEqualTo(7L);
    }

    @Test
    void run_unknownFunction_isRefusedListingTheSupportedOnes() {
        TestingAppContext ctx = new TestingAppContext().arg("function", "mean").input(pickled("a", 1L))
                .output(new TestingDataDrop("o"));

        assertThatThrownBy(() -> GenericNpyGatherApp.INSTANCE.run(ctx))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'mean' is not supported")
                .hasMessageContaining("sum, prod, max, min, add, multiply, maximum, minimum");
    }

    @Test
    void run_pickledNumpyArray_saysItIsNotSupported() {
        TestingAppContext ctx = new TestingAppContext()
                .input(TestingDataDrop.of("np", Base64.getDecoder().decode(NUMPY_PICKLE)))
                .output(new TestingDataDrop("o"));

        assertThatThrownBy(() -> GenericNpyGatherApp.INSTANCE.run(ctx))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input 'np'")
                .hasMessageContaining("a pickled numpy array is not supported");
    }

    @Test
    void run_noInputs_isRefused() {
        TestingAppContext ctx = new TestingAppContext().output(new TestingDataDrop("o"));

        assertThatThrownBy(() -> GenericNpyGatherApp.INSTANCE.run(ctx))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one input");
    }

    @Test
    void axes_acceptsNoneAnAxisAListOrPythonText() {
        assertThat(GenericNpyGatherApp.axes(null)).isNull();
        assertThat(GenericNpyGatherApp.axes("None")).isNull();
        assertThat(GenericNpyGatherApp.axes(1L)).containsExactly(1);
        assertThat(GenericNpyGatherApp.axes(List.of(0L, 1L))).containsExactly(0, 1);
        assertThat(GenericNpyGatherApp.axes("(0, -1)")).containsExactly(0, -1);
        assertThatThrownBy(() -> GenericNpyGatherApp.axes("[x]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void graph_sumsRandomArraysIntoAnNpyFile() throws Exception {
        Graph g = new Graph();
        for (String s : new String[] {"a", "b", "c"}) {
            g.app("R" + s, Graph.RANDOM).param("size", 10).param("low", 1).param("high", 2).outputs("D" + s);
            g.memory("D" + s);
        }
        g.app("G", "dlg.apps.simple.GenericNpyGatherApp").param("function", "sum").inputs("Da", "Db", "Dc")
                .outputs("OUT");
        g.file("OUT").param("filepath", "sum.npy");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
        }

        // integers in [1, 2) are all 1: three arrays of ten sum to 30
        assertThat(Npy.read(Files.readAllBytes(dir.resolve("sum.npy"))).toValue()).isEqualTo(30L);
    }
}
