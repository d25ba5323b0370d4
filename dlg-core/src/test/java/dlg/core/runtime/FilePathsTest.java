package dlg.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePathsTest {

    private static final String UID = "2022-02-11T08:05:47_-3_0";

    @TempDir
    Path session;

    private static DropSpec file(String oid, String uid, String filepath) {
        Graph g = new Graph();
        Graph.Node n = g.file(oid);
        if (uid != null) {
            n.param("uid", uid);
        }
        if (filepath != null) {
            n.param("filepath", filepath);
        }
        return GraphReader.read(g.json()).drops().getFirst();
    }

    private Path resolve(DropSpec spec) {
        return FilePaths.resolve(spec, session, Map.of("HOME", "/home/someone", "DATA", "/data/in"));
    }

    @Test
    void noFilepath_isTheUidDatePartAndHumanKeyInTheSessionDir() {
        Path p = resolve(file("x", UID, null));

        assertThat(p).isEqualTo(session.resolve("2022-02-11T08_05_47_-3_0"));
    }

    @Test
    void emptyFilepath_isLikeNone() {
        assertThat(resolve(file("x", UID, ""))).isEqualTo(session.resolve("2022-02-11T08_05_47_-3_0"));
    }

    @Test
    void noFilepath_humanReadableKey_isUsed() {
        DropSpec spec = GraphReader.read("""
                [{"oid": "x", "uid": "2024-10-30T12:01:57_0140555b-8c23_0", "categoryType": "Data",
                  "dropclass": "dlg.data.drops.file.FileDROP", "humanReadableKey": "a/b"}]""").drops().getFirst();

        assertThat(resolve(spec)).isEqualTo(session.resolve("2024-10-30T12_01_57_a_b"));
    }

    @Test
    void noFilepath_uidWithoutUnderscore_usesTheWholeUidTwice() {
        assertThat(resolve(file("plain", null, null))).isEqualTo(session.resolve("plain_plain"));
    }

    @Test
    void bareName_isInTheSessionDir() {
        assertThat(resolve(file("x", UID, "out.txt"))).isEqualTo(session.resolve("out.txt"));
    }

    @Test
    void relativePathWithDirectories_isUnderTheSessionDir() {
        assertThat(resolve(file("x", UID, "a/b/out.txt"))).isEqualTo(session.resolve("a/b/out.txt"));
    }

    @Test
    void trailingSlash_isAGeneratedNameInThatDirectory() {
        assertThat(resolve(file("x", UID, "results/"))).isEqualTo(session.resolve("results/2022-02-11T08_05_47_-3_0"));
    }

    @Test
    void absolutePath_isKept() {
        assertThat(resolve(file("x", UID, "/var/tmp/out.txt"))).isEqualTo(Path.of("/var/tmp/out.txt"));
    }

    @Test
    void existingDirectory_isAGeneratedNameInIt() throws Exception {
        Files.createDirectory(session.resolve("here"));

        assertThat(resolve(file("x", UID, "here"))).isEqualTo(session.resolve("here/2022-02-11T08_05_47_-3_0"));
    }

    @Test
    void environmentVariables_areExpandedInBothForms() {
        assertThat(resolve(file("x", UID, "$HOME/a.txt"))).isEqualTo(Path.of("/home/someone/a.txt"));
        assertThat(resolve(file("x", UID, "${DATA}/b.txt"))).isEqualTo(Path.of("/data/in/b.txt"));
    }

    @Test
    void unsetEnvironmentVariable_isAnErrorNamingIt() {
        assertThatThrownBy(() -> resolve(file("x", UID, "$NOPE/a.txt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$NOPE").hasMessageContaining("not set");
    }

    @Test
    void environmentValueWithDollarOrBackslash_isInsertedLiterally() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ODD", "/x/$1\\y");

        assertThat(FilePaths.resolve(file("x", UID, "$ODD/f"), session, env)).isEqualTo(Path.of("/x/$1\\y/f"));
    }

    @Test
    void uidAndDatetimePlaceholders_areReplaced() {
        Path p = resolve(file("x", UID, "{uid}-{datetime}.dat"));

        assertThat(p).isEqualTo(session.resolve("2022-02-11T08_05_47_-3_0-" + LocalDate.now() + ".dat"));
    }

    @Test
    void autoPlaceholder_isTheGeneratedName() {
        assertThat(resolve(file("x", UID, "out/{auto}.txt"))).isEqualTo(session.resolve("out/2022-02-11T08_05_47_-3_0.txt"));
    }

    @Test
    void hostileOid_cannotLeaveTheSessionDir() {
        for (String oid : new String[] {"../../etc/x", "..", ".", "/etc/passwd", "a\\..\\..\\b", "x\u0000y"}) {
            Path p = resolve(file(oid, null, null));

            assertThat(p.normalize().startsWith(session)).as(oid).isTrue();
            assertThat(p.getParent()).as(oid).isEqualTo(session);
        }
    }

    @Test
    void hostileUid_inAPlaceholder_cannotLeaveTheSessionDir() {
        for (String uid : new String[] {"..", "../../etc/x", "."}) {
            Path p = resolve(file("x", uid, "{uid}"));

            assertThat(p.normalize().startsWith(session)).as(uid).isTrue();
            assertThat(p).as(uid).isNotEqualTo(session);
        }
    }

    @Test
    void generatedName_neverHoldsASeparatorOrColon() {
        assertThat(FilePaths.generatedName(file("x", "a/b:c_d/e_f", null))).isEqualTo("a_b_c_d_e_f");
    }

    @Test
    void existenceChecked_onlyForBareNamesAndAbsolutePaths() {
        Map<String, String> env = Map.of("DATA", "/data/in", "SUB", "sub");

        assertThat(FilePaths.existenceChecked(file("A", UID, null), env)).isFalse();
        assertThat(FilePaths.existenceChecked(file("A", UID, "out/result.txt"), env)).isFalse();
        assertThat(FilePaths.existenceChecked(file("A", UID, "$SUB/x"), env)).isFalse();
        assertThat(FilePaths.existenceChecked(file("A", UID, "hello.txt"), env)).isTrue();
        assertThat(FilePaths.existenceChecked(file("A", UID, "/abs/x.txt"), env)).isTrue();
        assertThat(FilePaths.existenceChecked(file("A", UID, "$DATA/x.txt"), env)).isTrue();
    }
}
