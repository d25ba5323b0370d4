package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dlg slurm --dry-run}: the job script, without SLURM. */
class SlurmCommandTest {

    @TempDir
    Path tmp;

    record Result(int exitCode, String out, String err) {
    }

    private Result slurm(String... args) throws IOException {
        Path graph = Files.writeString(tmp.resolve("my graph.json"), "[]");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("slurm", "--dry-run", "--session-id", "s1"));
        all.addAll(List.of(args));
        all.add(graph.toString());
        return new Result(cl.execute(all.toArray(String[]::new)), out.toString(), err.toString());
    }

    @Test
    void dryRun_printsTheScript_withTheOptionsAndThisInstallation() throws IOException {
        Result r = slurm("-N", "3", "-p", "short", "-t", "00:10:00", "-A", "astro", "--mem=4G", "--qos=debug",
                "--job-dir", tmp.resolve("job").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("#!/bin/bash").contains(
                "#SBATCH --nodes=3", "#SBATCH --ntasks-per-node=1", "#SBATCH --partition=short",
                "#SBATCH --time=00:10:00", "#SBATCH --account=astro", "#SBATCH --mem=4G", "#SBATCH --qos=debug",
                "#SBATCH --chdir=" + tmp.resolve("job"), "srun ", " nm -H 0.0.0.0", " dim -H 0.0.0.0",
                " submit -M ", "NM_PORT=8000 EVENT_PORT=5555 RPC_PORT=6666 DIM_PORT=8001",
                "GRAPH='" + tmp.resolve("my graph.json") + "'", "SESSION_ID=s1");
        String dlg = SlurmCommand.launcher().getLast();
        assertThat(r.out()).contains(dlg);
        assertThat(Path.of(dlg)).isAbsolute();
        assertThat(tmp.resolve("job")).doesNotExist(); // a dry run makes nothing
        assertThat(r.out()).contains("export DLG_AUTH_TOKEN=", "umask 077", "CURL_AUTH=(-H")
                .doesNotContain("--auth-token-file"); // never a token on a command line
    }

    @Test
    void noAuth_writesAnOpenJob() throws IOException {
        Result r = slurm("-N", "2", "--no-auth");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("unset DLG_AUTH_TOKEN", "CURL_AUTH=()").doesNotContain("auth-token");
    }

    @Test
    void script_isValidBash() throws Exception {
        Result r = slurm("-N", "2");
        Path script = Files.writeString(tmp.resolve("job.sh"), r.out());

        Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        String complaints = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(bash.waitFor()).as(complaints).isZero();
    }

    @Test
    void strayWord_isRefusedAsNoSbatchOption() throws IOException {
        Result r = slurm("--mem", "4G");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("pass sbatch's --mem as --mem=VALUE");
    }

    @Test
    void missingGraph_exitsWithTwo() {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));

        int code = cl.execute("slurm", "--dry-run", tmp.resolve("nope.json").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read").contains("no such file");
    }
}
