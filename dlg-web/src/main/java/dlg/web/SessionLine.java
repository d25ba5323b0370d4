package dlg.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One session as the pages show it: the sessions table's row, the session page's header, the
 * summary the live feed sends.
 *
 * @param state the session state's lower-case name ({@code running})
 * @param terminal whether that state is an end (the server says it, the pages never derive it)
 * @param counts drops per shown state ({@link ShownState#wireName()}), the states with none left out
 * @param failed drops in error
 * @param created when the session was created, epoch ms
 * @param started when it was deployed, or null
 * @param ended when it ended, or null
 * @param elapsed ms from deploy to the end (or to now while it runs), or null before deploy
 * @param error why the session failed outside any drop (a deploy error, a node that is gone), or null
 * @param nodes a composite's sessions: the state on each sub-manager; null on a NodeManager
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SessionLine(String sessionId, String state, boolean terminal, long size, Map<String, Long> counts,
                   long failed, Long created, Long started, Long ended, Long elapsed, String error,
                   Map<String, NodeState> nodes) {

    /** A session on one sub-manager of a composite. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NodeState(String state, boolean terminal, String error) {
    }
}
