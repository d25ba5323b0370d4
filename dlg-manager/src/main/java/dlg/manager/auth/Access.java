package dlg.manager.auth;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Who may use a manager, and how they reach it: the cluster's shared secret, which every REST
 * route, live stream, data and event port then demands, and the certificate of its HTTPS.
 * {@link #OPEN} is DALiuGE's way: no secret, plain HTTP.
 *
 * <p>As a client (a composite calling its sub-managers, {@code dlg submit}) it speaks
 * {@linkplain #https() HTTPS} when it serves HTTPS itself or was given {@code --tls-ca}: HTTPS
 * everywhere or nowhere. It then trusts the JDK's certificate authorities and the certificates of
 * {@code --tls-ca}, or, without it, its own certificate ({@link TlsContexts#forClients}).
 *
 * @param secret null for none
 * @param tls null for plain HTTP
 * @param tlsCa a PEM file of the certificates (authorities, or the servers' own) trusted for
 *     HTTPS as a client, besides the JDK's; null for none
 */
public record Access(ClusterSecret secret, TlsFiles tls, Path tlsCa) {

    public static final Access OPEN = new Access(null, null, null);

    /** Without {@code --tls-ca}. */
    public Access(ClusterSecret secret, TlsFiles tls) {
        this(secret, tls, null);
    }

    public Optional<ClusterSecret> secretIfAny() {
        return Optional.ofNullable(secret);
    }

    /** This access with another secret. */
    public Access withSecret(ClusterSecret s) {
        return new Access(s, tls, tlsCa);
    }

    /** Whether calls to other managers go over HTTPS: with a certificate of its own, or {@code --tls-ca}. */
    public boolean https() {
        return tls != null || tlsCa != null;
    }

    /** Whether requests must carry the secret. */
    public boolean guarded() {
        return secret != null;
    }
}
