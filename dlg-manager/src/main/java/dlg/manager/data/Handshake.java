package dlg.manager.data;

import dlg.manager.auth.ClusterSecret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * The challenge-response of version 2 of {@link Wire}: how a client and a data server of a
 * cluster with a secret prove to each other that they hold it, without sending it.
 *
 * <pre>
 *   client                                         server
 *   "DLGD" 2 nc                           --&gt;
 *                                         &lt;--      "DLGD" 2 OK ns sign(SERVER, nc, ns)
 *   sign(CLIENT, ns, nc, sid, uid) sid uid --&gt;      (checked before anything is looked up)
 *                                         &lt;--      the reply of version 1
 * </pre>
 *
 * Both nonces are fresh and random, so a proof seen on one connection is worth nothing on
 * another: the server's proof answers this client's nonce (a server that lacks the secret is
 * caught before the request is sent), the client's answers this server's nonce. The two proofs
 * use keys derived for different purposes, so neither side can be made to sign the other's
 * proof. The client's proof also covers the session id and uid, so that a proof cannot be
 * moved to another request. The data itself is not encrypted: the secret says who may read,
 * not who may listen (TLS between nodes is another matter).
 */
final class Handshake {

    static final String SERVER = "dlg-data-port-server";
    static final String CLIENT = "dlg-data-port-client";
    static final int NONCE = 16;
    static final int PROOF = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Handshake() {
    }

    static byte[] nonce() {
        byte[] b = new byte[NONCE];
        RANDOM.nextBytes(b);
        return b;
    }

    static byte[] serverProof(ClusterSecret secret, byte[] clientNonce, byte[] serverNonce) {
        return secret.sign(SERVER, clientNonce, serverNonce);
    }

    /** @param sessionId the session id's bytes as {@link Wire} sends them, likewise the uid */
    static byte[] clientProof(ClusterSecret secret, byte[] serverNonce, byte[] clientNonce, byte[] sessionId,
                              byte[] uid) {
        // lengths first, so that no two (session id, uid) pairs sign the same bytes
        byte[] lengths = ByteBuffer.allocate(8).putInt(sessionId.length).putInt(uid.length).array();
        return secret.sign(CLIENT, serverNonce, clientNonce, lengths, sessionId, uid);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether a proof received is the one expected, in time that does not say where they differ. */
    static boolean matches(byte[] expected, byte[] received) {
        return MessageDigest.isEqual(expected, received);
    }
}
