package dlg.manager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSecretTest {

    @TempDir
    Path tmp;

    @Test
    void token_isReadWithoutItsSurroundingWhiteSpace_andMatchesOnlyItself() throws Exception {
        Path file = Files.writeString(tmp.resolve("t"), "  0123456789abcdefXYZ\n");
        ClusterSecret s = ClusterSecret.read(file);

        assertThat(s.token()).isEqualTo("0123456789abcdefXYZ");
        assertThat(s.matches("0123456789abcdefXYZ")).isTrue();
        assertThat(s.matches("0123456789abcdefXY")).isFalse();
        assertThat(s.matches(null)).isFalse();
        assertThat(s.toString()).doesNotContain("0123456789");
    }

    @Test
    void shortOrUnprintableToken_isRefused_sayingWhy() {
        assertThatThrownBy(() -> ClusterSecret.of("short", "test")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 characters").hasMessageContaining("at least 16");
        assertThatThrownBy(() -> ClusterSecret.of("0123456789 abcdefgh", "test"))
                .hasMessageContaining("position 10");
        assertThatThrownBy(() -> ClusterSecret.of("0123456789;abcdefgh", "test")).hasMessageContaining("';'");
    }

    @Test
    void missingFile_namesIt() {
        assertThatThrownBy(() -> ClusterSecret.read(tmp.resolve("nope"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read the auth token file").hasMessageContaining("nope");
    }

    @Test
    void generated_isFreshEachTime_andWrittenForItsOwnerOnly() throws Exception {
        ClusterSecret a = ClusterSecret.generate();
        ClusterSecret b = ClusterSecret.generate();
        assertThat(a.token()).hasSize(43).isNotEqualTo(b.token());

        Path file = tmp.resolve("token");
        a.writeTo(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(ClusterSecret.othersMayRead(file)).isFalse();
        assertThat(ClusterSecret.read(file).token()).isEqualTo(a.token());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(ClusterSecret.othersMayRead(file)).isTrue();
    }

    @Test
    void derivedKeys_differByPurpose_andBySecret_andAreStable() {
        ClusterSecret s = ClusterSecret.of("0123456789abcdef", "test");
        assertThat(s.derive("a")).hasSize(32).isEqualTo(ClusterSecret.of("0123456789abcdef", "again").derive("a"))
                .isNotEqualTo(s.derive("b")).isNotEqualTo(ClusterSecret.of("0123456789abcdeg", "other").derive("a"));
        assertThat(s.sign("p", new byte[] {1}, new byte[] {2})).isEqualTo(s.sign("p", new byte[] {1, 2}))
                .isNotEqualTo(s.sign("q", new byte[] {1, 2}));
    }

    @Test
    void derive_isHmacSha256OfThePurposeUnderTheToken() {
        // computed apart, with Python's hmac module
        ClusterSecret s = ClusterSecret.of("Jefe-Jefe-Jefe-!", "test");
        assertThat(java.util.HexFormat.of().formatHex(s.derive("what do ya want for nothing?")))
                .isEqualTo("1602972718aa52768247181337f3ec769e1403865fca0a6c0d3d8d08f276fca7");
    }
}
