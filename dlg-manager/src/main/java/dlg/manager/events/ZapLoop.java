package dlg.manager.events;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.ZError;

/**
 * The body of a {@link ZapHandler}'s thread: answers ZAP requests (RFC 27) on
 * {@code inproc://zeromq.zap.01} until its context closes. Its socket is not one of the context's
 * own (so closing the context does not close it under a receive): the receive ends with ETERM,
 * and the loop closes the socket, which lets the context's termination finish.
 */
final class ZapLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ZapHandler.class);
    static final String ENDPOINT = "inproc://zeromq.zap.01";
    private static final byte[] VERSION = "1.0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY = new byte[0];

    private final ZContext context;
    private final ZapHandler handler;
    private final CompletableFuture<Void> bound = new CompletableFuture<>();
    private ZMQ.Socket rep;

    ZapLoop(ZContext context, ZapHandler handler) {
        this.context = context;
        this.handler = handler;
    }

    CompletableFuture<Void> bound() {
        return bound;
    }

    @Override
    public void run() {
        try {
            rep = context.getContext().socket(SocketType.REP);
            rep.setLinger(0);
            rep.bind(ENDPOINT);
        } catch (RuntimeException e) {
            close();
            bound.completeExceptionally(e);
            return;
        }
        bound.complete(null);
        try {
            while (true) {
                answer();
            }
        } catch (ZMQException e) {
            if (e.getErrorCode() != ZError.ETERM) {
                log.warn("the ZAP handler of the event publishers failed: {}", e.getMessage());
            }
        } finally {
            ZapHandler.ended(context, handler);
            close();
        }
    }

    /** One request: version, request id, domain, address, identity, mechanism, credentials. */
    private void answer() {
        byte[] version = rep.recv(0);
        byte[][] frames = new byte[5][];
        int n = 0;
        byte[] credential = null;
        while (rep.hasReceiveMore()) {
            byte[] f = rep.recv(0);
            if (n < frames.length) {
                frames[n++] = f;
            } else if (credential == null) {
                credential = f;
            }
        }
        byte[] requestId = n > 0 ? frames[0] : EMPTY;
        boolean ok = n == 5 && Arrays.equals(version, VERSION);
        String domain = ok ? new String(frames[1], StandardCharsets.UTF_8) : "";
        String address = ok ? new String(frames[2], StandardCharsets.UTF_8) : "?";
        String mechanism = ok ? new String(frames[4], StandardCharsets.US_ASCII) : "";
        boolean admitted = ok && handler.admits(domain, mechanism, credential);
        if (!admitted) {
            log.debug("ZAP: refused a {} client from {} on domain {}", mechanism, address, domain);
        }
        rep.sendMore(VERSION);
        rep.sendMore(requestId);
        rep.sendMore(admitted ? "200" : "400");
        rep.sendMore(admitted ? "OK" : "not a key of this cluster");
        rep.sendMore(EMPTY); // user id
        rep.send(EMPTY, 0); // metadata
    }

    private void close() {
        if (rep != null) {
            rep.close();
        }
    }
}
