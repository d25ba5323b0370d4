package dlg.manager.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates for tests, made by the JDK's own {@code keytool} (always there, unlike
 * openssl) for {@code localhost} and {@code 127.0.0.1}, and written as the PEM files users give.
 */
public final class TestCertificates {

    private static final String PASSWORD = "changeit";

    private TestCertificates() {
    }

    /** {@code name.crt} and {@code name.key} (PKCS#8) in {@code dir}, for localhost and 127.0.0.1, valid for 2 days from now. */
    public static TlsFiles selfSigned(Path dir, String name, String keyAlgorithm) {
        return selfSigned(dir, name, keyAlgorithm, "-0d", 2);
    }

    /**
     * The same, valid for {@code days} from {@code start}.
     *
     * @param start keytool's {@code -startdate}: {@code -3d} is three days ago
     */
    public static TlsFiles selfSigned(Path dir, String name, String keyAlgorithm, String start, int days) {
        try {
            Path store = dir.resolve(name + ".p12");
            List<String> command = new java.util.ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                    "-alias", name, "-keyalg", keyAlgorithm, "-dname", "CN=localhost",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-startdate", start, "-validity", String.valueOf(days), "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt"));
            if (keyAlgorithm.equals("RSA")) {
                command.addAll(List.of("-keysize", "2048"));
            }
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, PASSWORD.toCharArray());
            }
            PrivateKey key = (PrivateKey) ks.getKey(name, PASSWORD.toCharArray());
            Certificate cert = ks.getCertificate(name);
            Path crt = dir.resolve(name + ".crt");
            Path pem = dir.resolve(name + ".key");
            Files.writeString(crt, pem("CERTIFICATE", cert.getEncoded()));
            Files.writeString(pem, pem("PRIVATE KEY", key.getEncoded()));
            return new TlsFiles(crt, pem);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One PEM block. */
    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
