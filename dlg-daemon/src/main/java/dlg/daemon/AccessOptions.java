package dlg.daemon;

import dlg.manager.auth.Access;
import dlg.manager.auth.Pem;
import dlg.manager.auth.TlsContexts;
import dlg.manager.auth.TlsFiles;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The cluster's secret ({@link SecretOption}), {@code --tls-cert}, {@code --tls-key} and
 * {@code --tls-ca}, for every command that serves or calls a manager: who may use it and how it
 * is reached ({@link Access}).
 */
final class AccessOptions {

    @CommandLine.Mixin
    SecretOption secret = new SecretOption();

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "serve REST and the UI over HTTPS with this"
            + " certificate chain (with --tls-key)")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "the private key of --tls-cert (PKCS#8 PEM)")
    Path tlsKey;

    @Option(names = "--tls-ca", paramLabel = "PEM", description = "call managers over HTTPS, trusting these"
            + " certificates (authorities', or the managers' own) besides the JDK's; without it, a manager with"
            + " --tls-cert calls its sub-managers over HTTPS trusting its own certificate")
    Path tlsCa;

    /** The access these options ask for; a usage error (exit status 2) when they are wrong. */
    Access access(CommandLine commandLine) {
        return access(commandLine, System.getenv());
    }

    Access access(CommandLine commandLine, Map<String, String> env) {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new CommandLine.ParameterException(commandLine, "--tls-cert and --tls-key go together");
        }
        TlsFiles tls = tlsCert == null ? null : new TlsFiles(tlsCert, tlsKey);
        try {
            // a PEM file that cannot serve is a usage error, found before anything starts
            if (tls != null) {
                TlsContexts.keyStore(tls);
            }
            if (tlsCa != null) {
                Pem.certificates(tlsCa, "--tls-ca");
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
        return new Access(secret.secret(commandLine, env), tls, tlsCa);
    }
}
