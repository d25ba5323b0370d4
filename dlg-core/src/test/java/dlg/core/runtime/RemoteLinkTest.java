package dlg.core.runtime;

import static dlg.core.runtime.RemoteLink.Role.CONSUMER_OF_LOCAL_DATA;
import static dlg.core.runtime.RemoteLink.Role.INPUT_OF_LOCAL_APP;
import static dlg.core.runtime.RemoteLink.Role.OUTPUT_OF_LOCAL_APP;
import static dlg.core.runtime.RemoteLink.Role.PRODUCER_OF_LOCAL_DATA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteLinkTest {

    /** [lhs, rel, rhs] with "lhs is a rel of rhs"; the local uid is {@code local}. */
    @ParameterizedTest(name = "[{0}, {1}, {2}] on the node of {3}")
    @CsvSource({
            // CONSUMER: lhs is an app consuming the data rhs
            "app, 0, data, app, app, INPUT_OF_LOCAL_APP, data",
            "app, 0, data, data, data, CONSUMER_OF_LOCAL_DATA, app",
            // STREAMING_CONSUMER: the same, streamed
            "app, 1, data, app, app, INPUT_OF_LOCAL_APP, data",
            "app, 1, data, data, data, CONSUMER_OF_LOCAL_DATA, app",
            // PRODUCER: lhs is an app producing the data rhs
            "app, 2, data, app, app, OUTPUT_OF_LOCAL_APP, data",
            "app, 2, data, data, data, PRODUCER_OF_LOCAL_DATA, app",
            // INPUT: lhs is data read by the app rhs
            "data, 5, app, data, data, CONSUMER_OF_LOCAL_DATA, app",
            "data, 5, app, app, app, INPUT_OF_LOCAL_APP, data",
            // STREAMING_INPUT: the same, streamed
            "data, 6, app, data, data, CONSUMER_OF_LOCAL_DATA, app",
            "data, 6, app, app, app, INPUT_OF_LOCAL_APP, data",
            // OUTPUT: lhs is data written by the app rhs
            "data, 7, app, data, data, PRODUCER_OF_LOCAL_DATA, app",
            "data, 7, app, app, app, OUTPUT_OF_LOCAL_APP, data",
    })
    void ofSubscription_eachRelFromEitherSide_isSeenFromTheLocalDrop(String lhs, int rel, String rhs, String local,
            String localUid, RemoteLink.Role role, String remoteUid) {
        RemoteLink link = RemoteLink.ofSubscription(lhs, rel, rhs, local::equals);

        assertThat(link).isEqualTo(new RemoteLink(localUid, role, remoteUid));
    }

    @Test
    void ofSubscription_daliugesDeploymentExample_givesTwoLinksPerNode() {
        // DALiuGE sends each of A(n1) -> B(n2) -> C(n1) from both ends to both nodes
        List<List<Object>> triples = List.of(List.of("B", 0, "A"), List.of("B", 2, "C"),
                List.of("A", 5, "B"), List.of("C", 7, "B"));

        assertThat(read(triples, Set.of("A", "C")::contains)).containsExactlyInAnyOrder(
                new RemoteLink("A", CONSUMER_OF_LOCAL_DATA, "B"),
                new RemoteLink("C", PRODUCER_OF_LOCAL_DATA, "B"));
        assertThat(read(triples, "B"::equals)).containsExactlyInAnyOrder(
                new RemoteLink("B", INPUT_OF_LOCAL_APP, "A"),
                new RemoteLink("B", OUTPUT_OF_LOCAL_APP, "C"));
    }

    private static Set<RemoteLink> read(List<List<Object>> triples, Predicate<String> isLocal) {
        return Set.copyOf(triples.stream().map(t ->
                RemoteLink.ofSubscription((String) t.get(0), (Integer) t.get(1), (String) t.get(2), isLocal)).toList());
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4})
    void ofSubscription_parentOrChild_throwsNotSupported(int rel) {
        assertThatThrownBy(() -> RemoteLink.ofSubscription("a", rel, "b", "a"::equals))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[a, " + rel + ", b]")
                .hasMessageContaining("container drops")
                .hasMessageContaining("not supported");
    }

    @Test
    void ofSubscription_unknownRel_throws() {
        assertThatThrownBy(() -> RemoteLink.ofSubscription("a", 8, "b", "a"::equals))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8");
    }

    @Test
    void ofSubscription_neitherLocal_throws() {
        assertThatThrownBy(() -> RemoteLink.ofSubscription("a", 0, "b", uid -> false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[a, 0, b]")
                .hasMessageContaining("neither drop is in this node's graph");
    }

    @Test
    void ofSubscription_bothLocal_throws() {
        assertThatThrownBy(() -> RemoteLink.ofSubscription("a", 5, "b", uid -> true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both drops are in this node's graph");
    }

    @Test
    void new_sameUidOnBothSides_throws() {
        assertThatThrownBy(() -> new RemoteLink("a", INPUT_OF_LOCAL_APP, "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a");
    }

    @Test
    void new_nullField_throwsNamingIt() {
        assertThatThrownBy(() -> new RemoteLink("a", null, "b"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("role");
    }
}
