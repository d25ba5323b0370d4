package dlg.manager.service;

import org.zeromq.ZContext;

/**
 * The one ZeroMQ context of this process, shared by every manager in it and closed when the JVM
 * exits. Several contexts in one process (several NodeManagers in one test JVM) stall each
 * other's I/O threads in JeroMQ: new connections then wait seconds to complete their handshake.
 * DALiuGE learnt the same lesson (one context per process).
 */
public final class ProcessZContext {

    /**
     * I/O threads of the context. In test JVMs where managers open and close in quick succession,
     * every handshake of the process was seen to stall for about ten seconds at once, as if the
     * one I/O thread were held (JeroMQ reports one blocking in a listener's accept,
     * zeromq/jeromq#765); with several threads a held one does not stop the others.
     */
    static final int IO_THREADS = 4;

    private static ZContext context; // guarded by the class

    private ProcessZContext() {
    }

    public static synchronized ZContext get() {
        if (context == null) {
            ZContext created = new ZContext(IO_THREADS);
            context = created;
            Runtime.getRuntime().addShutdownHook(new Thread(created::close, "dlg-zmq-close"));
        }
        return context;
    }
}
