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
}
