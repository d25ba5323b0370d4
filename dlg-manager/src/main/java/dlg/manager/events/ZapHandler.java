package dlg.manager.events;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.zeromq.ZContext;

/**
 * Decides which subscribers a guarded publisher admits: ZeroMQ asks the ZAP handler of the
 * publisher's context (RFC 27, {@code inproc://zeromq.zap.01}) once a client has proven, in the
 * CURVE handshake, that it holds the secret key of the public key it presents. One handler per
 * context, as ZeroMQ allows one: the process shares one context, and its NodeManagers may hold
 * different secrets (tests, {@code dlg cluster}), so each publisher has a ZAP domain of its own and
 * the handler checks the client's key against the one expected in that domain.
 *
 * <p>Without a handler a CURVE server admits every client that knows its public key: the handler
 * is started before the first guarded publisher binds, and lives as long as its context.
 */
final class ZapHandler {

    private static final Map<ZContext, ZapHandler> HANDLERS = new IdentityHashMap<>(); // guarded by the class
    private static final AtomicInteger DOMAINS = new AtomicInteger();
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Per ZAP domain, the keys whose client public key is admitted. */
    private final Map<String, CurveKeys> domains = new ConcurrentHashMap<>();

    private ZapHandler() {
    }

    /**
     * The handler of {@code context}, started (and bound) on first use.
     *
     * @throws IllegalStateException if the ZAP endpoint cannot be bound (another handler holds it)
     */
    static synchronized ZapHandler of(ZContext context) {
        ZapHandler h = HANDLERS.get(context);
        if (h == null) {
            h = new ZapHandler();
            ZapLoop loop = new ZapLoop(context, h);
            Thread.ofPlatform().name("dlg-events-zap-" + THREADS.incrementAndGet()).daemon().start(loop);
            try {
                loop.bound().join();
            } catch (CompletionException e) {
                throw new IllegalStateException("cannot start the ZAP handler of the event publishers: "
                        + e.getCause().getMessage(), e.getCause());
            }
            HANDLERS.put(context, h);
        }
        return h;
    }

    /** The context's handler stopped (the context closed): a new context gets a new one. */
    static synchronized void ended(ZContext context, ZapHandler h) {
        HANDLERS.remove(context, h);
    }

    /** A fresh domain whose subscribers must hold {@code keys}' client pair; {@link #close} it with its publisher. */
    String admit(CurveKeys keys) {
        String domain = "dlg-events-" + DOMAINS.incrementAndGet();
        domains.put(domain, keys);
        return domain;
    }

    void close(String domain) {
        domains.remove(domain);
    }

    /** Whether a CURVE client presenting {@code clientKey} may join the publisher of {@code domain}. */
    boolean admits(String domain, String mechanism, byte[] clientKey) {
        CurveKeys keys = domains.get(domain);
        return keys != null && "CURVE".equals(mechanism) && keys.isClient(clientKey);
    }
}
