package dlg.manager.rest;

import dlg.manager.auth.Access;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;

/**
 * Says so in the log when a server is reachable beyond this machine with no secret: whoever
 * reaches a manager's port can run commands on it (a graph may hold bash apps), as with DALiuGE,
 * which has no authentication at all.
 */
public final class Exposure {

    private Exposure() {
    }

    /** Whether {@code host} (as given to {@code -H}) is this machine's loopback only. */
    public static boolean loopbackOnly(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Logs a warning when {@code host} is beyond loopback and {@code access} has no secret. */
    public static void warnIfOpen(String host, int port, Access access, Logger log) {
        if (!access.guarded() && !loopbackOnly(host)) {
            log.warn("listening on {}:{} without a secret: anyone who reaches this port can run commands on this"
                    + " machine (a graph may hold bash apps); start it with --auth-token-file FILE (or $DLG_AUTH_TOKEN)"
                    + " to demand the cluster's secret", host, port);
        }
    }
}
