package dlg.manager.repro;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DALiuGE's block-DAG ({@code dlg.common.reproducibility.reproducibility}) for the two stages a
 * manager computes: the physical graph ({@code init_pg_repro_data}, run by a composite manager
 * before it splits a graph) and the run ({@code init_runtime_repro_data}, run by a NodeManager
 * once every drop has filed its data). Written to follow DALiuGE's steps one for one, on the same
 * JSON trees, so that the same graph gets the same hashes:
 *
 * <pre>
 *   drop's pg_data     = {"node": .., "island": ..} (RECOMPUTE, REPLICATE_COMP; else {}) + its merkleroot
 *   drop's pg_blockhash = M3([pg_data.merkleroot, pgt_blockhash, lg_blockhash] + sorted(pg_parenthashes))
 *   drop's rg_blockhash = M3([rg_data.merkleroot (b"" when the mode's object has no rg_data),
 *                             pg_blockhash, pgt_blockhash, lg_blockhash] + sorted(rg_parenthashes))
 *   mode's signature    = M2(sorted(block hashes of the drops without outputs or consumers))
 * </pre>
 *
 * M3 is {@link Merkle} with SHA3-256, M2 with SHA-256. Drops are visited in topological order
 * along {@code outputs} and {@code consumers}; a drop hands its block hash to the drops it feeds
 * ({@code <stage>_parenthashes[oid]}), except that under RERUN a drop with an {@code iid} other
 * than {@code "0/0"} hands nothing, under NOTHING nothing is handed, and under REPRODUCE only root
 * and leaf data drops hand their own hash while every other drop hands on what it was handed.
 * Where DALiuGE's code would raise (a missing key), {@link ReproException} is thrown.
 */
final class Reproducibility {

    private static final Logger log = LoggerFactory.getLogger(Reproducibility.class);
    private static final String GRAPH = "the graph's reprodata";

    /** The two stages, by the prefix of their keys. */
    enum Stage {
        PG("pg"), RG("rg");

        final String blockKey;
        final String parentKey;

        Stage(String prefix) {
            this.blockKey = prefix + "_blockhash";
            this.parentKey = prefix + "_parenthashes";
        }
    }

    private Reproducibility() {
    }

    // ---- Physical graph ----

    /** {@code init_pg_repro_data}: fills each drop's PG block and the trailer's per-mode signatures. */
    static void initPg(List<ReproDrop> drops, Map<String, Object> trailer) {
        ReproMode level = ReproMode.cast(Dicts.get(trailer, "rmode", GRAPH));
        if (level == ReproMode.NOTHING) {
            return;
        }
        for (ReproDrop d : drops) {
            initPgDrop(d);
        }
        for (ReproMode m : level.candidates()) {
            List<Object> leaves = blockDag(drops, Stage.PG, m);
            Dicts.dict(trailer, m.name(), GRAPH).put("signature", agglomerate(leaves));
        }
    }

    private static void initPgDrop(ReproDrop d) {
        ReproMode level = ReproMode.cast(Dicts.get(d.repro(), "rmode", d.where() + "['reprodata']"));
        for (ReproMode m : level.candidates()) {
            Map<String, Object> data = new LinkedHashMap<>();
            if (m == ReproMode.RECOMPUTE || m == ReproMode.REPLICATE_COMP) { // pg_block_fields
                putIfSet(data, "node", d.node());
                putIfSet(data, "island", d.island());
            }
            data.put("merkleroot", Merkle.ofItems(data));
            Map<String, Object> mode = d.repro(m);
            mode.put(Stage.PG.parentKey, new LinkedHashMap<String, Object>());
            mode.put("pg_data", data);
        }
    }

    private static void putIfSet(Map<String, Object> data, String key, Object value) {
        if (value != null) {
            data.put(key, value);
        }
    }

    // ---- Run ----

    /**
     * {@code init_runtime_repro_data}: each drop's {@code rg_data} is already in place
     * ({@link RuntimeData}). Fills each drop's runtime block and the trailer's per-mode
     * signatures, and returns the trailer (DALiuGE's graph-wide reprodata); null when the graph
     * has none.
     */
    static Map<String, Object> initRuntime(List<ReproDrop> drops, Map<String, Object> trailer) {
        if (trailer == null) {
            return null;
        }
        ReproMode level = ReproMode.cast(Dicts.get(trailer, "rmode", GRAPH));
        if (level == ReproMode.NOTHING) {
            return trailer;
        }
        for (ReproDrop d : drops) { // init_rg_repro_drop_data
            ReproMode own = ReproMode.cast(Dicts.get(d.repro(), "rmode", d.where() + "['reprodata']"));
            for (ReproMode m : own.candidates()) {
                d.repro(m).put(Stage.RG.parentKey, new LinkedHashMap<String, Object>());
            }
        }
        for (ReproMode m : level.candidates()) {
            List<Object> leaves = blockDag(drops, Stage.RG, m);
            Dicts.dict(trailer, m.name(), GRAPH).put("signature", agglomerate(leaves));
        }
        return trailer;
    }

    /** {@code agglomerate_leaves}: SHA-256 (merklelib's default) over the sorted leaf hashes. */
    static String agglomerate(List<Object> leaves) {
        return Merkle.root(Dicts.sorted(leaves, "the leaves' block hashes"), Merkle.Hash.SHA_256);
    }

