package dlg.manager.events;

import dlg.manager.auth.ClusterSecret;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Objects;
import javax.crypto.KeyAgreement;

/**
 * The CURVE key pairs of a cluster's event ports, derived from its {@link ClusterSecret}: every
 * NodeManager of the cluster computes the same ones, so no key is ever exchanged. The publisher
 * holds the server pair, and admits only subscribers that prove they hold the client pair (its
 * ZAP handler checks the client's public key); a subscriber knows the server's public key, so it
 * only takes events from a publisher that holds the server's secret key. A node without the
 * secret, or with another one, can do neither.
 *
 * <p>Secret keys are {@linkplain ClusterSecret#derive derived} for a purpose of their own (not
 * the token, and not a key used on another channel); public keys are Curve25519's scalar
 * multiplication of the base point (RFC 7748's X25519 with u = 9), computed by the JDK; the test
 * checks them against jnacl, the library JeroMQ's CURVE runs on.
 */
final class CurveKeys {

    static final String SERVER_PURPOSE = "dlg-events-curve-server";
    static final String CLIENT_PURPOSE = "dlg-events-curve-client";

    private static final BigInteger BASE_POINT = BigInteger.valueOf(9);

    private final byte[] serverPublic;
    private final byte[] serverSecret;
    private final byte[] clientPublic;
    private final byte[] clientSecret;

    private CurveKeys(byte[] serverSecret, byte[] clientSecret) {
        this.serverSecret = serverSecret;
        this.clientSecret = clientSecret;
        this.serverPublic = publicKey(serverSecret);
        this.clientPublic = publicKey(clientSecret);
    }

    /** The keys of the cluster holding {@code secret}; null for none (the NULL mechanism, as DALiuGE). */
    static CurveKeys of(ClusterSecret secret) {
        return secret == null ? null : new CurveKeys(secret.derive(SERVER_PURPOSE), secret.derive(CLIENT_PURPOSE));
    }

    /** Curve25519 public key of a 32-byte secret key (clamped, as the scalar multiplication does). */
    static byte[] publicKey(byte[] secretKey) {
        Objects.requireNonNull(secretKey, "secretKey");
        if (secretKey.length != 32) {
            throw new IllegalArgumentException("a Curve25519 secret key has 32 bytes, not " + secretKey.length);
        }
        try {
            KeyFactory keys = KeyFactory.getInstance("XDH");
            KeyAgreement x25519 = KeyAgreement.getInstance("X25519");
            x25519.init(keys.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, secretKey)));
            x25519.doPhase(keys.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BASE_POINT)), true);
            return x25519.generateSecret(); // X25519(k, 9): the public key, little-endian like NaCl's
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 is not available in this JDK", e);
        }
    }

    byte[] serverPublic() {
        return serverPublic.clone();
    }

    byte[] serverSecret() {
        return serverSecret.clone();
    }

    byte[] clientPublic() {
        return clientPublic.clone();
    }

    byte[] clientSecret() {
        return clientSecret.clone();
    }

    /** Whether {@code key} is the client's public key (the one subscribers must prove they hold). */
    boolean isClient(byte[] key) {
        return key != null && MessageDigest.isEqual(clientPublic, key);
    }

    /** Never shows a key: even the public ones are derived from the secret, and only the cluster needs them. */
    @Override
    public String toString() {
        return "CurveKeys[derived from the cluster's secret]";
    }
}
