package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.runtime.Engine;
import dlg.manager.NodeAddress;
import dlg.manager.auth.ClusterSecret;
import dlg.manager.service.ProcessZContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossNodeRehearsalTest {

    @TempDir
    Path root;

    private static byte[] chain(int n, String[] places) {
        return SyntheticGraphs.chain(n, places).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void runsAChainAcrossItsTwoNodes_oneEventPerCrossing_roundAfterRound() throws IOException {
        try (Engine engine = Engine.create(1);
             CrossNodeRehearsal pair = new CrossNodeRehearsal(ProcessZContext.get(), engine, root.resolve("s"), null)) {
            String[] places = pair.places();
            assertThat(places).hasSize(2).doesNotHaveDuplicates()
                    .allSatisfy(p -> assertThat(NodeAddress.parse(p).host()).isEqualTo("127.0.0.1"));

            pair.run(chain(20, places)); // returns once both parts FINISHED: every event crossed
            assertThat(pair.published()).isEqualTo(20);

            pair.run(chain(20, places));
            assertThat(pair.published()).isEqualTo(40);
            assertThat(root.resolve("s")).doesNotExist(); // memory drops only: no directory made
        }
    }

    @Test
    void withTheClusterSecret_itsEventsCrossOverCurve() throws IOException {
        try (Engine engine = Engine.create(1);
             CrossNodeRehearsal pair = new CrossNodeRehearsal(ProcessZContext.get(), engine, root.resolve("s"),
                     ClusterSecret.generate())) {
            pair.run(chain(10, pair.places()));

            assertThat(pair.published()).isEqualTo(10);
        }
    }

    @Test
    void aGraphThatFails_isReported_andTheNextRoundStillRuns() throws IOException {
        try (Engine engine = Engine.create(1);
             CrossNodeRehearsal pair = new CrossNodeRehearsal(ProcessZContext.get(), engine, root.resolve("s"), null)) {
            String[] places = pair.places();
            String failing = "[{\"oid\":\"a\",\"categoryType\":\"Application\",\"node\":\"" + places[0] + "\","
                    + "\"dropclass\":\"dlg.apps.bash_shell_app.BashShellApp\",\"command\":\"exit 3\"}]";

            assertThatThrownBy(() -> pair.run(failing.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(IOException.class).hasMessageContaining("ended FAILED");

            pair.run(chain(6, places));
            assertThat(pair.published()).isEqualTo(6);
        }
    }
}
