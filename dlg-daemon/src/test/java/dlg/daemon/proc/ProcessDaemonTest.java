package dlg.daemon.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dlg.manager.NodeAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessDaemonTest {

    @TempDir
    Path tmp;

    private final List<String> events = new CopyOnWriteArrayList<>();
    private ProcessDaemon daemon;

    private final ProcessDaemon.Listener recording = new ProcessDaemon.Listener() {
        @Override
        public void started(ManagerKind kind, NodeAddress address) {
            events.add("started " + kind + " " + address);
        }

        @Override
        public void ended(ManagerKind kind, NodeAddress address) {
            events.add("ended " + kind + " " + address);
        }
    };

    private ProcessDaemon daemon(ShellLauncher launcher, boolean ephemeral, Duration startTimeout) {
        daemon = new ProcessDaemon(new ProcessDaemon.Config("0.0.0.0", ephemeral, List.of("-vv"), tmp, () -> 9123,
                startTimeout, Duration.ofSeconds(5)), launcher, recording);
        return daemon;
    }

    @AfterEach
    void close() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void start_nodeManager_waitsUntilItListensAndTellsWhere() {
        ShellLauncher launcher = ShellLauncher.serving();

        ProcessDaemon.ManagerStatus s = daemon(launcher, true, Duration.ofSeconds(20)).start(ManagerKind.NODE, List.of());

        assertThat(s.state()).isEqualTo(ChildState.RUNNING);
        assertThat(s.address()).isEqualTo(new NodeAddress("127.0.0.1", 1234, 5, 6));
        assertThat(ProcessHandle.of(s.pid())).isPresent();
        assertThat(launcher.started).containsExactly(List.of("nm", "--host", "0.0.0.0", "-vv", "-l", tmp.toString(),
                "-P", "0", "--event_port", "0", "--rpc_port", "0"));
        assertThat(events).containsExactly("started NODE 127.0.0.1:1234:5:6");
    }

    @Test
    void start_islandAndMaster_passNodesAndTheDaemonsPort() {
        ShellLauncher launcher = ShellLauncher.serving();
        ProcessDaemon d = daemon(launcher, false, Duration.ofSeconds(20));

        d.start(ManagerKind.ISLAND, List.of("a:8000", "b"));
        d.start(ManagerKind.MASTER, List.of());

        assertThat(launcher.started).containsExactly(
                List.of("dim", "--host", "0.0.0.0", "-vv", "-l", tmp.toString(), "--nodes", "a:8000,b"),
                List.of("mm", "--host", "0.0.0.0", "-vv", "-l", tmp.toString(), "--daemon-port", "9123"));
    }

    @Test
    void start_withATokenFile_givesEveryManagerItsAbsolutePath() {
        ShellLauncher launcher = ShellLauncher.serving();
        daemon = new ProcessDaemon(new ProcessDaemon.Config("0.0.0.0", false, List.of(), tmp, () -> 9000,
                Duration.ofSeconds(20), Duration.ofSeconds(5), Path.of("relative", "token")), launcher, recording);

        daemon.start(ManagerKind.NODE, List.of());
        daemon.start(ManagerKind.ISLAND, List.of("a"));
        daemon.start(ManagerKind.MASTER, List.of());

        String file = Path.of("relative", "token").toAbsolutePath().toString();
        assertThat(launcher.started).hasSize(3).allSatisfy(args -> assertThat(args).containsSequence("--auth-token-file", file));
    }

    @Test
    void start_withoutATokenFile_passesNone() {
        ShellLauncher launcher = ShellLauncher.serving();

        daemon(launcher, false, Duration.ofSeconds(20)).start(ManagerKind.NODE, List.of());

        assertThat(launcher.started.getFirst()).doesNotContain("--auth-token-file");
    }

    @Test
    void start_whileRunning_isRefused() {
        ProcessDaemon d = daemon(ShellLauncher.serving(), true, Duration.ofSeconds(20));
        long pid = d.start(ManagerKind.NODE, List.of()).pid();

        assertThatThrownBy(() -> d.start(ManagerKind.NODE, List.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already running").hasMessageContaining("pid " + pid);
    }

    @Test
    void stop_running_terminatesItAndForgetsNothing() {
        ProcessDaemon d = daemon(ShellLauncher.serving(), true, Duration.ofSeconds(20));
        long pid = d.start(ManagerKind.NODE, List.of()).pid();

        d.stop(ManagerKind.NODE);

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(d.status(ManagerKind.NODE)).hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(ChildState.STOPPED));
        assertThat(events).containsExactly("started NODE 127.0.0.1:1234:5:6", "ended NODE 127.0.0.1:1234:5:6");
        assertThatThrownBy(() -> d.stop(ManagerKind.NODE)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not running");
    }

    @Test
    void stop_neverStarted_isRefused() {
        assertThatThrownBy(() -> daemon(ShellLauncher.serving(), true, Duration.ofSeconds(20)).stop(ManagerKind.MASTER))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not running: MasterManager");
    }

    @Test
    void stop_ignoringSigterm_isKilledAfterTheTimeout() {
        daemon = new ProcessDaemon(new ProcessDaemon.Config("0.0.0.0", true, List.of(), tmp, () -> 9000,
                Duration.ofSeconds(20), Duration.ofMillis(300)), new ShellLauncher(args -> "trap '' TERM; "
                + "echo 'dlg x: Manager listening on 127.0.0.1:1 (events on port 2, data on port 3)'; while :; do sleep 0.1; done"),
                recording);
        long pid = daemon.start(ManagerKind.NODE, List.of()).pid();

        daemon.stop(ManagerKind.NODE);

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(daemon.status(ManagerKind.NODE).orElseThrow().exitCode()).isEqualTo(137);
    }

    @Test
    void death_isReportedWithItsExitCode_andTheManagerCanBeStartedAgain() {
        ProcessDaemon d = daemon(ShellLauncher.serving(), true, Duration.ofSeconds(20));
        long first = d.start(ManagerKind.NODE, List.of()).pid();

        ProcessHandle.of(first).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(10)).until(() -> d.status(ManagerKind.NODE).orElseThrow().state() == ChildState.DIED);
        assertThat(d.status(ManagerKind.NODE).orElseThrow().exitCode()).isEqualTo(137);
        assertThat(events).endsWith("ended NODE 127.0.0.1:1234:5:6");
        ProcessDaemon.ManagerStatus again = d.start(ManagerKind.NODE, List.of());
        assertThat(again.pid()).isNotEqualTo(first);
        assertThat(again.state()).isEqualTo(ChildState.RUNNING);
    }

    @Test
    void start_exitingBeforeItServes_failsWithItsOutput() {
        ProcessDaemon d = daemon(new ShellLauncher(args -> "echo 'port 8000 is taken'; exit 3"), true,
                Duration.ofSeconds(20));

        assertThatThrownBy(() -> d.start(ManagerKind.ISLAND, List.of())).isInstanceOf(ManagerStartException.class)
                .hasMessageContaining("DataIslandManager").hasMessageContaining("exited with code 3")
                .hasMessageContaining("port 8000 is taken");
        await().atMost(Duration.ofSeconds(10)).until(() -> d.status(ManagerKind.ISLAND).orElseThrow().state() == ChildState.DIED);
        assertThat(events).isEmpty();
    }

    @Test
    void start_silent_isStoppedAfterTheStartTimeout() {
        ProcessDaemon d = daemon(new ShellLauncher(args -> "exec sleep 600"), true, Duration.ofMillis(300));

        assertThatThrownBy(() -> d.start(ManagerKind.MASTER, List.of())).isInstanceOf(ManagerStartException.class)
                .hasMessageContaining("did not serve within");
        assertThat(d.status(ManagerKind.MASTER).orElseThrow().state()).isEqualTo(ChildState.STOPPED);
    }

    @Test
    void close_stopsEveryRunningManager() {
        ProcessDaemon d = daemon(ShellLauncher.serving(), true, Duration.ofSeconds(20));
        long nm = d.start(ManagerKind.NODE, List.of()).pid();
        long dim = d.start(ManagerKind.ISLAND, List.of()).pid();

        d.close();

        assertThat(List.of(nm, dim)).allSatisfy(pid ->
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse());
        assertThat(d.statuses().values()).extracting(ProcessDaemon.ManagerStatus::state)
                .containsOnly(ChildState.STOPPED);
    }
}
