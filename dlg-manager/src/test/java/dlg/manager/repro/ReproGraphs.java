package dlg.manager.repro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.graph.GraphReader;
import dlg.core.graph.GraphSpec;
import dlg.core.graph.ParsedGraph;
import dlg.core.graph.RawJson;
import dlg.core.graph.SpecChecker;
import dlg.core.state.DropState;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The graph of the reproducibility tests, as the translator would hand it over (per drop and per
 * mode the hashes of the earlier stages, {@code lg-a}, {@code pgt-a}, {@code pg-a}, and the
 * categoryType REPRODUCE reads from {@code pgt_data}): InMemoryDROP {@code a} (empty) feeds
 * CopyApp {@code b}, which writes InMemoryDROP {@code c} (content {@code hello}).
 *
 * <p>The expected hashes of the tests were computed for this graph outside the project in two
 * independent ways, which agree: (1) DALiuGE v6.7.0's own {@code reproducibility.py}
 * ({@code init_pg_repro_data}, {@code init_runtime_repro_data}) run by python3 with merklelib's
 * source (vpaliy/merklelib, the code np-merklelib packages), the drops' {@code reproducibility}
 * events simulated as {@code drop.py} and {@code Session.append_reprodata} make them; (2) a
 * script with only {@code hashlib.sha3_256}/{@code sha256} that builds each Merkle tree by hand
 * ({@code H(0x00 || leaf)}, {@code H(0x01 || l || r)}, odd node promoted) following DALiuGE's steps.
 */
public final class ReproGraphs {

    static final ObjectMapper MAPPER = new ObjectMapper();
    /** sha3_256(b"").hexdigest(): {@code a}'s data_hash. */
    static final String EMPTY = "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a";
    /** sha3_256(b"hello").hexdigest(): {@code c}'s data_hash. */
    static final String HELLO = "3338be694f50c5f338814986cdf0686453a888b84f424d792af4b9202398f392";
    static final List<String> OIDS = List.of("a", "b", "c");

    private ReproGraphs() {
    }

    /** The graph with every drop's and the graph's rmode {@code code}, as JSON. */
    public static String json(String code) {
        return json(code, true);
    }

    /** The same, with or without the graph-wide reproducibility element. */
    static String json(String code, boolean withElement) {
        ReproMode level = ReproMode.cast(code);
        StringBuilder trailer = new StringBuilder("{\"rmode\": \"" + code + "\", \"meta_data\": {\"repro_protocol\": 0.1}");
        for (ReproMode m : level.candidates()) {
            trailer.append(", \"").append(m.name()).append("\": {}");
        }
        trailer.append('}');
        return """
                [{"oid": "a", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "consumers": ["b"], "node": "nm1", "island": "dim1", "reprodata": %s},
                 {"oid": "b", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp",
                  "inputs": ["a"], "outputs": ["c"], "node": "nm1", "island": "dim1", "reprodata": %s},
                 {"oid": "c", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "producers": ["b"], "node": "nm2", "island": "dim1", "reprodata": %s}
                 %s]
                """.formatted(reprodata(code, "a", "Data"), reprodata(code, "b", "Application"),
                reprodata(code, "c", "Data"), withElement ? ", " + trailer : "");
    }

    /** A drop's reprodata as the translator leaves it: per mode the earlier stages' hashes. */
    static String reprodata(String code, String oid, String category) {
        StringBuilder r = new StringBuilder("{\"rmode\": \"" + code + "\"");
        for (ReproMode m : ReproMode.cast(code).candidates()) {
            r.append(", \"").append(m.name()).append("\": {\"lg_blockhash\": \"lg-").append(oid)
                    .append("\", \"pgt_blockhash\": \"pgt-").append(oid).append("\", \"pg_blockhash\": \"pg-")
                    .append(oid).append("\", \"pgt_data\": {\"categoryType\": \"").append(category).append("\"}}");
        }
        return r.append('}').toString();
    }

    static GraphSpec graph(ParsedGraph parsed) {
        GraphSpec graph = new GraphSpec();
        graph.append(parsed, SpecChecker.NONE);
        return graph;
    }

    static GraphSpec graph(String json) {
        return graph(GraphReader.read(json));
    }

    /** As the engine reports them: {@code a} is empty, {@code c} holds {@code hello}, apps hash nothing. */
    static String contentHash(GraphSpec graph, int index) {
        return switch (graph.drops().get(index).oid()) {
            case "a" -> EMPTY;
            case "c" -> HELLO;
            default -> null;
        };
    }

    static ReproData compute(GraphSpec graph) {
        return ReproCalculator.compute(graph, i -> DropState.COMPLETED, i -> contentHash(graph, i));
    }

    static JsonNode tree(RawJson json) {
        return tree(json.json());
    }

    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "1 RERUN" -> ("1", RERUN) */
    static Map.Entry<String, ReproMode> key(String row) {
        String[] parts = row.split(" ");
        return Map.entry(parts[0], ReproMode.valueOf(parts[1]));
    }
}
