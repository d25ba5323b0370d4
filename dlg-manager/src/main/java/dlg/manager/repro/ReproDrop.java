package dlg.manager.repro;

import java.util.List;
import java.util.Objects;

/**
 * What DALiuGE's block-DAG reads of one drop spec: its oid, the drops its {@code outputs} and
 * {@code consumers} name (the only keys it follows: a graph whose links are declared only
 * upstream, by {@code inputs} and {@code producers}, has no edges there), its {@code iid} and its
 * {@code reprodata}, which the computation fills in.
 *
 * @param next the oids of {@code outputs} then {@code consumers}, in their order, repeats kept
 * @param hasIid whether the spec has an {@code iid} key (DALiuGE tests the key, then its value)
 * @param iid its value, when it has one
 * @param node its {@code node}, or null (the PG data of RECOMPUTE and REPLICATE_COMP)
 * @param island its {@code island}, or null
 * @param reprodata the spec's {@code reprodata} as a mutable JSON tree, or null when it has none
 */
record ReproDrop(String oid, List<String> next, boolean hasIid, Object iid, Object node, Object island,
                 Object reprodata) {

    ReproDrop {
        Objects.requireNonNull(oid, "oid");
        next = List.copyOf(next);
    }

    String where() {
        return "drop " + oid;
    }

    /** {@code drop["reprodata"]}. */
    java.util.Map<String, Object> repro() {
        if (reprodata == null) {
            throw new ReproException(where() + ": no 'reprodata'");
        }
        return Dicts.map(reprodata, where() + "['reprodata']");
    }

    /** {@code drop["reprodata"][mode.name]}. */
    java.util.Map<String, Object> repro(ReproMode mode) {
        return Dicts.dict(repro(), mode.name(), where() + "['reprodata']");
    }
}
