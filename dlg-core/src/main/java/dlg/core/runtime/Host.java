package dlg.core.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's name and process id, for DALiuGE's data URLs. */
final class Host {

    static final String NAME = hostname();
    static final long PID = ProcessHandle.current().pid();

    private Host() {
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
