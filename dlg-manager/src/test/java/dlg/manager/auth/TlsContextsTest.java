package dlg.manager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsContextsTest {

    @TempDir
    static Path certs;
    static TlsFiles one;
    static TlsFiles other;
    static TlsFiles ec;

    @BeforeAll
    static void makeCertificates() {
        one = TestCertificates.selfSigned(certs, "one", "RSA");
        other = TestCertificates.selfSigned(certs, "other", "EC"); // EC: made much faster than RSA
        ec = TestCertificates.selfSigned(certs, "ec", "EC");
    }

    @Test
    void keyStore_matchingRsaPair_holdsTheKeyWithItsCertificate() throws Exception {
        KeyStore store = TlsContexts.keyStore(one);

        assertThat(store.isKeyEntry("dlg")).isTrue();
        assertThat(store.getCertificate("dlg"))
                .isEqualTo(Pem.certificates(one.certificate(), "--tls-cert").get(0));
    }

    @Test
    void keyStore_matchingEcPair_accepted() throws Exception {
        assertThat(TlsContexts.keyStore(ec).isKeyEntry("dlg")).isTrue();
    }

    @Test
    void keyStore_keyOfAnotherCertificate_refusedNamingBothFiles() {
        TlsFiles mixed = new TlsFiles(ec.certificate(), other.privateKey());

        assertThatThrownBy(() -> TlsContexts.keyStore(mixed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--tls-key " + other.privateKey() + " is not the private key of the certificate CN=localhost"
                        + " in --tls-cert " + ec.certificate() + " (the file's first certificate must be the server's own)");
    }

    @Test
    void keyStore_keyOfAnotherAlgorithm_refused() {
        TlsFiles mixed = new TlsFiles(one.certificate(), ec.privateKey());

        assertThatThrownBy(() -> TlsContexts.keyStore(mixed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not the private key of the certificate");
    }

    @Test
    void keyStore_expiredCertificate_refusedWithItsDates() {
        TlsFiles old = TestCertificates.selfSigned(certs, "old", "EC", "-3d", 1);

        assertThatThrownBy(() -> TlsContexts.keyStore(old))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the certificate in --tls-cert " + old.certificate() + " is valid from ")
                .hasMessageContaining(" only: ");
    }

    @Test
    void forClients_plainAccess_isNull() {
        assertThat(TlsContexts.forClients(Access.OPEN)).isNull();
    }

    @Test
    void forClients_unreadableCa_refusedNamingIt() {
        Path missing = certs.resolve("missing-ca.pem");

        assertThatThrownBy(() -> TlsContexts.forClients(new Access(null, null, missing)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read --tls-ca " + missing);
    }

    @Test
    void forClients_caOnly_isHttps() {
        Access access = new Access(null, null, one.certificate());

        assertThat(access.https()).isTrue();
        assertThat(TlsContexts.forClients(access).getProtocol()).isEqualTo("TLS");
    }
}
