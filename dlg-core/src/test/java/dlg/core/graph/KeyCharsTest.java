package dlg.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Keys compared from the block, each exactly; a key beyond Latin-1 is left to its String. */
class KeyCharsTest {

    private static int matches(KeyChars keys, int i, String candidate) {
        char[] padded = ("xx" + candidate + "yy").toCharArray(); // an offset, as in a UidList's block
        return keys.matches(i, padded, 2, candidate.length());
    }

    @Test
    void matches_eachKeyExactly_evenAfterAKeyNotHeld() {
        KeyChars keys = new KeyChars();
        keys.ensureCapacity(2, 4);
        for (String k : new String[] {"d0", "café", "", "Ωmega", "d10", "d1"}) {
            keys.add(k);
        }

        assertThat(keys.size()).isEqualTo(6);
        assertThat(matches(keys, 0, "d0")).isEqualTo(1);
        assertThat(matches(keys, 0, "d1")).isZero();
        assertThat(matches(keys, 0, "d00")).isZero();
        assertThat(matches(keys, 0, "d\u0130")).isZero(); // its low byte is '0''s: compared as a char, not a byte
        assertThat(matches(keys, 0, "e0")).isZero();
        assertThat(matches(keys, 1, "café")).isEqualTo(1); // é is Latin-1: held
        assertThat(matches(keys, 1, "cafe")).isZero();
        assertThat(matches(keys, 2, "")).isEqualTo(1);
        assertThat(matches(keys, 2, "d0")).isZero();
        assertThat(matches(keys, 3, "Ωmega")).isEqualTo(-1); // not held: the caller compares the String
        assertThat(matches(keys, 3, "omega")).isEqualTo(-1);
        assertThat(matches(keys, 4, "d10")).isEqualTo(1); // the keys after it start where they should
        assertThat(matches(keys, 5, "d1")).isEqualTo(1);
        assertThat(matches(keys, 5, "d10")).isZero();
    }

    @Test
    void lookUpByGuess_uidsBeyondLatin1_stillFoundExactly() {
        GraphSpec g = new GraphSpec();
        g.append(GraphReader.read("""
                [{"oid": "Ωa", "categoryType": "Data"}, {"oid": "Ωb", "categoryType": "Data"},
                 {"oid": "plain", "categoryType": "Data"}]"""), SpecChecker.NONE);
        UidList l = new UidList();
        l.add("Ωb");
        l.add("plain");
        l.add("Ωc");

        assertThat(g.indexOfUid(l, 0, 1)).isEqualTo(1); // the guess, compared as a String
        assertThat(g.indexOfUid(l, 0, 0)).isEqualTo(1); // a wrong guess: found by its hash
        assertThat(g.indexOfUid(l, 1, 2)).isEqualTo(2);
        assertThat(g.indexOfUid(l, 2, 1)).isEqualTo(-1);
    }

    @Test
    void lookUpByGuess_twoAppendedParts_keysFollowOn() {
        GraphSpec g = new GraphSpec();
        g.append(GraphReader.read("[{\"oid\": \"a\", \"categoryType\": \"Data\"}]"), SpecChecker.NONE);
        g.append(GraphReader.read("""
                [{"oid": "b", "uid": "ub", "categoryType": "Data"}, {"oid": "c", "categoryType": "Data"}]"""),
                SpecChecker.NONE);
        UidList l = new UidList();
        l.add("a");
        l.add("ub");
        l.add("c");
        l.add("b"); // an oid, not b's uid

        assertThat(g.indexOfUid(l, 0, 0)).isZero();
        assertThat(g.indexOfUid(l, 1, 1)).isEqualTo(1);
        assertThat(g.indexOfUid(l, 2, 2)).isEqualTo(2);
        assertThat(g.indexOfUid(l, 3, 1)).isEqualTo(-1);
    }
}
