package dlg.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OidIndexTest {

    @Test
    void get_absentKey_isMinusOne() {
        OidIndex index = new OidIndex(4);
        index.putIfAbsent("A", 0);

        assertThat(index.get("B")).isEqualTo(-1);
        assertThat(new OidIndex(0).get("A")).isEqualTo(-1);
    }

    @Test
    void putIfAbsent_newKey_returnsMinusOneAndStores() {
        OidIndex index = new OidIndex(4);

        assertThat(index.putIfAbsent("A", 7)).isEqualTo(-1);

        assertThat(index.get("A")).isEqualTo(7);
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void putIfAbsent_existingKey_returnsExistingAndKeepsIt() {
        OidIndex index = new OidIndex(4);
        index.putIfAbsent("A", 1);

        assertThat(index.putIfAbsent("A", 2)).isEqualTo(1);

        assertThat(index.get("A")).isEqualTo(1);
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void putIfAbsent_equalButNotSameString_isFound() {
        OidIndex index = new OidIndex(4);
        index.putIfAbsent(new String("oid-1"), 3);

        assertThat(index.get(new String("oid-1"))).isEqualTo(3);
        assertThat(index.putIfAbsent(new String("oid-1"), 9)).isEqualTo(3);
    }

    @Test
    void putIfAbsent_negativeValue_isRefused() {
        OidIndex index = new OidIndex(4);

        assertThatThrownBy(() -> index.putIfAbsent("A", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index must be >= 0: -1");
        assertThat(index.size()).isZero();
    }

    @Test
    void putIfAbsent_beyondExpectedSize_growsAndKeepsEveryEntry() {
        OidIndex index = new OidIndex(1);

        for (int i = 0; i < 1000; i++) {
            index.putIfAbsent("d" + i, i);
        }

        assertThat(index.size()).isEqualTo(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(index.get("d" + i)).isEqualTo(i);
        }
        assertThat(index.get("d1000")).isEqualTo(-1);
    }

    @Test
    void putIfAbsent_manyKeys_allFound() {
        int n = 300_000;
        OidIndex index = new OidIndex(n);

        for (int i = 0; i < n; i++) {
            assertThat(index.putIfAbsent("2024-10-30T12:01:57_" + i + "_0", i)).isEqualTo(-1);
        }

        assertThat(index.size()).isEqualTo(n);
        for (int i = 0; i < n; i += 997) {
            assertThat(index.get("2024-10-30T12:01:57_" + i + "_0")).isEqualTo(i);
        }
        assertThat(index.get("2024-10-30T12:01:57_" + n + "_0")).isEqualTo(-1);
    }

    @Test
    void putIfAbsent_keysWithEqualHashCodes_areKeptApart() {
        OidIndex index = new OidIndex(2);
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());

        index.putIfAbsent("Aa", 1);
        index.putIfAbsent("BB", 2);
        index.putIfAbsent("AaAa", 3);
        index.putIfAbsent("BBBB", 4);
        index.putIfAbsent("AaBB", 5);

        assertThat(index.get("Aa")).isEqualTo(1);
        assertThat(index.get("BB")).isEqualTo(2);
        assertThat(index.get("AaAa")).isEqualTo(3);
        assertThat(index.get("BBBB")).isEqualTo(4);
        assertThat(index.get("AaBB")).isEqualTo(5);
        assertThat(index.get("BBAa")).isEqualTo(-1);
    }

    @Test
    void slotOf_chars_findsTheKeyMadeOfThem() {
        OidIndex index = new OidIndex(4);
        index.putIfAbsent("oid-1", 3);
        char[] chars = "[oid-1]".toCharArray();

        int slot = index.slotOf(chars, 1, 5, OidIndex.hash(chars, 1, 5));

        assertThat(slot).isNotNegative();
        assertThat(index.keyAt(slot)).isEqualTo("oid-1");
        assertThat(index.valueAt(slot)).isEqualTo(3);
        assertThat(index.slotOf(chars, 1, 4, OidIndex.hash(chars, 1, 4))).isEqualTo(-1);
    }

    @Test
    void hash_ofChars_isTheStringsHashCode() {
        char[] chars = "x2024-10-30T12:01:57_0140555b-8c23_0".toCharArray();

        assertThat(OidIndex.hash(chars, 1, chars.length - 1)).isEqualTo(new String(chars, 1, chars.length - 1).hashCode());
        assertThat(OidIndex.hash(chars, 0, 0)).isEqualTo("".hashCode());
    }

    @Test
    void copy_isIndependent() {
        OidIndex index = new OidIndex(2);
        index.putIfAbsent("A", 0);
        OidIndex copy = index.copy();

        copy.putIfAbsent("B", 1);
        for (int i = 0; i < 100; i++) {
            copy.putIfAbsent("c" + i, i + 2); // grows the copy
        }

        assertThat(index.get("B")).isEqualTo(-1);
        assertThat(index.size()).isEqualTo(1);
        assertThat(copy.get("A")).isZero();
        assertThat(copy.get("c99")).isEqualTo(101);
    }
}
