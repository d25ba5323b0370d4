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
     * How many I/O threads the context has: one (ZeroMQ's default), unless this system property
     * says otherwise. One is what a manager process wants: with four, a node crossing of a chain
     * split over two NodeManagers cost about a third more (DIM + 2 NMs, chain 10000 alternate:
     * 2.6 to 3.4 s instead of 2.0 s on 2 cores), the events going through more thread hand-offs.
     * Test JVMs, where many managers open and close in quick succession, set four: there every
     * handshake of the process was seen to stall for about ten seconds at once, as if the one I/O
     * thread were held (JeroMQ reports one blocking in a listener's accept, zeromq/jeromq#765),
     * and with several threads a held one does not stop the others. Several threads have costs of
     * their own (JeroMQ 0.6.0, 2026-12-06, 400 connections over loopback to one publisher): about
     * 2 % of the handshakes never start, until the handshake interval closes the connection and
     * ZeroMQ connects again, and about 0.5 % are greeted before their {@code CONNECTED} event is
     * told (both as {@code Handshakes} expects); with one thread, none of either in 1,000. An event
     * publisher keeps all its subscribers on one of the threads ({@code PublisherLoop.oneIoThread}).
     */
    static final String IO_THREADS_PROPERTY = "dlg.zmq.ioThreads";

    static int ioThreads() {
        return Math.max(1, Integer.getInteger(IO_THREADS_PROPERTY, 1));
    }

    private static ZContext context; // guarded by the class

    private ProcessZContext() {
    }

    public static synchronized ZContext get() {
        if (context == null) {
            ZContext created = new ZContext(ioThreads());
            context = created;
            Runtime.getRuntime().addShutdownHook(new Thread(created::close, "dlg-zmq-close"));
        }
        return context;
    }
}
