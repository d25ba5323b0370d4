package dlg.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A session's failures grouped by root cause: the drops that failed on their own (the roots),
 * grouped by construct and cause, each group with how many drops failed downstream because of
 * its roots. A drop downstream of several roots is blamed on the root that failed first. Made
 * on a NodeManager by {@link RootCauseScan}; a composite merges its nodes' answers with
 * {@link RootCauseMerge}, which gives the same shape again (a MasterManager merges its islands'
 * merged answers). Bounded whatever the session's size: the lists are cut, the counts are whole.
 *
 * <p>Across nodes: a node blames the failed drops it reaches only from failed drops of other
 * nodes on those ({@link #imports}), and tells which of its failed drops other nodes read, with
 * the root each is blamed on ({@link #exports}); the merge follows one to the other, so that
 * the downstream counts add up to the right root on whichever node it is.
 *
 * @param failed drops in ERROR: {@code roots + downstream + imported}
 * @param roots drops that failed on their own
 * @param downstream drops that failed because of a root
 * @param imported drops that failed because of drops of other nodes not (yet) resolved to a root
 * @param groupCount how many groups there are (at least, when {@code approximate})
 * @param approximate whether a list the counts were made from was cut (groups of a node, a
 *     node's boundary): counts may then miss some attributions, though the totals stay whole
 * @param groups at most {@link #MAX_GROUPS}, in order of their first failure (unknown, as for a
 *     lost node's drops, first)
 * @param imports drops of other nodes and how many local failed drops are blamed on each, not
 *     yet resolved; at most {@link #MAX_BOUNDARY}
 * @param exports failed drops read by other nodes and the root each is blamed on; at most
 *     {@link #MAX_BOUNDARY}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RootCauses(long failed, long roots, long downstream, long imported, int groupCount, boolean approximate,
                  List<Group> groups, List<Import> imports, List<Export> exports) {

    static final int MAX_GROUPS = 50;
    static final int MAX_EXAMPLES = 20;
    static final int MAX_BOUNDARY = 1000;
    /** The longest cause kept: a longer error is cut (and grouped by its start). */
    static final int MAX_CAUSE = 500;

    static final RootCauses NONE = new RootCauses(0, 0, 0, 0, 0, false, List.of(), List.of(), List.of());

    RootCauses {
        groups = List.copyOf(groups);
        imports = List.copyOf(imports);
        exports = List.copyOf(exports);
    }

    /**
     * The roots of one construct that failed with one cause.
     *
     * @param key the construct's group key ({@link Groups}), the same on every node
     * @param construct the construct's label: the name of its first drop
     * @param cause the roots' error
     * @param first when the first of them failed, epoch ms; null if not known
     * @param examples at most {@link #MAX_EXAMPLES} roots, the first to fail first
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Group(String key, String construct, String cause, long roots, long downstream, Long first,
                 List<Example> examples) {

        Group {
            examples = List.copyOf(examples);
        }
    }

    /**
     * One root.
     *
     * @param node the drop's node attribute, or null
     * @param downstream how many drops failed because of it
     * @param ended when it failed, epoch ms; null if not known
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Example(String oid, String name, String node, long downstream, Long ended) {
    }

    /** {@code drops} local failed drops blamed on drop {@code oid} of another node. */
    record Import(String oid, long drops) {
    }

    /**
     * Failed drop {@code oid}, which other nodes read, is blamed on root {@code root}: a root of
     * group ({@code key}, {@code cause}), or a drop of yet another node (key and cause null).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Export(String oid, String root, String key, String cause) {
    }

    /** The text roots are grouped by: the error, cut to {@link #MAX_CAUSE}. */
    static String cause(String error) {
        if (error == null || error.isBlank()) {
            return "failed (no cause given)";
        }
        return error.length() > MAX_CAUSE ? error.substring(0, MAX_CAUSE) + "…" : error;
    }
}
