package dlg.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.AbstractMap.SimpleEntry;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class ParamMapTest {

    @Test
    void build_entries_keepInsertionOrder() {
        ParamMap m = ParamMap.builder().put("z", 1).put("a", 2).put("m", 3).build();

        assertThat(m).containsExactly(Map.entry("z", 1), Map.entry("a", 2), Map.entry("m", 3));
        assertThat(List.copyOf(m.keySet())).containsExactly("z", "a", "m");
        assertThat(m.size()).isEqualTo(3);
    }

    @Test
    void build_nullValue_isKeptAndContained() {
        ParamMap m = ParamMap.builder().put("n", null).put("x", 1).build();

        assertThat(m.containsKey("n")).isTrue();
        assertThat(m.get("n")).isNull();
        assertThat(m.containsValue(null)).isTrue();
        assertThat(m.entrySet()).containsExactly(new SimpleEntry<>("n", null), new SimpleEntry<>("x", 1));
    }

    @Test
    void put_duplicateKey_keepsFirstPositionAndLastValue() {
        ParamMap m = ParamMap.builder().put("x", 1).put("y", 2).put("x", 3).build();

        assertThat(m).containsExactly(Map.entry("x", 3), Map.entry("y", 2));
    }

    @Test
    void put_nullKey_isRefused() {
        assertThatThrownBy(() -> ParamMap.builder().put(null, 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("key");
    }

    @Test
    void get_absentOrNullKey_isNull() {
        ParamMap m = ParamMap.builder().put("x", 1).build();

        assertThat(m.get("y")).isNull();
        assertThat(m.get(null)).isNull();
        assertThat(m.containsKey("y")).isFalse();
        assertThat(m.containsKey(null)).isFalse();
        assertThat(m.get(1)).isNull();
    }

    @Test
    void build_manyEntries_growsBeyondInitialCapacity() {
        ParamMap.Builder b = ParamMap.builder();
        for (int i = 0; i < 100; i++) {
            b.put("k" + i, i);
        }

        ParamMap m = b.build();

        assertThat(m).hasSize(100);
        assertThat(m.get("k0")).isEqualTo(0);
        assertThat(m.get("k99")).isEqualTo(99);
    }

    @Test
    void build_nothing_isTheEmptyMap() {
        assertThat(ParamMap.builder().build()).isSameAs(ParamMap.of());
        assertThat(ParamMap.of()).isEmpty();
    }

    @Test
    void builder_putAfterBuild_doesNotChangeTheBuiltMap() {
        ParamMap.Builder b = ParamMap.builder().put("x", 1);
        ParamMap first = b.build();

        b.put("x", 2).put("y", 3);

        assertThat(first).containsExactly(Map.entry("x", 1));
        assertThat(b.build()).containsExactly(Map.entry("x", 2), Map.entry("y", 3));
    }

    @Test
    void equalsAndHashCode_matchHashMapWithSameEntries() {
        ParamMap m = ParamMap.builder().put("a", 1).put("b", null).put("c", "x").build();
        Map<String, Object> h = new HashMap<>();
        h.put("c", "x");
        h.put("b", null);
        h.put("a", 1);

        assertThat(m).isEqualTo(h);
        assertThat(h).isEqualTo(m);
        assertThat(m.hashCode()).isEqualTo(h.hashCode());
        assertThat(m).isEqualTo(new LinkedHashMap<>(h));
    }

    @Test
    void equals_differentValueOrMissingNullKey_isFalse() {
        ParamMap m = ParamMap.builder().put("a", 1).put("b", null).build();
        Map<String, Object> other = new HashMap<>();
        other.put("a", 1);
        other.put("c", null);

        assertThat(m).isNotEqualTo(other);
        assertThat(m).isNotEqualTo(Map.of("a", 2));
    }

    @Test
    void mutators_areUnsupported() {
        ParamMap m = ParamMap.builder().put("a", 1).build();

        assertThatThrownBy(() -> m.put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(m::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.entrySet().iterator().next().setValue(5))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void iterator_pastTheEnd_throwsNoSuchElement() {
        Iterator<Map.Entry<String, Object>> it = ParamMap.builder().put("a", 1).build().entrySet().iterator();
        it.next();

        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void toString_looksLikeAMap() {
        assertThat(ParamMap.builder().put("a", 1).put("b", null).build()).hasToString("{a=1, b=null}");
    }

    @Test
    void sharing_equalPlainMaps_areOneInstance() {
        ParamMap.Sharing sharing = new ParamMap.Sharing();
        ParamMap.Builder b = ParamMap.builder();

        ParamMap first = sharing.build(b.put("sleep_time", 0).put("name", "x"));
        b.clear();
        ParamMap second = sharing.build(b.put("sleep_time", 0).put("name", new String("x")));
        b.clear();
        ParamMap other = sharing.build(b.put("sleep_time", 0L).put("name", "x"));

        assertThat(second).isSameAs(first);
        assertThat(other).isNotSameAs(first).isEqualTo(java.util.Map.of("sleep_time", 0L, "name", "x"));
        assertThat(first).containsEntry("sleep_time", 0).containsEntry("name", "x");
    }

    @Test
    void sharing_nestedOrLongValues_areNotShared() {
        ParamMap.Sharing sharing = new ParamMap.Sharing();
        ParamMap.Builder b = ParamMap.builder();
        String longText = "x".repeat(200);

        ParamMap first = sharing.build(b.put("args", new RawJson("[1]")));
        b.clear();
        ParamMap second = sharing.build(b.put("args", new RawJson("[1]")));
        b.clear();
        ParamMap third = sharing.build(b.put("text", longText));
        b.clear();
        ParamMap fourth = sharing.build(b.put("text", longText));

        assertThat(second).isEqualTo(first).isNotSameAs(first);
        assertThat(fourth).isEqualTo(third).isNotSameAs(third);
        assertThat(sharing.build(ParamMap.builder())).isSameAs(ParamMap.of());
    }

    @Test
    void sharing_manyDistinctMaps_keepsReturningEqualMaps() {
        ParamMap.Sharing sharing = new ParamMap.Sharing();
        ParamMap.Builder b = ParamMap.builder();

        for (int i = 0; i < 2 * ParamMap.Sharing.MAX_SHARED; i++) {
            b.clear();
            assertThat(sharing.build(b.put("i", i))).containsExactly(java.util.Map.entry("i", i));
        }
        b.clear();
        assertThat(sharing.build(b.put("i", 7))).isSameAs(sharing.build(b));
    }
}
