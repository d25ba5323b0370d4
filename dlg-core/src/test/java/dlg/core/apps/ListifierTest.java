package dlg.core.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.core.python.Pythons;
import dlg.core.runtime.Graph;
import dlg.core.runtime.TestRun;
import dlg.core.state.SessionState;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListifierTest {

    @TempDir
    Path dir;

    @Test
    void inputs_becomeOneListOfTheirValuesAsPythonUnpicklesIt() throws Exception {
        Pythons.assumePython();
        Graph g = new Graph();
        g.memory("A").param("pydata", 3).consumers("L");
        g.memory("B").arg("pydata", "{\"k\": [1, 2.5]}", "NoPort", null, "json").consumers("L");
        g.memory("E").consumers("L");
        g.app("L", "dlg.dask_emulation._Listifier").outputs("O");
        g.memory("O").param("persist", true);
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);

            byte[] list = run.execution.data(run.spec.indexOf("O")).orElseThrow().readAll();

            assertThat(Pythons.run("import pickle; print(repr(pickle.loads(bytes.fromhex('"
                    + HexFormat.of().formatHex(list) + "'))))").strip()).isEqualTo("[3, {'k': [1, 2.5]}, None]");
        }
    }
}
