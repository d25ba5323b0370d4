package dlg.daemon;

import dlg.manager.auth.TlsFiles;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/** A self-signed certificate for localhost and 127.0.0.1 as PEM files, made by the JDK's keytool. */
final class SelfSigned {

    private SelfSigned() {
    }

    static TlsFiles make(Path dir) throws Exception {
        Path store = dir.resolve("tls.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "dlg", "-keyalg", "EC", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-noprompt").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        Path cert = Files.writeString(dir.resolve("tls.crt"), pem("CERTIFICATE", ks.getCertificate("dlg").getEncoded()));
        Path key = Files.writeString(dir.resolve("tls.key"),
                pem("PRIVATE KEY", ((PrivateKey) ks.getKey("dlg", "changeit".toCharArray())).getEncoded()));
        return new TlsFiles(cert, key);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
