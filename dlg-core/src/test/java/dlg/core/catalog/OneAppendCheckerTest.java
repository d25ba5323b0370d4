package dlg.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.core.error.GraphProblem;
import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run of drops alike is checked once; a drop that differs from the last one that passed is checked in full. */
class OneAppendCheckerTest {

    private static final String SLEEP =
            "\"categoryType\": \"Application\", \"dropclass\": \"dlg.apps.simple.SleepApp\"";

    private final DropCatalog catalog = DropCatalog.standard();
    private final OneAppendChecker checker = new OneAppendChecker(catalog);
    private final List<GraphProblem> problems = new ArrayList<>();

    private List<DropSpec> read(String drops) {
        return GraphReader.read("[" + drops + "]").drops();
    }

    private void checkAll(List<DropSpec> drops) {
        drops.forEach(d -> checker.check(d, problems::add));
    }

    @Test
    void dropsWithTheSameClassAndParameters_areCheckedInFullOnce() {
        StringBuilder drops = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            drops.append(i == 0 ? "" : ",").append("{\"oid\": \"a").append(i).append("\", ").append(SLEEP)
                    .append(", \"sleep_time\": 0}");
        }
        checkAll(read(drops.toString()));

        assertThat(problems).isEmpty();
        assertThat(checker.checkedInFull()).isEqualTo(1);
    }

    @Test
    void interleavedKinds_areEachCheckedInFullOnce() {
        StringBuilder drops = new StringBuilder();
        for (int i = 0; i < 100; i++) { // data, app, data: as the benchmarks' wide graphs
            drops.append(i == 0 ? "" : ",")
                    .append("{\"oid\": \"i").append(i).append("\", \"categoryType\": \"Data\", ")
                    .append("\"dropclass\": \"dlg.data.drops.memory.InMemoryDROP\"},")
                    .append("{\"oid\": \"a").append(i).append("\", ").append(SLEEP).append(", \"sleep_time\": 0},")
                    .append("{\"oid\": \"o").append(i).append("\", \"categoryType\": \"Data\", ")
                    .append("\"dropclass\": \"dlg.data.drops.memory.InMemoryDROP\"}");
        }
        checkAll(read(drops.toString()));

        assertThat(problems).isEmpty();
        assertThat(checker.checkedInFull()).isEqualTo(2);
    }

    @Test
    void moreKindsThanRemembered_areCheckedAgain_andStillPass() {
        StringBuilder drops = new StringBuilder();
        for (int i = 0; i < 20; i++) { // 10 kinds, by their sleep_time, in turn: more than it remembers
            drops.append(i == 0 ? "" : ",").append("{\"oid\": \"a").append(i).append("\", ").append(SLEEP)
                    .append(", \"sleep_time\": ").append(i % 10).append('}');
        }
        checkAll(read(drops.toString()));

        assertThat(problems).isEmpty();
        assertThat(checker.checkedInFull()).isEqualTo(20);
    }

    @Test
    void aDropThatDiffers_isCheckedInFull_andItsProblemsAreTold() {
        checkAll(read("{\"oid\": \"a\", " + SLEEP + ", \"sleep_time\": 0},"
                + "{\"oid\": \"b\", " + SLEEP + ", \"sleep_time\": \"soon\"}," // other parameters: refused
                + "{\"oid\": \"c\", " + SLEEP + ", \"sleep_time\": \"soon\"}," // as b, which failed: refused again
                // another category, then another class
                + "{\"oid\": \"d\", \"categoryType\": \"Data\", \"dropclass\": \"dlg.apps.simple.SleepApp\","
                + " \"sleep_time\": 0},"
                + "{\"oid\": \"e\", \"categoryType\": \"Application\", \"dropclass\": \"no.such.App\","
                + " \"sleep_time\": 0}"));

        assertThat(problems).extracting(GraphProblem::oid).containsExactly("b", "c", "d", "e");
        assertThat(checker.checkedInFull()).isEqualTo(5);
    }

    @Test
    void dropsWithApplicationArguments_areEachCheckedInFull() {
        String args = ", \"applicationArgs\": {\"sleep_time\": {\"value\": 0}}";
        checkAll(read("{\"oid\": \"a\", " + SLEEP + args + "}, {\"oid\": \"b\", " + SLEEP + args + "}"));

        assertThat(problems).isEmpty();
        assertThat(checker.checkedInFull()).isEqualTo(2);
    }
}
