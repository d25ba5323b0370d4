package dlg.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What the live feed of a session sends: a {@code snapshot} when a page connects (and whenever
 * it should read the drops again), then a {@code delta} when something changed. Every value is
 * absolute (a state, a count), never an increment, so an event seen twice or late does no harm.
 *
 * @param summary the session's line, with its counts
 * @param changes the drops whose state changed, with their new state
 * @param groups the per-state counts of the groups of drops that changed (all groups in a snapshot)
 * @param truncated more drops changed than listed: read the drops shown again
 * @param resync read the drops shown again (a snapshot, a node that reconnected)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record LiveEvent(SessionLine summary, List<Change> changes, Map<String, Map<String, Long>> groups,
                 Boolean truncated, Boolean resync) {

    /** One drop's new state. */
    record Change(String oid, String state, boolean terminal) {
    }
}
