package dlg.core.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.codec.Pickles;
import dlg.core.graph.AppArg;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BashCommandTest {

    private static final Path IN = Path.of("/s/in.bin");
    private static final Path OUT = Path.of("/s/out.bin");

    private static AppArg port(String name, String usage, String encoding) {
        return new AppArg(name, "", usage, encoding, false, false, "String");
    }

    private static AppArg arg(String name, Object value) {
        return new AppArg(name, value, "NoPort", null, false, false, null);
    }

    private static AppArg bare(String name, Object value) {
        return new AppArg(name, value, null, null, false, false, null);
    }

    private static AppArg positional(String name, Object value) {
        return new AppArg(name, value, "NoPort", null, true, false, null);
    }

    private static TestingDataDrop file(String uid, Path p) {
        return new TestingDataDrop(uid).path(p);
    }

    private static String build(TestingAppContext ctx, String command) throws Exception {
        return BashCommand.build(ctx, command);
    }

    // ---- DALiuGE v5 templates ----

    @Test
    void uidPlaceholders_becomeThePathsOfThoseDrops() throws Exception {
        TestingAppContext ctx = new TestingAppContext().input(file("u-in", IN)).output(file("u-out", OUT));

        assertThat(build(ctx, "cp {u-in} {u-out}")).isEqualTo("cp /s/in.bin /s/out.bin");
    }

    @Test
    void uidPlaceholder_ofADropWithoutPath_staysAsWritten() throws Exception {
        TestingAppContext ctx = new TestingAppContext().input(new TestingDataDrop("mem"));

        assertThat(build(ctx, "echo {mem}")).isEqualTo("echo {mem}");
    }

    @Test
    void ddExample_namedPortsAndArguments() throws Exception {
        TestingAppContext ctx = new TestingAppContext()
                .arg(new AppArg("bs", 2048, "NoPort", "pickle", false, false, "Integer"))
                .arg(new AppArg("count", 10, "NoPort", "pickle", false, false, "Integer"))
                .arg(port("if", "InputPort", "path"))
                .arg(port("of", "OutputPort", "path"))
                .input(file("i", Path.of("/dev/urandom")), "if")
                .output(file("o", OUT), "of");

        assertThat(build(ctx, "dd if={if} of={of} count={count} bs={bs}"))
                .isEqualTo("dd if=/dev/urandom of=/s/out.bin count=10 bs=2048");
    }

    @Test
    void pickleEncodedPort_fromAMemoryDrop_isItsValue() throws Exception {
        TestingAppContext ctx = new TestingAppContext()
                .arg(port("bs", "InputPort", "pickle"))
                .input(TestingDataDrop.of("m", Pickles.dumps(2048)), "bs");

        assertThat(build(ctx, "dd bs={bs}")).isEqualTo("dd bs=2048");
    }

    @Test
    void defaultEncodedPort_withText_isTheText() throws Exception {
        TestingAppContext ctx = new TestingAppContext()
                .arg(new AppArg("name", null, "InputPort", null, false, false, "String"))
                .input(TestingDataDrop.of("m", "world"), "name");

        assertThat(build(ctx, "echo hello {name}")).isEqualTo("echo hello world");
    }

    @Test
    void portTheCommandDoesNotUse_isNotRead() throws Exception {
        TestingAppContext ctx = new TestingAppContext()
                .arg(new AppArg("big", null, "InputPort", null, false, false, null))
                .input(TestingDataDrop.of("m", "large").forbidReadAll(), "big");

        assertThat(build(ctx, "echo {other}")).isEqualTo("echo {other}");
    }

    @Test
    void dataUrlEncodedPort_isTheDataUrl() throws Exception {
        TestingAppContext ctx = new TestingAppContext()
                .arg(port("where", "OutputPort", "dataurl"))
                .output(new TestingDataDrop("m").dataUrl("mem://h/1/2"), "where");

        assertThat(build(ctx, "echo {where}")).isEqualTo("echo mem://h/1/2");
    }

    @Test
    void argumentValues_areWrittenAsPythonWould() throws Exception {
        TestingAppContext ctx = new TestingAppContext()
                .arg(arg("n", 3)).arg(arg("x", 0.5)).arg(arg("whole", 2.0)).arg(arg("flag", true)).arg(arg("s", "text"));

        assertThat(build(ctx, "run {n} {x} {whole} {flag} {s}")).isEqualTo("run 3 0.5 2.0 True text");
    }

    @Test
    void emptyArguments_areLeftOutUnlessPrecious() throws Exception {
        TestingAppContext ctx = new TestingAppContext()
                .arg(arg("none", null)).arg(arg("no", false)).arg(arg("empty", ""))
                .arg(new AppArg("kept", "", "NoPort", null, false, true, null))
                .arg(new AppArg("keptFalse", false, "NoPort", null, false, true, null));

        assertThat(build(ctx, "x {none} {no} {empty} [{kept}] {keptFalse}"))
                .isEqualTo("x {none} {no} {empty} [] False");
    }

    @Test
    void bracesThatNameNothing_stayAsWritten() throws Exception {
        TestingAppContext ctx = new TestingAppContext().arg(arg("a", "1"));

        assertThat(build(ctx, "awk '{print $1}' {a} {unknown} ${HOME}")).isEqualTo("awk '{print $1}' 1 {unknown} ${HOME}");
    }

    @Test
    void valuesAreNotExpandedTwice() throws Exception {
        TestingAppContext ctx = new TestingAppContext().arg(arg("a", "{b}")).arg(arg("b", "x"));

        assertThat(build(ctx, "echo {a} {b}")).isEqualTo("echo {b} x");
    }

    @Test
    void positionalArgument_isNotReadFromAPortOfItsName() throws Exception {
        TestingAppContext ctx = new TestingAppContext()
                .arg(new AppArg("p", "static", "InputPort", "utf-8", true, false, null))
                .input(TestingDataDrop.of("m", "from port"), "p");

        assertThat(build(ctx, "echo {p}")).isEqualTo("echo static");
    }

    @Test
    void commandIsStripped() throws Exception {
        assertThat(build(new TestingAppContext(), "  ls -l \n")).isEqualTo("ls -l");
    }

    // ---- Legacy (DALiuGE <= 4.9) ----

    @Test
    void legacy_ddTestGraph_buildsDdWithItsArguments() throws Exception {
        TestingAppContext ctx = new TestingAppContext()
                .param("argumentPrefix", " ").param("paramValueSeparator", "=")
                .param("command_line_arguments", "").param("input_redirection", "").param("output_redirection", "")
                .arg(new AppArg("if", "%i0", "NoPort", null, false, false, "String"))
                .arg(new AppArg("of", "%o0", "NoPort", null, false, false, "String"))
                .arg(new AppArg("bs", 1024, "NoPort", null, false, false, "Integer"))
                .arg(new AppArg("count", 10, "NoPort", null, false, false, "Integer"))
                .input(file("in", IN)).output(file("out", OUT));

        assertThat(build(ctx, "dd")).isEqualTo("dd if=/s/in.bin of=/s/out.bin bs=1024 count=10");
    }

    @Test
    void legacy_defaultPrefixAndSeparator_singleLetterNamesGetOneDash() throws Exception {
        TestingAppContext ctx = new TestingAppContext()
                .arg(arg("input", "%i0")).arg(arg("n", 5)).arg(arg("skip", null)).input(file("in", IN));

        assertThat(build(ctx, "prog")).isEqualTo("prog --input /s/in.bin -n 5");
    }

    @Test
    void legacy_positionalArgumentsComeFirst() throws Exception {
        TestingAppContext ctx = new TestingAppContext()
                .arg(arg("opt", "v")).arg(positional("src", "%i0")).arg(positional("dst", "%o0"))
                .input(file("in", IN)).output(file("out", OUT));

        assertThat(build(ctx, "cp")).isEqualTo("cp /s/in.bin /s/out.bin --opt v");
    }

    @Test
    void legacy_bareTrueArgument_isAFlag() throws Exception {
        TestingAppContext ctx = new TestingAppContext().arg(bare("verbose", true)).arg(arg("in", "%i0")).input(file("i", IN));

        assertThat(build(ctx, "prog")).isEqualTo("prog --verbose --in /s/in.bin");
    }

    @Test
    void legacy_placeholdersByIndexUidAndDataUrl() throws Exception {
        TestingAppContext ctx = new TestingAppContext()
                .input(file("a", IN)).input(new TestingDataDrop("b").dataUrl("mem://h/1/b"))
                .output(file("c", OUT)).output(new TestingDataDrop("d").dataUrl("mem://h/1/d"));

        assertThat(build(ctx, "x %i0 %i[a] %o[c] %o0 %iDataURL1 %iDataURL[b] %oDataURL1 %oDataURL[d]"))
                .isEqualTo("x /s/in.bin /s/in.bin /s/out.bin /s/out.bin mem://h/1/b mem://h/1/b mem://h/1/d mem://h/1/d");
    }

    @Test
    void legacy_extraArgumentsAndRedirections() throws Exception {
        TestingAppContext ctx = new TestingAppContext()
                .param("command_line_arguments", "-v").param("input_redirection", "%i0")
                .param("output_redirection", "%o0")
                .input(file("in", IN)).output(file("out", OUT));

        assertThat(build(ctx, "sort")).isEqualTo("cat /s/in.bin | sort -v > /s/out.bin");
    }

    @Test
    void legacy_portBoundArgument_takesThePathOfItsDrop() throws Exception {
        TestingAppContext ctx = new TestingAppContext()
                .param("argumentPrefix", "").param("paramValueSeparator", "=")
                .arg(port("if", "InputPort", "path")).arg(arg("of", "%o0"))
                .input(file("in", IN), "if").output(file("out", OUT));

        assertThat(build(ctx, "dd")).isEqualTo("dd if=/s/in.bin of=/s/out.bin");
    }

    @Test
    void legacy_missingInput_isAnErrorNamingThePlaceholder() {
        TestingAppContext ctx = new TestingAppContext().input(file("in", IN));

        assertThatThrownBy(() -> build(ctx, "cat %i3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("%i3");
        assertThatThrownBy(() -> build(ctx, "cat %o[nope]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
    }
}