    // ---- Block-DAG ----

    private static final class Node {
        final ReproDrop drop;
        int in;
        int out;
        final List<String> next = new ArrayList<>();

        Node(ReproDrop drop) {
            this.drop = drop;
        }
    }

    /** {@code build_blockdag}: block hashes of every drop for mode {@code level}; returns the leaves' hashes. */
    static List<Object> blockDag(List<ReproDrop> drops, Stage stage, ReproMode level) {
        Map<String, Node> set = new LinkedHashMap<>();
        for (ReproDrop d : drops) {
            set.put(d.oid(), new Node(d));
        }
        for (ReproDrop d : drops) {
            Node from = set.get(d.oid());
            for (String dest : d.next()) {
                Node to = set.get(dest);
                if (to == null) {
                    throw new ReproException(d.where() + ": its outputs or consumers name drop " + dest
                            + ", which is not in the graph");
                }
                to.in++;
                from.out++;
                from.next.add(dest);
            }
        }
        Deque<String> stack = new ArrayDeque<>(); // DALiuGE pops from the right; the order changes no hash
        Set<String> roots = new HashSet<>();
        List<String> leaves = new ArrayList<>();
        for (var e : set.entrySet()) {
            if (e.getValue().in == 0) {
                stack.push(e.getKey());
                roots.add(e.getKey());
            }
            if (e.getValue().next.isEmpty()) {
                leaves.add(e.getKey());
            }
        }
        Set<String> leafSet = new HashSet<>(leaves);
        int visited = 0;
        while (!stack.isEmpty()) {
            String did = stack.pop();
            Node node = set.get(did);
            ReproDrop d = node.drop;
            buildBlock(d, stage, level);
            visited++;
            ReproMode rmode = ReproMode.cast(Dicts.get(d.repro(), "rmode", d.where() + "['reprodata']"));
            if (rmode == ReproMode.ALL) {
                rmode = level;
            }
            for (String neighbour : node.next) {
                Node nb = set.get(neighbour);
                nb.in--;
                if (rmode != ReproMode.NOTHING) {
                    Map<String, Object> parenthash = new LinkedHashMap<>();
                    if (rmode == ReproMode.REPRODUCE) {
                        if (isData(d, rmode) && (node.in == 0 || node.out == 0)
                                && (roots.contains(did) || leafSet.contains(did))) {
                            parenthash.putIfAbsent(did, Dicts.get(d.repro(level), stage.blockKey, d.where()));
                        } else {
                            parenthash.putAll(Dicts.dict(d.repro(level), stage.parentKey, d.where()));
                        }
                    } else {
                        parenthash.put(did, Dicts.get(d.repro(level), stage.blockKey, d.where()));
                    }
                    // RERUN: only the first instance of a scattered drop is on the critical path
                    boolean handsOn = rmode != ReproMode.RERUN || !d.hasIid() || "0/0".equals(d.iid());
                    if (handsOn) {
                        Dicts.dict(nb.drop.repro(level), stage.parentKey, nb.drop.where()).putAll(parenthash);
                    }
                }
                if (nb.in == 0) {
                    stack.push(neighbour);
                }
            }
        }
        if (visited != set.size()) {
            log.warn("reproducibility: the graph is not a DAG, {} of {} drops visited", visited, set.size());
        }
        List<Object> hashes = new ArrayList<>(leaves.size());
        for (String leaf : leaves) {
            ReproDrop d = set.get(leaf).drop;
            hashes.add(Dicts.get(d.repro(level), stage.blockKey, d.where()));
        }
        return hashes;
    }

    /** REPRODUCE's test: the categoryType its PGT data (else its LGT data) recorded. */
    private static boolean isData(ReproDrop d, ReproMode rmode) {
        Map<String, Object> mode = d.repro(rmode);
        Map<String, Object> pgt = Dicts.dict(mode, "pgt_data", d.where());
        Object ctype = pgt.containsKey("categoryType") ? pgt.get("categoryType")
                : Dicts.get(Dicts.dict(mode, "lgt_data", d.where()), "categoryType", d.where());
        if (!(ctype instanceof String s)) {
            throw new ReproException(d.where() + ": categoryType " + PyRepr.repr(ctype) + " is no str");
        }
        return s.toLowerCase(Locale.ROOT).equals("data");
    }

    /** {@code build_pg_block_data} / {@code build_rg_block_data}. */
    private static void buildBlock(ReproDrop d, Stage stage, ReproMode m) {
        Map<String, Object> mode = d.repro(m);
        String where = d.where() + "['reprodata']['" + m.name() + "']";
        List<Object> block = new ArrayList<>();
        if (stage == Stage.PG) {
            block.add(Dicts.get(Dicts.dict(mode, "pg_data", where), "merkleroot", where));
        } else {
            block.add(mode.containsKey("rg_data")
                    ? Dicts.get(Dicts.dict(mode, "rg_data", where), "merkleroot", where) : new byte[0]);
            block.add(Dicts.get(mode, "pg_blockhash", where));
        }
        block.add(Dicts.get(mode, "pgt_blockhash", where));
        block.add(Dicts.get(mode, "lg_blockhash", where));
        block.addAll(Dicts.sorted(Dicts.dict(mode, stage.parentKey, where).values(), where));
        mode.put(stage.blockKey, Merkle.root(block, Merkle.Hash.SHA3_256));
    }
}
