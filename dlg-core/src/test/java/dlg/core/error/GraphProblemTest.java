package dlg.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GraphProblemTest {

    @Test
    void toString_withOid_prefixesTheDrop() {
        assertThat(new GraphProblem("A", "bad link")).hasToString("drop 'A': bad link");
    }

    @Test
    void ofGraph_noOid_isTheMessageAlone() {
        var p = GraphProblem.ofGraph("not a list");

        assertThat(p.oid()).isNull();
        assertThat(p).hasToString("not a list");
    }
}
