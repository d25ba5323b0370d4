package dlg.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PicklesTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    // ---- Round trips ----

    @Test
    void dumpsThenLoads_scalars_comeBackEqual() {
        assertThat(Pickles.loads(Pickles.dumps("héllo"))).isEqualTo("héllo");
        assertThat(Pickles.loads(Pickles.dumps(0.5))).isEqualTo(0.5);
        assertThat(Pickles.loads(Pickles.dumps(true))).isEqualTo(true);
        assertThat(Pickles.loads(Pickles.dumps(null))).isNull();
        assertThat(((Number) Pickles.loads(Pickles.dumps(42L))).longValue()).isEqualTo(42L);
        assertThat(Pickles.loads(Pickles.dumps(12345678901L))).isEqualTo(12345678901L);
    }

    @Test
    void dumpsThenLoads_listOfMixedValues_comesBackInOrder() {
        List<Object> list = Arrays.asList("a", 2.5, null, 12345678901L, List.of("nested"));

        Object back = Pickles.loads(Pickles.dumps(list));

        assertThat(back).isEqualTo(list);
    }

    @Test
    void dumpsThenLoads_map_comesBackEqual() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("k", "v");
        map.put("xs", List.of(1.5, 2.5));
        map.put("none", null);

        assertThat(Pickles.loads(Pickles.dumps(map))).isEqualTo(map);
    }

    @Test
    void loads_picklesWrittenByPython_areJavaValues() {
        // pickle.dumps([1, 2.5, 'a', None, True, {'k': 'v'}, 2**70], protocol=4)
        byte[] python = hex("8004952c000000000000005d94284b014740040000000000008c0161944e887d948c016b948c0176"
                + "94738a09000000000000000040652e");

        Object v = Pickles.loads(python);

        assertThat(v).isEqualTo(Arrays.asList(1, 2.5, "a", null, true, Map.of("k", "v"), BigInteger.TWO.pow(70)));
    }

    @Test
    void loads_tuple_isAnArray() {
        // pickle.dumps((1, 'x'), protocol=2)
        assertThat(Pickles.loads(hex("80024b0158010000007871008671012e"))).isEqualTo(new Object[] {1, "x"});
    }

    // ---- Refusals ----

    @Test
    void loads_empty_isRefused() {
        assertThatThrownBy(() -> Pickles.loads(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no data to unpickle (empty drop)");
    }

    @Test
    void loads_garbage_isIllegalArgument() {
        assertThatThrownBy(() -> Pickles.loads("hello world".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a readable pickle: ");
    }

    @Test
    void loads_truncatedPickle_isIllegalArgument() {
        byte[] whole = Pickles.dumps(List.of("a", "b", "c"));
        byte[] truncated = Arrays.copyOf(whole, whole.length - 3);

        assertThatThrownBy(() -> Pickles.loads(truncated))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a readable pickle: ");
    }

    @Test
    void loads_classItCannotConstruct_isIllegalArgument() {
        // pickle.dumps(fractions.Fraction(1, 3), protocol=4)
        byte[] fraction = hex("80049522000000000000008c096672616374696f6e73948c084672616374696f6e9493944b014b03"
                + "869452942e");

        assertThatThrownBy(() -> Pickles.loads(fraction))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a readable pickle: ");
    }

    @Test
    void dumps_valueWithoutPythonEquivalent_isIllegalArgument() {
        Object thread = Thread.currentThread();

        assertThatThrownBy(() -> Pickles.dumps(thread))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot pickle ");
    }

    // ---- looksPickled ----

    @Test
    void looksPickled_protocols2To5_isTrue() {
        assertThat(Pickles.looksPickled(Pickles.dumps(List.of(1)))).isTrue();
        assertThat(Pickles.looksPickled(new byte[] {(byte) 0x80, 2})).isTrue();
        assertThat(Pickles.looksPickled(new byte[] {(byte) 0x80, 5, '.'})).isTrue();
    }

    @Test
    void looksPickled_textOrOtherBytes_isFalse() {
        assertThat(Pickles.looksPickled("Hello World".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(Pickles.looksPickled(new byte[0])).isFalse();
        assertThat(Pickles.looksPickled(new byte[] {(byte) 0x80})).isFalse();
        assertThat(Pickles.looksPickled(new byte[] {(byte) 0x80, 1})).isFalse();
        assertThat(Pickles.looksPickled(new byte[] {(byte) 0x80, 6})).isFalse();
        assertThat(Pickles.looksPickled("I5\n.".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }
}
