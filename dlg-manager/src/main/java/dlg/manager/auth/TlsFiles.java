package dlg.manager.auth;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The PEM files of a manager's HTTPS ({@code --tls-cert}, {@code --tls-key}): its certificate
 * chain and its private key.
 */
public record TlsFiles(Path certificate, Path privateKey) {
    public TlsFiles {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }
}
