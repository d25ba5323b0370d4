package dlg.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** One item is held as itself, several as their array, none as null or an empty array. */
class OneOrManyTest {

    private static final String[] NONE = new String[0];

    @Test
    void oneItem_isHeldAsItself_andReadsAsAListOfOne() {
        Object held = OneOrMany.of(new String[] {"a"});

        assertThat(held).isEqualTo("a");
        assertThat(OneOrMany.count(held)).isEqualTo(1);
        assertThat(OneOrMany.<String>at(held, 0)).isEqualTo("a");
        assertThat(OneOrMany.<String>list(held)).containsExactly("a");
        assertThat(OneOrMany.array(held, NONE)).containsExactly("a");
        assertThatThrownBy(() -> OneOrMany.at(held, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void severalItems_areHeldAsTheirArray_inOrder() {
        String[] items = {"a", "b"};
        Object held = OneOrMany.of(items);

        assertThat(held).isSameAs(items);
        assertThat(OneOrMany.count(held)).isEqualTo(2);
        assertThat(OneOrMany.<String>at(held, 1)).isEqualTo("b");
        assertThat(OneOrMany.<String>list(held)).containsExactly("a", "b");
        assertThatThrownBy(() -> OneOrMany.<String>list(held).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void appending_toNoneOneOrSeveral_keepsTheOrder() {
        Object one = OneOrMany.append(NONE, new String[] {"a"}, NONE);
        Object three = OneOrMany.append(one, new String[] {"b", "c"}, NONE);

        assertThat(one).isEqualTo("a");
        assertThat(OneOrMany.<String>list(three)).containsExactly("a", "b", "c");
        assertThat(OneOrMany.append(three, NONE, NONE)).isInstanceOf(String[].class);
    }

    @Test
    void noItems_countNone_whetherNullOrEmpty() {
        assertThat(OneOrMany.count(null)).isZero();
        assertThat(OneOrMany.count(OneOrMany.of(NONE))).isZero();
        assertThat(OneOrMany.list(null)).isEmpty();
        assertThat(OneOrMany.array(null, NONE)).isSameAs(NONE);
        assertThatThrownBy(() -> OneOrMany.at(null, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
