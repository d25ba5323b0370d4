package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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
        try (CrossNodeRehearsal pair = new CrossNodeRehearsal(ProcessZContext.get(), root.resolve("s"), null)) {
            String[] places = pair.places();
            assertThat(places).hasSize(2).doesNotHaveDuplicates()
                    .allSatisfy(p -> assertThat(NodeAddress.parse(p).host()).isEqualTo("127.0.0.1"));

            pair.run(chain(20, places)); // returns once both parts FINISHED: every event crossed
            // counted once sent: maybe after the other node got it
            await().untilAsserted(() -> assertThat(pair.published()).isEqualTo(20));

            pair.run(chain(20, places));
            await().untilAsserted(() -> assertThat(pair.published()).isEqualTo(40));
            assertThat(root.resolve("s")).doesNotExist(); // memory drops only: no directory made
        }
    }

    @Test
    void copyApps_readTheirInputsFromTheOtherNode() throws IOException {
        try (CrossNodeRehearsal pair = new CrossNodeRehearsal(ProcessZContext.get(), root.resolve("s"), null)) {
            // each app's input is held by the other node: the chain finishes only if every read succeeds
            pair.run(SyntheticGraphs.chain(WarmUp.COPY_APP, 12, pair.places(), "node").getBytes(StandardCharsets.UTF_8));

            await().untilAsserted(() -> assertThat(pair.published()).isEqualTo(12));
        }
    }

    @Test
    void withTheClusterSecret_eventsAndDataCrossWithIt() throws IOException {
        try (CrossNodeRehearsal pair = new CrossNodeRehearsal(ProcessZContext.get(), root.resolve("s"),
                     ClusterSecret.generate())) {
            pair.run(chain(10, pair.places()));
            pair.run(SyntheticGraphs.chain(WarmUp.COPY_APP, 4, pair.places(), "node").getBytes(StandardCharsets.UTF_8));

            await().untilAsserted(() -> assertThat(pair.published()).isEqualTo(14)); // events over CURVE, data over the data port's secret
        }
    }

    @Test
    void aGraphThatFails_isReported_andTheNextRoundStillRuns() throws IOException {
        try (CrossNodeRehearsal pair = new CrossNodeRehearsal(ProcessZContext.get(), root.resolve("s"), null)) {
            String[] places = pair.places();
            String failing = "[{\"oid\":\"a\",\"categoryType\":\"Application\",\"node\":\"" + places[0] + "\","
                    + "\"dropclass\":\"dlg.apps.bash_shell_app.BashShellApp\",\"command\":\"exit 3\"}]";

            assertThatThrownBy(() -> pair.run(failing.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(IOException.class).hasMessageContaining("ended FAILED");

            pair.run(chain(6, places));
            await().untilAsserted(() -> assertThat(pair.published()).isEqualTo(6));
        }
    }
}
