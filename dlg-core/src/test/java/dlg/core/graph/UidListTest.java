package dlg.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Uids kept as characters are found in a graph's index as their Strings are. */
class UidListTest {

    @Test
    void addedUids_comeBackAsTheyWere_acrossGrowth() {
        UidList l = new UidList();
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            String uid = i % 7 == 0 ? "" : "uid-" + i + "-é";
            added.add(uid);
            if (i % 2 == 0) {
                l.add(uid);
            } else {
                char[] buffer = ("xx" + uid + "yy").toCharArray();
                l.add(buffer, 2, uid.length());
            }
        }
        assertThat(l.size()).isEqualTo(5000);
        for (int i = 0; i < 5000; i++) {
            assertThat(l.uid(i)).isEqualTo(added.get(i));
        }
    }

    @Test
    void indexOfUid_byCharacters_findsWhatTheStringFinds() {
        String[] keys = new String[3000];
        OidIndex index = new OidIndex(10, keys);
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "d" + i;
            index.putIfAbsent(keys[i], i);
        }
        UidList l = UidList.of(List.of("d0", "d2999", "d17", "nope", "d", "d29990"));
        for (int k = 0; k < l.size(); k++) {
            assertThat(index.get(l.chars(), l.start(k), l.end(k) - l.start(k))).as(l.uid(k)).isEqualTo(index.get(l.uid(k)));
        }
        assertThat(index.get(l.chars(), l.start(1), l.end(1) - l.start(1))).isEqualTo(2999);
        assertThat(index.get(l.chars(), l.start(3), l.end(3) - l.start(3))).isEqualTo(-1);
    }
}
