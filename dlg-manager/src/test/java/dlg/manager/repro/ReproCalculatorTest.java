package dlg.manager.repro;

import static dlg.manager.repro.ReproGraphs.chain;
import static dlg.manager.repro.ReproGraphs.compute;
import static dlg.manager.repro.ReproGraphs.graph;
import static dlg.manager.repro.ReproGraphs.settled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.graph.GraphSpec;
import dlg.core.runtime.DropStatus;
import dlg.core.state.DropState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReproCalculatorTest {

    private static final String RERUN = "{\"rmode\": \"1\"}";
    private static final String ALL = "{\"rmode\": \"-1\"}";

    // ---- Stability ----

    @Test
    void compute_sameGraphTwice_sameSignaturesAndBlocks() {
        ReproData first = compute(ReproGraphs.DIAMOND);
        ReproData second = compute(ReproGraphs.DIAMOND);

        assertThat(first.graph().signatures()).hasSize(7).isEqualTo(second.graph().signatures());
        for (int d = 0; d < first.size(); d++) {
            assertThat(first.drop(d)).isEqualTo(second.drop(d));
        }
    }

    @Test
    void compute_signature_isSha256Hex() {
        ReproData data = compute(chain(RERUN, 1));

        assertThat(data.graph().signatures().get(ReproMode.RERUN)).matches("[0-9a-f]{64}");
        assertThat(data.drop("B").blocks().get(ReproMode.RERUN).blockHash()).matches("[0-9a-f]{64}");
    }

    @Test
    void compute_diamondInAnotherKeyDropAndLinkOrder_sameSignatures() {
        ReproData written = compute(ReproGraphs.DIAMOND);
        ReproData shuffled = compute(ReproGraphs.DIAMOND_SHUFFLED);

        assertThat(shuffled.graph().signatures()).isEqualTo(written.graph().signatures());
        for (String oid : List.of("A", "B1", "B2", "C1", "C2", "D", "E")) {
            assertThat(shuffled.drop(oid).blocks()).isEqualTo(written.drop(oid).blocks());
        }
    }

    @Test
    void compute_diamondWithRenamedDrops_sameSignatures() {
        String renamed = ReproGraphs.DIAMOND.replace("\"B1\"", "\"X9\"").replace("\"C2\"", "\"2024-10-30T12:01:57_c2\"");

        assertThat(compute(renamed).graph().signatures()).isEqualTo(compute(ReproGraphs.DIAMOND).graph().signatures());
    }

    @Test
    void compute_errorMessagesDiffer_sameSignatures() {
        Map<String, DropState> failed = Map.of("B", DropState.ERROR, "C", DropState.ERROR);

        assertThat(compute(chain(ALL, 1), failed).graph().signatures())
                .isEqualTo(compute(chain(ALL, 1), failed).graph().signatures());
    }

    @Test
    void compute_dataExpiredOrDeleted_sameAsCompleted() {
        ReproData completed = compute(chain(ALL, 1));
        ReproData expired = compute(chain(ALL, 1), Map.of("A", DropState.EXPIRED, "C", DropState.DELETED));

        assertThat(expired.graph().signatures()).isEqualTo(completed.graph().signatures());
    }

    // ---- Sensitivity ----

    @Test
    void compute_parameterChanged_changesRepeatButNotRerun() {
        ReproData one = compute(chain(ALL, 1));
        ReproData two = compute(chain(ALL, 2));

        assertThat(signature(two, ReproMode.RERUN)).isEqualTo(signature(one, ReproMode.RERUN));
        assertThat(signature(two, ReproMode.REPRODUCE)).isEqualTo(signature(one, ReproMode.REPRODUCE));
        assertThat(signature(two, ReproMode.REPEAT)).isNotEqualTo(signature(one, ReproMode.REPEAT));
        assertThat(signature(two, ReproMode.RECOMPUTE)).isNotEqualTo(signature(one, ReproMode.RECOMPUTE));
        assertThat(signature(two, ReproMode.REPLICATE_TOTAL)).isNotEqualTo(signature(one, ReproMode.REPLICATE_TOTAL));
    }

    @Test
    void compute_nestedParameterChanged_changesRepeat() {
        ReproData data = compute(ReproGraphs.DIAMOND);
        ReproData changed = compute(ReproGraphs.DIAMOND.replace("4096", "8192"));

        assertThat(signature(changed, ReproMode.REPEAT)).isNotEqualTo(signature(data, ReproMode.REPEAT));
        assertThat(signature(changed, ReproMode.RERUN)).isEqualTo(signature(data, ReproMode.RERUN));
    }

    @Test
    void compute_finalStateChanged_changesRerun() {
        ReproData ok = compute(chain(RERUN, 1));
        ReproData failed = compute(chain(RERUN, 1), Map.of("B", DropState.ERROR));

        assertThat(signature(failed, ReproMode.RERUN)).isNotEqualTo(signature(ok, ReproMode.RERUN));
        assertThat(failed.drop("A")).isEqualTo(ok.drop("A"));
    }

    @Test
    void compute_upstreamChanged_changesEveryBlockDownstreamOnly() {
        ReproData data = compute(ReproGraphs.DIAMOND);
        ReproData changed = compute(ReproGraphs.DIAMOND.replace("\"sleep_time\": 1", "\"sleep_time\": 3"));

        for (String same : List.of("A", "B2", "C2")) {
            assertThat(block(changed, same, ReproMode.REPEAT)).isEqualTo(block(data, same, ReproMode.REPEAT));
        }
        for (String downstream : List.of("B1", "C1", "D", "E")) {
            assertThat(block(changed, downstream, ReproMode.REPEAT)).isNotEqualTo(block(data, downstream, ReproMode.REPEAT));
        }
    }

    @Test
    void compute_dropClassChanged_changesRerunButNotReproduce() {
        ReproData data = compute(chain(ALL, 1));
        ReproData changed = compute(chain(ALL, 1).replace("SleepApp", "SleepAndCopyApp"));

        assertThat(signature(changed, ReproMode.RERUN)).isNotEqualTo(signature(data, ReproMode.RERUN));
        assertThat(signature(changed, ReproMode.REPRODUCE)).isEqualTo(signature(data, ReproMode.REPRODUCE));
    }

    @Test
    void compute_placementChanged_changesRecomputeButNotRepeat() {
        String placed = chain(ALL, 1).replace("\"oid\": \"B\",", "\"oid\": \"B\", \"node\": \"%s\", \"rank\": [0, 1],");
        ReproData here = compute(placed.formatted("10.0.0.1:8000"));
        ReproData there = compute(placed.formatted("10.0.0.2:8000"));

        assertThat(signature(there, ReproMode.REPEAT)).isEqualTo(signature(here, ReproMode.REPEAT));
        assertThat(signature(there, ReproMode.RECOMPUTE)).isNotEqualTo(signature(here, ReproMode.RECOMPUTE));
        assertThat(signature(there, ReproMode.REPLICATE_COMP)).isNotEqualTo(signature(here, ReproMode.REPLICATE_COMP));
    }

    @Test
    void compute_contentDigestChanged_changesContentModesOnly() {
        GraphSpec graph = graph(chain(ALL, 1));
        List<DropStatus> states = settled(graph, Map.of());
        int c = graph.indexOf("C");

        ReproData one = ReproCalculator.compute(graph, states, d -> d == c ? "aaaa" : null);
        ReproData two = ReproCalculator.compute(graph, states, d -> d == c ? "bbbb" : null);

        for (ReproMode m : List.of(ReproMode.REPRODUCE, ReproMode.REPLICATE_SCI, ReproMode.REPLICATE_COMP,
                ReproMode.REPLICATE_TOTAL)) {
            assertThat(signature(two, m)).as(m.name()).isNotEqualTo(signature(one, m));
        }
        for (ReproMode m : List.of(ReproMode.RERUN, ReproMode.REPEAT, ReproMode.RECOMPUTE)) {
            assertThat(signature(two, m)).as(m.name()).isEqualTo(signature(one, m));
        }
    }

    @Test
    void compute_translatorBlockHashChanged_changesThatModesBlock() {
        String withHash = chain(RERUN, 1).replace("\"oid\": \"A\",",
                "\"oid\": \"A\", \"reprodata\": {\"rmode\": \"1\", \"RERUN\": {\"lg_blockhash\": \"%s\"}},");

        ReproData x = compute(withHash.formatted("x"));
        ReproData y = compute(withHash.formatted("y"));

        assertThat(signature(y, ReproMode.RERUN)).isNotEqualTo(signature(x, ReproMode.RERUN));
    }

    // ---- Chaining ----

    @Test
    void compute_chain_parentHashesAreTheParentsBlockHashes() {
        ReproData data = compute(ReproGraphs.DIAMOND);

        DropBlock d = block(data, "D", ReproMode.RERUN);
        assertThat(d.parentHashes()).containsExactlyInAnyOrder(
                block(data, "C1", ReproMode.RERUN).blockHash(), block(data, "C2", ReproMode.RERUN).blockHash());
        assertThat(d.parentHashes()).isSorted();
        assertThat(block(data, "A", ReproMode.RERUN).parentHashes()).isEmpty();
    }

    @Test
    void compute_reproduce_applicationsHandTheirInputsOn() {
        ReproData data = compute(ReproGraphs.DIAMOND);

        assertThat(block(data, "C1", ReproMode.REPRODUCE).parentHashes())
                .containsExactly(block(data, "A", ReproMode.REPRODUCE).blockHash());
        assertThat(block(data, "E", ReproMode.REPRODUCE).parentHashes()).containsExactlyInAnyOrder(
                block(data, "C1", ReproMode.REPRODUCE).blockHash(), block(data, "C2", ReproMode.REPRODUCE).blockHash());
    }

    @Test
    void compute_singleLeaf_signatureIsItsBlockHash() {
        ReproData data = compute(chain(RERUN, 1));

        assertThat(signature(data, ReproMode.RERUN)).isEqualTo(block(data, "C", ReproMode.RERUN).blockHash());
    }

    // ---- Which modes ----

    @Test
    void compute_all_signsEveryStandard() {
        ReproData data = compute(chain(ALL, 1));

        assertThat(data.graph().rmode()).isEqualTo(ReproMode.ALL);
        assertThat(data.graph().signatures().keySet()).containsExactlyElementsOf(ReproMode.ALL.standards());
        assertThat(data.drop("B").blocks().keySet()).containsExactlyElementsOf(ReproMode.ALL.standards());
        assertThat(data.graph().signatures().values()).doesNotHaveDuplicates();
    }

    @Test
    void compute_rmodeNothing_noSignaturesNorBlocks() {
        ReproData data = compute(chain("{\"rmode\": \"0\"}", 1));

        assertThat(data.graph().rmode()).isEqualTo(ReproMode.NOTHING);
        assertThat(data.graph().signatures()).isEmpty();
        assertThat(data.drop("B").blocks()).isEmpty();
        assertThat(data.graph().toJson()).isEqualTo("{\"rmode\":\"0\"}");
    }

    @Test
    void compute_noReproElement_noSignaturesAndEmptyReprodata() {
        ReproData data = compute(chain("{}", 1));

        assertThat(data.graph().signatures()).isEmpty();
        assertThat(data.graph().submitted()).isNull();
        assertThat(data.graph().toJson()).isEqualTo("{}");
        assertThat(data.drop("C").rmode()).isEqualTo(ReproMode.NOTHING);
    }

    @Test
    void compute_experimental_noSignatures() {
        assertThat(compute(chain("{\"rmode\": \"9\"}", 1)).graph().signatures()).isEmpty();
    }

    @Test
    void compute_dropRmodeOverride_coversWhatTheDropAsksFor() {
        String overridden = chain("{\"rmode\": \"2\"}", "%s").replace("\"oid\": \"B\",",
                "\"oid\": \"B\", \"reprodata\": {\"rmode\": \"RERUN\"},");
        String plain = chain("{\"rmode\": \"2\"}", "%s");

        ReproData data = compute(overridden.formatted(1));
        assertThat(data.drop("B").rmode()).isEqualTo(ReproMode.RERUN);
        assertThat(data.drop("C").rmode()).isEqualTo(ReproMode.REPEAT);
        assertThat(data.graph().signatures()).containsOnlyKeys(ReproMode.REPEAT);
        // B's REPEAT block covers only what RERUN would: its parameter no longer counts
        assertThat(signature(compute(overridden.formatted(2)), ReproMode.REPEAT))
                .isEqualTo(signature(data, ReproMode.REPEAT));
        assertThat(signature(compute(plain.formatted(2)), ReproMode.REPEAT))
                .isNotEqualTo(signature(compute(plain.formatted(1)), ReproMode.REPEAT));
    }

    @Test
    void compute_dropRmodeNothing_chainGoesThroughIt() {
        String json = chain(RERUN, 1).replace("\"oid\": \"B\",", "\"oid\": \"B\", \"reprodata\": {\"rmode\": \"0\"},");
        ReproData data = compute(json);

        assertThat(block(data, "C", ReproMode.RERUN).parentHashes())
                .containsExactly(block(data, "A", ReproMode.RERUN).blockHash());
        assertThat(signature(compute(json, Map.of("B", DropState.ERROR)), ReproMode.RERUN))
                .isEqualTo(signature(data, ReproMode.RERUN));
        assertThat(signature(compute(json, Map.of("A", DropState.ERROR)), ReproMode.RERUN))
                .isNotEqualTo(signature(data, ReproMode.RERUN));
    }

    // ---- Bad input ----

    @Test
    void compute_badGraphRmode_throwsNamingTheValue() {
        assertThatThrownBy(() -> compute(chain("{\"rmode\": \"3\"}", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("graph").hasMessageContaining("3");
    }

    @Test
    void compute_badDropRmode_throwsNamingTheDropAndValue() {
        String json = chain(RERUN, 1).replace("\"oid\": \"C\",", "\"oid\": \"C\", \"reprodata\": {\"rmode\": \"often\"},");

        assertThatThrownBy(() -> compute(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("drop C").hasMessageContaining("often");
    }

    @Test
    void compute_dropReprodataNotAnObject_throwsNamingTheDrop() {
        String json = chain(RERUN, 1).replace("\"oid\": \"C\",", "\"oid\": \"C\", \"reprodata\": [1],");

        assertThatThrownBy(() -> compute(json))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("drop C");
    }

    @Test
    void compute_statesOutOfOrder_throws() {
        GraphSpec graph = graph(chain(RERUN, 1));
        List<DropStatus> states = new ArrayList<>(settled(graph, Map.of()));
        states.add(states.removeFirst());

        assertThatThrownBy(() -> ReproCalculator.compute(graph, states))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not for drop A");
    }

    @Test
    void compute_missingStates_throws() {
        GraphSpec graph = graph(chain(RERUN, 1));

        assertThatThrownBy(() -> ReproCalculator.compute(graph, settled(graph, Map.of()).subList(0, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 drops");
    }

    @Test
    void compute_dropStillRunning_throws() {
        GraphSpec graph = graph(chain(RERUN, 1));

        assertThatThrownBy(() -> ReproCalculator.compute(graph, settled(graph, Map.of("C", DropState.WRITING))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("drop C").hasMessageContaining("WRITING");
    }

    private static String signature(ReproData data, ReproMode mode) {
        return data.graph().signatures().get(mode);
    }

    private static DropBlock block(ReproData data, String oid, ReproMode mode) {
        return data.drop(oid).blocks().get(mode);
    }
}
