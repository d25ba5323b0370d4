package dlg.manager.auth;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * What HTTPS needs, made from the PEM files: the key store a manager serves with, and the
 * SSLContext its clients call with. Every problem found in the files is an
 * {@link IllegalArgumentException} naming the file, raised when a manager starts rather than at
 * its first connection.
 */
public final class TlsContexts {

    /** The password of the in-memory key store: it never leaves the process, a password is only the API's due. */
    public static final String KEY_STORE_PASSWORD = "dlg";
    private static final String ALIAS = "dlg";

    private TlsContexts() {
    }

    /**
     * An in-memory key store holding the private key of {@code tls} with its certificate chain.
     *
     * @throws IllegalArgumentException when a file cannot be read, the key does not belong to the
     *     chain's first certificate, or that certificate has expired or is not yet valid
     */
    public static KeyStore keyStore(TlsFiles tls) {
        List<X509Certificate> chain = Pem.certificates(tls.certificate(), "--tls-cert");
        PrivateKey key = Pem.privateKey(tls.privateKey(), "--tls-key");
        X509Certificate own = chain.get(0);
        if (!belong(key, own.getPublicKey())) {
            throw new IllegalArgumentException("--tls-key " + tls.privateKey() + " is not the private key of the"
                    + " certificate " + own.getSubjectX500Principal().getName() + " in --tls-cert " + tls.certificate()
                    + " (the file's first certificate must be the server's own)");
        }
        try {
            own.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new IllegalArgumentException("the certificate in --tls-cert " + tls.certificate() + " is valid from "
                    + own.getNotBefore().toInstant() + " to " + own.getNotAfter().toInstant() + " only: "
                    + e.getMessage(), e);
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, KEY_STORE_PASSWORD.toCharArray(), chain.toArray(X509Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("--tls-key " + tls.privateKey() + " and --tls-cert " + tls.certificate()
                    + " cannot be used together: " + e.getMessage(), e);
        }
    }

    /**
     * The SSLContext a client of these managers calls with, or null when it calls over plain HTTP
     * ({@link Access#https()} false). It trusts the JDK's certificate authorities and the
     * certificates of {@code --tls-ca}, or without it the first certificate of {@code --tls-cert}:
     * a cluster whose nodes share one certificate needs nothing more. Host names are checked:
     * the certificate must name each host as clients address it.
     */
    public static SSLContext forClients(Access access) {
        if (!access.https()) {
            return null;
        }
        List<X509Certificate> trusted = access.tlsCa() != null
                ? Pem.certificates(access.tlsCa(), "--tls-ca")
                : Pem.certificates(access.tls().certificate(), "--tls-cert").subList(0, 1);
        return trusting(trusted);
    }

    /** An SSLContext trusting the JDK's certificate authorities and {@code extra}. */
    public static SSLContext trusting(List<X509Certificate> extra) {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            int i = 0;
            for (X509Certificate ca : jdkAuthorities()) {
                anchors.setCertificateEntry("jdk-" + i++, ca);
            }
            for (X509Certificate c : extra) {
                anchors.setCertificateEntry("dlg-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make an SSLContext: " + e.getMessage(), e);
        }
    }

    private static X509Certificate[] jdkAuthorities() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (var tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }

    /** Whether {@code key} signs what {@code pub} verifies. */
    private static boolean belong(PrivateKey key, PublicKey pub) {
        if (!key.getAlgorithm().equals(pub.getAlgorithm())
                && !(key.getAlgorithm().startsWith("Ed") && pub.getAlgorithm().startsWith("Ed"))) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // EdDSA, Ed25519, Ed448 sign as themselves
        };
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(challenge);
            byte[] signed = s.sign();
            Signature v = Signature.getInstance(algorithm);
            v.initVerify(pub);
            v.update(challenge);
            return v.verify(signed);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
