package dlg.manager.data;

import dlg.manager.auth.ClusterSecret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * The proofs of version 2 of {@link Wire}: how a reader and a data server of a cluster with a
 * secret show each other that they hold it, without sending it, and without an extra round trip
 * once they know each other.
 *
 * <pre>
 *   reader                                                   data server
 *   "DLGD" 2 t nc sign(CLIENT, t, nc, sid, uid) sid uid --&gt;   t live? proof right? (t, nc) new?
 *                                       &lt;-- "DLGD" 2 OK sign(SERVER, nc, t) data...
 *   first time, or t dead:
 *                                       &lt;-- "DLGD" 2 RENEW t'
 *   sign(CLIENT, t', nc, sid, uid)      --&gt;
 *                                       &lt;-- "DLGD" 2 OK sign(SERVER, nc, t') data...
 * </pre>
 *
 * The ticket {@code t} is the server's challenge ({@link Tickets}): random, shared by all its
 * readers for a while, so that a reader that has one signs its request at once (no extra round
 * trip: the cost of a read across nodes matters, issue 15). Freshness comes from the reader's
 * nonce {@code nc}, which the server accepts once per ticket: a request seen on the wire and
 * played again is refused, on this connection or another, until its ticket dies, and then
 * because it is dead. The server proves itself by signing the reader's fresh nonce, and the
 * reader checks that before it takes any data; it keeps a node's ticket only once the node has
 * proven itself. The two proofs use keys derived for different purposes, so that neither side
 * can be made to sign the other's proof; the reader's proof covers the session id and uid, so
 * that it cannot be moved to another request. Refusals are not signed: a node that cannot prove
 * itself can only refuse, which it could anyway by not answering. The data itself is not
 * encrypted: the secret says who may read, not who may listen.
 */
final class Handshake {

    static final String SERVER = "dlg-data-port-server";
    static final String CLIENT = "dlg-data-port-client";
    static final int NONCE = 16;
    static final int TICKET = 16;
    static final int PROOF = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Handshake() {
    }

    static byte[] nonce() {
        byte[] b = new byte[NONCE];
        RANDOM.nextBytes(b);
        return b;
    }

    static byte[] serverProof(ClusterSecret secret, byte[] clientNonce, byte[] ticket) {
        return secret.sign(SERVER, clientNonce, ticket);
    }

    /** @param sessionId the session id's bytes as {@link Wire} sends them, likewise the uid */
    static byte[] clientProof(ClusterSecret secret, byte[] ticket, byte[] clientNonce, byte[] sessionId, byte[] uid) {
        // lengths first, so that no two (session id, uid) pairs sign the same bytes
        byte[] lengths = ByteBuffer.allocate(8).putInt(sessionId.length).putInt(uid.length).array();
        return secret.sign(CLIENT, ticket, clientNonce, lengths, sessionId, uid);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether a proof received is the one expected, in time that does not say where they differ. */
    static boolean matches(byte[] expected, byte[] received) {
        return MessageDigest.isEqual(expected, received);
    }
}
