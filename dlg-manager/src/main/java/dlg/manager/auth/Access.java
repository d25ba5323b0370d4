package dlg.manager.auth;

import java.util.Optional;

/**
 * Who may use a manager, and how they reach it: the cluster's shared secret, which every REST
 * route, live stream, data and event port then demands, and the certificate of its HTTPS.
 * {@link #OPEN} is DALiuGE's way: no secret, plain HTTP.
 *
 * @param secret null for none
 * @param tls null for plain HTTP
 */
public record Access(ClusterSecret secret, TlsFiles tls) {

    public static final Access OPEN = new Access(null, null);

    public Optional<ClusterSecret> secretIfAny() {
        return Optional.ofNullable(secret);
    }

    /** This access with another secret. */
    public Access withSecret(ClusterSecret s) {
        return new Access(s, tls);
    }

    /** Whether requests must carry the secret. */
    public boolean guarded() {
        return secret != null;
    }
}
