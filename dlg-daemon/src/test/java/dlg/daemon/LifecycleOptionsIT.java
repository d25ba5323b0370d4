package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dlg nm|dim|mm -d}, {@code -s} and {@code --status} with real processes, as DALiuGE's. */
class LifecycleOptionsIT {

    @TempDir
    Path tmp;

    private DlgProcesses dlg;

    @BeforeEach
    void processes() {
        dlg = new DlgProcesses(tmp);
    }

    @AfterEach
    void end() throws Exception {
        Path pid = dlg.dlgRoot().resolve("pid/dlgDIM.pid");
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
        dlg.close();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void daemonStatusStop_island_runsInTheBackgroundUntilStopped() throws Exception {
        String port = Integer.toString(freePort());
        Path pidFile = dlg.dlgRoot().resolve("pid/dlgDIM.pid");

        DlgProcesses.Result started = dlg.run("dim", "-H", "127.0.0.1", "-P", port, "-d", "-l", tmp.resolve("logs").toString());

        assertThat(started.status()).as(started.output()).isZero();
        assertThat(started.output()).contains("running in the background with pid");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).hasValue(true);
        DlgProcesses.Result status = dlg.run("dim", "-H", "127.0.0.1", "-P", port, "--status", "-T", "5");
        assertThat(status.status()).as(status.output()).isZero();
        DlgProcesses.Result twice = dlg.run("dim", "-H", "127.0.0.1", "-P", port, "-d");
        assertThat(twice.status()).isEqualTo(1);
        assertThat(twice.output()).contains("already running with pid " + pid);

        DlgProcesses.Result stopped = dlg.run("dim", "-s", "-T", "20");

        assertThat(stopped.status()).as(stopped.output()).isZero();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(pidFile).doesNotExist();
        DlgProcesses.Result after = dlg.run("dim", "-H", "127.0.0.1", "-P", port, "--status", "-T", "0.5");
        assertThat(after.status()).isEqualTo(1);
        assertThat(after.output()).contains("not listening on 127.0.0.1:" + port);
    }

    @Test
    void stop_noPidFile_saysSoWithStatus1() throws Exception {
        DlgProcesses.Result r = dlg.run("nm", "-s");

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.output()).contains("cannot read the pid file").contains("dlgNM.pid");
    }

    @Test
    void daemonAndStop_together_isAUsageError() throws Exception {
        DlgProcesses.Result r = dlg.run("mm", "-d", "-s");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.output()).contains("cannot be specified together");
    }
}
