package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/dlg}'s ahead-of-time cache, made by a fake JDK: the launcher uses the cache the
 * training makes, and runs without one when the training leaves an empty file behind (JDK 25.0.3
 * exited 0 so when the cache's assembly crashed).
 */
class LauncherCacheIT {

    /** Writes {@code cache} as the cache the training asks for; otherwise keeps the arguments of the run. */
    private static final String FAKE_JAVA = """
            #!/bin/sh
            for a in "$@"; do
                case "$a" in
                    -XX:AOTCacheOutput=*) printf '%s' "$FAKE_CACHE" > "${a#-XX:AOTCacheOutput=}"; exit 0 ;;
                    -version) exit 0 ;;
                esac
            done
            printf '%s\\n' "$@" > "$FAKE_ARGS"
            """;

    @TempDir
    Path tree;

    private record Launch(int exit, String err, String args, boolean cacheKept) {
    }

    private Launch launch(String cacheContent) throws Exception {
        Path project = Path.of("..").toAbsolutePath().normalize();
        Files.createDirectories(tree.resolve("scripts/lib"));
        Files.copy(project.resolve("scripts/dlg"), tree.resolve("scripts/dlg"));
        Files.copy(project.resolve("scripts/lib/jdk.sh"), tree.resolve("scripts/lib/jdk.sh"));
        Files.createDirectories(tree.resolve("dlg-daemon/target"));
        Files.writeString(tree.resolve("dlg-daemon/target/dlg.jar"), "a jar"); // no pom.xml here: nothing is built
        Path jdk = tree.resolve("jdk");
        Files.createDirectories(jdk.resolve("bin"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25\"\n");
        for (String tool : new String[] {"java", "javac"}) {
            Path p = jdk.resolve("bin").resolve(tool);
            Files.writeString(p, FAKE_JAVA);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path args = tree.resolve("args.txt");
        Path err = tree.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder("bash", tree.resolve("scripts/dlg").toString(), "nm", "--help")
                .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DLG_JAVA_HOME", jdk.toString());
        pb.environment().put("FAKE_CACHE", cacheContent);
        pb.environment().put("FAKE_ARGS", args.toString());
        pb.environment().remove("DLG_AOT");
        pb.environment().remove("DLG_JAVA_OPTS");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher ended").isTrue();
        return new Launch(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8), read(args),
                Files.exists(tree.resolve("dlg-daemon/target/dlg.aot")));
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }

    @Test
    void aCacheTheTrainingMade_isUsed() throws Exception {
        Launch l = launch("a cache");

        assertThat(l.exit()).isZero();
        assertThat(l.cacheKept()).isTrue();
        assertThat(l.args()).contains("-XX:AOTCache=" + tree.resolve("dlg-daemon/target/dlg.aot")).contains("nm\n--help");
    }

    @Test
    void anEmptyCache_isNotKept_andTheManagerStartsWithoutOne() throws Exception {
        Launch l = launch("");

        assertThat(l.exit()).isZero();
        assertThat(l.err()).contains("could not make the cache; starting without it");
        assertThat(l.cacheKept()).isFalse();
        assertThat(l.args()).doesNotContain("-XX:AOTCache").contains("nm\n--help");
    }
}
