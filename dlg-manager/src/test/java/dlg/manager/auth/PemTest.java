package dlg.manager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {

    @TempDir
    static Path certs;
    static TlsFiles rsa;
    static TlsFiles ec;

    @TempDir
    Path tmp;

    @BeforeAll
    static void makeCertificates() {
        rsa = TestCertificates.selfSigned(certs, "rsa", "RSA");
        ec = TestCertificates.selfSigned(certs, "ec", "EC");
    }

    @Test
    void certificates_twoInOneFile_readsBothInOrder() throws IOException {
        Path chain = write("chain.pem", "some comment\n" + Files.readString(rsa.certificate())
                + Files.readString(ec.certificate()));

        List<X509Certificate> read = Pem.certificates(chain, "--tls-cert");

        assertThat(read).hasSize(2);
        assertThat(read.get(0).getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(read.get(1).getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(read.get(0).getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    }

    @Test
    void certificates_missingFile_namesOptionAndFile() {
        Path missing = tmp.resolve("nope.pem");

        assertThatThrownBy(() -> Pem.certificates(missing, "--tls-cert"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read --tls-cert " + missing);
    }

    @Test
    void certificates_garbage_saysItIsNoPemFile() throws IOException {
        Path garbage = tmp.resolve("garbage.pem");
        Files.write(garbage, new byte[] {0x30, (byte) 0x82, 0x01, 0x00, 0x7f});

        assertThatThrownBy(() -> Pem.certificates(garbage, "--tls-cert"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--tls-cert " + garbage + " is not a PEM file (no -----BEGIN CERTIFICATE----- line)")
                .hasMessageContaining("openssl x509 -inform der -in " + garbage);
    }

    @Test
    void certificates_theKeyFile_saysItMayBeTheKey() {
        assertThatThrownBy(() -> Pem.certificates(rsa.privateKey(), "--tls-cert"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--tls-cert " + rsa.privateKey() + " holds a PRIVATE KEY where certificates were expected"
                        + " (-----BEGIN CERTIFICATE-----): is it the key file?");
    }

    @Test
    void certificates_damagedCertificate_refused() throws IOException {
        Path bad = write("bad.pem", TestCertificates.pem("CERTIFICATE", new byte[] {1, 2, 3, 4}));

        assertThatThrownBy(() -> Pem.certificates(bad, "--tls-ca"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--tls-ca " + bad + " holds a certificate that cannot be read");
    }

    @Test
    void privateKey_pkcs8Rsa_isTheCertificatesKey() {
        PrivateKey key = Pem.privateKey(rsa.privateKey(), "--tls-key");

        assertThat(key.getAlgorithm()).isEqualTo("RSA");
        assertThat(TlsContexts.keyStore(rsa)).isNotNull(); // the key store checks that key and certificate belong
    }

    @Test
    void privateKey_pkcs8Ec_reads() {
        assertThat(Pem.privateKey(ec.privateKey(), "--tls-key").getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void privateKey_pkcs1Rsa_readsTheSameKey() throws IOException {
        PrivateKey pkcs8 = Pem.privateKey(rsa.privateKey(), "--tls-key");
        Path pkcs1 = write("rsa1.pem", TestCertificates.pem("RSA PRIVATE KEY", pkcs1Of(pkcs8.getEncoded())));

        PrivateKey read = Pem.privateKey(pkcs1, "--tls-key");

        assertThat(read.getEncoded()).isEqualTo(pkcs8.getEncoded());
    }

    @Test
    void privateKey_encryptedPkcs8_refusedWithTheCommandThatDecryptsIt() throws IOException {
        Path enc = write("enc.pem", TestCertificates.pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}));

        assertThatThrownBy(() -> Pem.privateKey(enc, "--tls-key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--tls-key " + enc + " is encrypted: dlg needs it unencrypted (convert it: openssl pkcs8"
                        + " -topk8 -nocrypt -in " + enc + " -out key.pem)");
    }

    @Test
    void privateKey_traditionallyEncryptedRsa_refusedAsEncrypted() throws IOException {
        Path enc = write("enc1.pem", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\nAQID\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> Pem.privateKey(enc, "--tls-key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(" is encrypted: dlg needs it unencrypted");
    }

    @Test
    void privateKey_opensslEcFormat_refusedWithTheCommandThatConvertsIt() throws IOException {
        Path sec1 = write("sec1.pem", TestCertificates.pem("EC PRIVATE KEY", new byte[] {1, 2, 3}));

        assertThatThrownBy(() -> Pem.privateKey(sec1, "--tls-key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds a EC PRIVATE KEY, which dlg cannot read")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt -in " + sec1);
    }

    @Test
    void privateKey_theCertificateFile_saysItMayBeTheCertificate() {
        assertThatThrownBy(() -> Pem.privateKey(rsa.certificate(), "--tls-key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--tls-key " + rsa.certificate() + " holds no private key but a CERTIFICATE: is it the"
                        + " certificate file?");
    }

    @Test
    void privateKey_damagedKey_refused() throws IOException {
        Path bad = write("bad.key", TestCertificates.pem("PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}));

        assertThatThrownBy(() -> Pem.privateKey(bad, "--tls-key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--tls-key " + bad + " holds a private key that is neither RSA, EC nor EdDSA, or is damaged");
    }

    @Test
    void privateKey_invalidBase64_refused() throws IOException {
        Path bad = write("b64.key", "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> Pem.privateKey(bad, "--tls-key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--tls-key " + bad + ": its PRIVATE KEY is not valid base64");
    }

    @Test
    void privateKey_twoKeys_refused() throws IOException {
        Path two = write("two.key", Files.readString(rsa.privateKey()) + Files.readString(ec.privateKey()));

        assertThatThrownBy(() -> Pem.privateKey(two, "--tls-key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--tls-key " + two + " holds 2 private keys: one is needed");
    }

    @Test
    void openssl_theReadmesCommand_makesFilesThatServe() throws Exception {
        assumeTrue(openssl("version"), "openssl is not installed: the files it makes are not tried");
        Path key = tmp.resolve("key.pem");
        Path cert = tmp.resolve("cert.pem");
        Path pkcs1 = tmp.resolve("rsa1.pem");

        assertThat(openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out",
                cert.toString(), "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1")).isTrue();
        assertThat(openssl("rsa", "-in", key.toString(), "-traditional", "-out", pkcs1.toString())).isTrue();

        assertThat(TlsContexts.keyStore(new TlsFiles(cert, key)).isKeyEntry("dlg")).isTrue();
        assertThat(TlsContexts.keyStore(new TlsFiles(cert, pkcs1)).isKeyEntry("dlg")).isTrue();
    }

    private static boolean openssl(String... args) throws InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    /** The RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: its last element, an OCTET STRING. */
    private static byte[] pkcs1Of(byte[] pkcs8) {
        int i = 1 + lengthBytes(pkcs8, 1); // past the outer SEQUENCE's header
        i += 3; // version INTEGER 0
        i += 2 + (pkcs8[i + 1] & 0xff); // AlgorithmIdentifier (short)
        assertThat(pkcs8[i]).isEqualTo((byte) 0x04);
        int n = lengthBytes(pkcs8, i + 1);
        int len = n == 1 ? pkcs8[i + 1] & 0xff : 0;
        for (int k = 1; k < n; k++) {
            len = (len << 8) | (pkcs8[i + 1 + k] & 0xff);
        }
        return Arrays.copyOfRange(pkcs8, i + 1 + n, i + 1 + n + len);
    }

    private static int lengthBytes(byte[] der, int at) {
        int first = der[at] & 0xff;
        return first < 0x80 ? 1 : 1 + (first & 0x7f);
    }
}
