package dlg.manager.repro;

import dlg.core.state.DropState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a drop records of its run when it settles, per mode, as DALiuGE's drops do
 * ({@code generate_merkle_data} and {@code commit} in {@code drop.py}), and how the session files
 * it into the drop's {@code reprodata} ({@code Session.append_reprodata}):
 *
 * <pre>
 *   RERUN, REPEAT, RECOMPUTE   {"status": &lt;DROPStates code&gt;}
 *   REPRODUCE                  {"data_hash": sha3_256(content)} for InMemoryDROP and FileDROP, else {}
 *   REPLICATE_SCI/COMP/TOTAL   RERUN's / RECOMPUTE's / REPEAT's data, then REPRODUCE's
 *   NOTHING                    {}
 *   ALL                        {"RERUN": {...}, ..., "REPLICATE_TOTAL": {...}}
 * </pre>
 *
 * Its merkleroot is {@code MerkleTree(data.items(), sha3_256)} (null for no data). A drop whose
 * {@code reprodata.rmode} is the text {@code "-1"} gets {@code rg_data} (its data plus
 * {@code merkleroot}) in each mode's object; any other drop gets one {@code rg_data} next to
 * {@code rmode}, where DALiuGE's runtime block hash does not look (it hashes {@code b""} there).
 */
final class RuntimeData {

    private RuntimeData() {
    }

    /**
     * Adds the drop's {@code rg_data} to its {@code reprodata}.
     *
     * @param state how the drop settled
     * @param contentHash {@code data_hash} for drops that hash their content, else null
     */
    static void append(Map<String, Object> reprodata, DropState state, String contentHash) {
        ReproMode level = ReproMode.cast(reprodata.get("rmode"));
        int status = statusCode(state);
        if ("-1".equals(reprodata.get("rmode"))) {
            for (ReproMode m : ReproMode.ALL_MODES) {
                Map<String, Object> data = data(m, status, contentHash);
                data.put("merkleroot", Merkle.ofItems(data));
                Dicts.dict(reprodata, m.name(), "reprodata").put("rg_data", data);
            }
            return;
        }
        Map<String, Object> data;
        Object root;
        if (level == ReproMode.ALL) { // rmode -1 as a number: DALiuGE files the per-mode dicts as one
            Map<String, Object> roots = new LinkedHashMap<>();
            data = new LinkedHashMap<>();
            for (ReproMode m : ReproMode.ALL_MODES) {
                Map<String, Object> one = data(m, status, contentHash);
                roots.put(m.name(), Merkle.ofItems(one));
                data.put(m.name(), one);
            }
            root = roots;
        } else {
            data = data(level, status, contentHash);
            root = Merkle.ofItems(data);
        }
        data.put("merkleroot", root);
        reprodata.put("rg_data", data);
    }

    /** DALiuGE's code for how the drop settled: it records its status once, when it completes. */
    static int statusCode(DropState state) {
        return switch (state) {
            case EXPIRED, DELETED -> DropState.COMPLETED.code(); // it expired after it had recorded
            default -> state.code();
        };
    }

    /** One mode's data. */
    static Map<String, Object> data(ReproMode m, int status, String contentHash) {
        Map<String, Object> data = new LinkedHashMap<>();
        switch (m) {
            case RERUN, REPEAT, RECOMPUTE -> data.put("status", status);
            case REPRODUCE -> reproduce(data, contentHash);
            case REPLICATE_SCI, REPLICATE_COMP, REPLICATE_TOTAL -> {
                data.put("status", status);
                reproduce(data, contentHash);
            }
            default -> { } // NOTHING; EXPERIMENTAL (DALiuGE raises NotImplementedError)
        }
        return data;
    }

    private static void reproduce(Map<String, Object> data, String contentHash) {
        if (contentHash != null) {
            data.put("data_hash", contentHash);
        }
    }
}
