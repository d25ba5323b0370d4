package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.manager.auth.Access;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --auth-token-file}, {@code $DLG_AUTH_TOKEN}, {@code --tls-cert} and {@code --tls-key}. */
class AccessOptionsTest {

    @TempDir
    Path tmp;

    private final StringWriter err = new StringWriter();

    private Access access(Map<String, String> env, String... args) {
        AccessOptions options = new AccessOptions();
        CommandLine cl = new CommandLine(options);
        cl.setErr(new PrintWriter(err, true));
        cl.parseArgs(args);
        return options.access(cl, env);
    }

    @Test
    void nothing_isOpen_asDaliuge() {
        Access a = access(Map.of());
        assertThat(a.guarded()).isFalse();
        assertThat(a.tls()).isNull();
    }

    @Test
    void file_winsOverTheEnvironment_andAFileOthersMayRead_isWarnedOf() throws Exception {
        Path file = Files.writeString(tmp.resolve("token"), "from-the-file-0123456789\n");
        Access a = access(Map.of("DLG_AUTH_TOKEN", "from-the-environment-0123"), "--auth-token-file", file.toString());
        assertThat(a.secret().token()).isEqualTo("from-the-file-0123456789");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        access(Map.of(), "--auth-token-file", file.toString());
        assertThat(err.toString()).contains("others may read the auth token file " + file);
    }

    @Test
    void environment_isUsedWithoutAFile() {
        assertThat(access(Map.of("DLG_AUTH_TOKEN", "from-the-environment-0123")).secret().token())
                .isEqualTo("from-the-environment-0123");
        assertThat(access(Map.of("DLG_AUTH_TOKEN", "  ")).guarded()).isFalse();
    }

    @Test
    void badSecret_orHalfOfTls_isAUsageError() {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(out, true));
        assertThat(cl.execute("nm", "-P", "0", "--auth-token-file", tmp.resolve("missing").toString())).isEqualTo(2);
        assertThat(out.toString()).contains("cannot read the auth token file").contains("missing");

        assertThat(cl.execute("dim", "-P", "0", "--tls-cert", "c.pem")).isEqualTo(2);
        assertThat(out.toString()).contains("--tls-cert and --tls-key go together");
    }

    @Test
    void shortToken_isRefused_sayingHowToMakeOne() {
        try {
            access(Map.of("DLG_AUTH_TOKEN", "short"));
            throw new AssertionError("accepted");
        } catch (CommandLine.ParameterException e) {
            assertThat(e.getMessage()).contains("$DLG_AUTH_TOKEN").contains("at least 16").contains("/dev/urandom");
        }
    }
}
