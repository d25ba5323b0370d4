package dlg.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OidIndexTest {

    /** Keys by index, as the owner of an index keeps them. */
    private final String[] keys = new String[1000];

    private int put(OidIndex index, String key, int value) {
        if (keys[value] == null) {
            keys[value] = key;
        }
        return index.putIfAbsent(key, value);
    }

    @Test
    void get_absentKey_isMinusOne() {
        OidIndex index = new OidIndex(4, keys);
        put(index, "A", 0);

        assertThat(index.get("B")).isEqualTo(-1);
        assertThat(new OidIndex(0, keys).get("A")).isEqualTo(-1);
    }

    @Test
    void putIfAbsent_newKey_returnsMinusOneAndStores() {
        OidIndex index = new OidIndex(4, keys);

        assertThat(put(index, "A", 7)).isEqualTo(-1);

        assertThat(index.get("A")).isEqualTo(7);
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void putIfAbsent_existingKey_returnsExistingAndKeepsIt() {
        OidIndex index = new OidIndex(4, keys);
        put(index, "A", 1);

        assertThat(put(index, "A", 2)).isEqualTo(1);

        assertThat(index.get("A")).isEqualTo(1);
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void putIfAbsent_equalButNotSameString_isFound() {
        OidIndex index = new OidIndex(4, keys);
        put(index, new String("oid-1"), 3);

        assertThat(index.get(new String("oid-1"))).isEqualTo(3);
        assertThat(put(index, new String("oid-1"), 9)).isEqualTo(3);
    }

    @Test
    void putIfAbsent_negativeValue_isRefused() {
        OidIndex index = new OidIndex(4, keys);

        assertThatThrownBy(() -> index.putIfAbsent("A", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index must be >= 0: -1");
        assertThat(index.size()).isZero();
    }

    @Test
    void putIfAbsent_beyondExpectedSize_growsAndKeepsEveryEntry() {
        OidIndex index = new OidIndex(1, keys);

        for (int i = 0; i < 1000; i++) {
            put(index, "d" + i, i);
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
        String[] many = new String[n];
        OidIndex index = new OidIndex(n, many);

        for (int i = 0; i < n; i++) {
            many[i] = "2024-10-30T12:01:57_" + i + "_0";
            assertThat(index.putIfAbsent(many[i], i)).isEqualTo(-1);
        }

        assertThat(index.size()).isEqualTo(n);
        for (int i = 0; i < n; i += 997) {
            assertThat(index.get("2024-10-30T12:01:57_" + i + "_0")).isEqualTo(i);
        }
        assertThat(index.get("2024-10-30T12:01:57_" + n + "_0")).isEqualTo(-1);
    }

    @Test
    void putIfAbsent_keysWithEqualHashCodes_areKeptApart() {
        OidIndex index = new OidIndex(2, keys);
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());

        put(index, "Aa", 1);
        put(index, "BB", 2);
        put(index, "AaAa", 3);
        put(index, "BBBB", 4);
        put(index, "AaBB", 5);

        assertThat(index.get("Aa")).isEqualTo(1);
        assertThat(index.get("BB")).isEqualTo(2);
        assertThat(index.get("AaAa")).isEqualTo(3);
        assertThat(index.get("BBBB")).isEqualTo(4);
        assertThat(index.get("AaBB")).isEqualTo(5);
        assertThat(index.get("BBAa")).isEqualTo(-1);
    }

    @Test
    void keys_largerArray_isUsedFromThenOn() {
        String[] small = {"A"};
        OidIndex index = new OidIndex(1, small);
        index.putIfAbsent("A", 0);
        String[] larger = {"A", "B"};

        index.keys(larger);
        index.putIfAbsent("B", 1);

        assertThat(index.get("A")).isZero();
        assertThat(index.get("B")).isEqualTo(1);
    }

    @Test
    void get_chars_findsTheKeyMadeOfThem() {
        OidIndex index = new OidIndex(4, keys);
        put(index, "oid-1", 3);
        char[] chars = "[oid-1]".toCharArray();

        assertThat(index.get(chars, 1, 5, OidIndex.hash(chars, 1, 5))).isEqualTo(3);
        assertThat(index.get(chars, 1, 4, OidIndex.hash(chars, 1, 4))).isEqualTo(-1);
    }

    @Test
    void hash_ofChars_isTheStringsHashCode() {
        char[] chars = "x2024-10-30T12:01:57_0140555b-8c23_0".toCharArray();

        assertThat(OidIndex.hash(chars, 1, chars.length - 1)).isEqualTo(new String(chars, 1, chars.length - 1).hashCode());
        assertThat(OidIndex.hash(chars, 0, 0)).isEqualTo("".hashCode());
    }

    @Test
    void withKeys_sharesEntriesUntilEitherChanges() {
        OidIndex index = new OidIndex(2, keys);
        put(index, "A", 0);
        String[] copy = keys.clone();
        OidIndex other = index.withKeys(copy);

        copy[1] = "B";
        other.putIfAbsent("B", 1);
        for (int i = 0; i < 100; i++) {
            copy[i + 2] = "c" + i;
            other.putIfAbsent(copy[i + 2], i + 2); // grows the other
        }
        put(index, "D", 1);

        assertThat(index.get("B")).isEqualTo(-1);
        assertThat(index.get("D")).isEqualTo(1);
        assertThat(index.size()).isEqualTo(2);
        assertThat(other.get("A")).isZero();
        assertThat(other.get("D")).isEqualTo(-1);
        assertThat(other.get("c99")).isEqualTo(101);
    }
}
