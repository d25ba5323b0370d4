package dlg.daemon.proc;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.manager.NodeAddress;
import org.junit.jupiter.api.Test;

class ListeningTest {

    @Test
    void find_nodeManagerLine_readsItsThreePorts() {
        assertThat(Listening.find("x\ndlg nm: NodeManager listening on 0.0.0.0:41000 (events on port 41001, data on"
                + " port 41002), sessions in /w\n")).hasValue(new NodeAddress("127.0.0.1", 41000, 41001, 41002));
    }

    @Test
    void find_compositeLine_takesTheDefaultEventPorts() {
        assertThat(Listening.find("dlg dim: DataIslandManager listening on 10.1.2.3:8001 over []"))
                .hasValue(new NodeAddress("10.1.2.3", 8001, 5555, 6666));
    }

    @Test
    void find_noLine_isEmpty() {
        assertThat(Listening.find("dlg nm: cannot start: Address already in use")).isEmpty();
    }

    @Test
    void find_aLogLineSayingListeningFirst_isSkippedForDlgsOwnLine() {
        String output = "07:00:01.123 WARN  [main] d.m.rest.ManagerServer - listening on 0.0.0.0:41000 without a secret:"
                + " anyone who reaches this port can run commands on this machine\n"
                + "dlg nm: NodeManager listening on 0.0.0.0:41000 (events on port 41001, data on port 41002), sessions in /w\n";

        assertThat(Listening.find(output)).hasValue(new NodeAddress("127.0.0.1", 41000, 41001, 41002));
    }

    @Test
    void find_daemonLine_readsItsPort() {
        assertThat(Listening.find("dlg daemon: listening on 127.0.0.1:9123, zeroconf off"))
                .hasValue(new NodeAddress("127.0.0.1", 9123, 5555, 6666));
    }
}
