package dlg.daemon;

import dlg.manager.auth.ClusterSecret;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --auth-token-file}, else {@code $DLG_AUTH_TOKEN}: the cluster's shared secret, which a
 * manager then demands and a client sends. Neither: none, open to all as DALiuGE is.
 */
final class SecretOption {

    @Option(names = "--auth-token-file", paramLabel = "FILE",
            description = "the cluster's shared secret (a token of at least 16 characters): managers demand it on"
                    + " every REST route, UI page, live stream, data and event port; clients send it (default:"
                    + " $" + ClusterSecret.ENV + " if set; neither: open to all, as DALiuGE is)")
    Path tokenFile;

    /** The secret, or null for none; a usage error (exit status 2) when it cannot be read or is refused. */
    ClusterSecret secret(CommandLine commandLine) {
        return secret(commandLine, System.getenv());
    }

    ClusterSecret secret(CommandLine commandLine, Map<String, String> env) {
        try {
            if (tokenFile != null) {
                ClusterSecret secret = ClusterSecret.read(tokenFile);
                if (ClusterSecret.othersMayRead(tokenFile)) {
                    PrintWriter err = commandLine.getErr();
                    err.println("warning: others may read the auth token file " + tokenFile + " (chmod 600 it)");
                    err.flush();
                }
                return secret;
            }
            String fromEnv = env.get(ClusterSecret.ENV);
            return fromEnv == null || fromEnv.isBlank() ? null : ClusterSecret.of(fromEnv, "$" + ClusterSecret.ENV);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
    }
}
