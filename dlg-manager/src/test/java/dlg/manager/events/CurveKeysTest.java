package dlg.manager.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.neilalexander.jnacl.crypto.curve25519;
import dlg.manager.auth.ClusterSecret;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CurveKeysTest {

    private static final ClusterSecret SECRET = ClusterSecret.of("correct-horse-battery-staple", "test");

    @Test
    void publicKey_rfc7748Vectors_areTheKnownAnswers() {
        HexFormat hex = HexFormat.of();
        // RFC 7748, 6.1: Alice's and Bob's key pairs
        assertThat(hex.formatHex(CurveKeys.publicKey(hex.parseHex(
                "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"))))
                .isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        assertThat(hex.formatHex(CurveKeys.publicKey(hex.parseHex(
                "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"))))
                .isEqualTo("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    }

    @Test
    void of_secret_publicKeysAreWhatJeroMqsCurveLibraryComputes() {
        CurveKeys keys = CurveKeys.of(SECRET);

        assertThat(keys.serverPublic()).isEqualTo(jnaclPublic(keys.serverSecret()));
        assertThat(keys.clientPublic()).isEqualTo(jnaclPublic(keys.clientSecret()));
    }

    @Test
    void of_secret_secretKeysAreDerivedForTheirOwnPurposes() {
        CurveKeys keys = CurveKeys.of(SECRET);

        assertThat(keys.serverSecret()).isEqualTo(SECRET.derive("dlg-events-curve-server")).hasSize(32);
        assertThat(keys.clientSecret()).isEqualTo(SECRET.derive("dlg-events-curve-client")).hasSize(32);
        assertThat(keys.serverPublic()).isNotEqualTo(keys.clientPublic());
    }

    @Test
    void of_sameToken_sameKeysOnEveryNode_anotherToken_otherKeys() {
        CurveKeys here = CurveKeys.of(SECRET);
        CurveKeys there = CurveKeys.of(ClusterSecret.of("correct-horse-battery-staple\n", "file"));
        CurveKeys other = CurveKeys.of(ClusterSecret.of("another-horse-battery-staple", "test"));

        assertThat(there.serverPublic()).isEqualTo(here.serverPublic());
        assertThat(there.isClient(here.clientPublic())).isTrue();
        assertThat(other.serverPublic()).isNotEqualTo(here.serverPublic());
        assertThat(other.isClient(here.clientPublic())).isFalse();
        assertThat(here.isClient(null)).isFalse();
    }

    @Test
    void of_noSecret_noKeys() {
        assertThat(CurveKeys.of(null)).isNull();
    }

    @Test
    void publicKey_notThirtyTwoBytes_isRefused() {
        assertThatThrownBy(() -> CurveKeys.publicKey(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes, not 31");
    }

    @Test
    void toString_showsNoKey() {
        CurveKeys keys = CurveKeys.of(SECRET);

        assertThat(keys.toString()).doesNotContain(HexFormat.of().formatHex(keys.serverPublic()))
                .doesNotContain(org.zeromq.ZMQ.Curve.z85Encode(keys.serverPublic()));
    }

    /** crypto_scalarmult_base of NaCl, as ported by jnacl (what JeroMQ's CURVE runs on). */
    private static byte[] jnaclPublic(byte[] secret) {
        byte[] pk = new byte[32];
        curve25519.crypto_scalarmult_base(pk, secret);
        return pk;
    }
}
