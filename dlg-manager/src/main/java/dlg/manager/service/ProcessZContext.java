package dlg.manager.service;

import org.zeromq.ZContext;

/**
 * The one ZeroMQ context of this process, shared by every manager in it and closed when the JVM
 * exits. Several contexts in one process (several NodeManagers in one test JVM) stall each
 * other's I/O threads in JeroMQ: new connections then wait seconds to complete their handshake.
 * DALiuGE learnt the same lesson (one context per process).
 */
public final class ProcessZContext {

    private static ZContext context; // guarded by the class

    private ProcessZContext() {
    }

    public static synchronized ZContext get() {
        if (context == null) {
            ZContext created = new ZContext();
            context = created;
            Runtime.getRuntime().addShutdownHook(new Thread(created::close, "dlg-zmq-close"));
        }
        return context;
    }
}
