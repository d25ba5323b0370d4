package dlg.daemon;

import dlg.manager.auth.Access;
import dlg.manager.auth.TlsFiles;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The cluster's secret ({@link SecretOption}), {@code --tls-cert} and {@code --tls-key}, for every
 * command that serves: who may use it and how it is reached ({@link Access}).
 */
final class AccessOptions {

    @CommandLine.Mixin
    SecretOption secret = new SecretOption();

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "serve REST and the UI over HTTPS with this"
            + " certificate chain (with --tls-key)")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "the private key of --tls-cert (PKCS#8 PEM)")
    Path tlsKey;

    /** The access these options ask for; a usage error (exit status 2) when they are wrong. */
    Access access(CommandLine commandLine) {
        return access(commandLine, System.getenv());
    }

    Access access(CommandLine commandLine, Map<String, String> env) {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new CommandLine.ParameterException(commandLine, "--tls-cert and --tls-key go together");
        }
        return new Access(secret.secret(commandLine, env), tlsCert == null ? null : new TlsFiles(tlsCert, tlsKey));
    }
}
