package dlg.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepeatedStringsTest {

    private final RepeatedStrings strings = new RepeatedStrings();

    private String of(String s) {
        char[] chars = ("<" + s + ">").toCharArray();
        return strings.of(chars, 1, s.length());
    }

    @Test
    void of_chars_isTheInternedString() {
        String literal = "dlg.apps.simple.SleepApp";

        assertThat(of(literal)).isSameAs(literal);
        assertThat(of(literal)).isSameAs(literal);
        assertThat(strings.of(new String(literal))).isSameAs(literal);
    }

    @Test
    void of_manyValues_eachStaysOneInstance() {
        String[] first = new String[100];
        for (int i = 0; i < 100; i++) {
            first[i] = of("node-" + i);
        }

        for (int i = 99; i >= 0; i--) {
            assertThat(of("node-" + i)).isSameAs(first[i]).isEqualTo("node-" + i);
            assertThat(strings.of("node-" + i)).isSameAs(first[i]);
        }
        assertThat(of("")).isEmpty();
    }
}
