package dlg.web;

import java.util.List;

/**
 * What the pages read of a manager, whatever its kind: a NodeManager answers from its own
 * sessions ({@link LocalSource}), a DataIslandManager or MasterManager by asking its
 * sub-managers the same questions and merging their answers ({@link CompositeSource}).
 * Unknown sessions and drops throw dlg's exceptions ({@code NoSessionException}, ...), which the
 * server answers with their usual status and body.
 */
interface UiSource {

    /** DALiuGE's name of the manager: {@code NodeManager}, {@code DataIslandManager}, {@code MasterManager}. */
    String managerType();

    List<SessionLine> sessions();

    /** @throws dlg.core.error.NoSessionException when there is no such session (a quick look, no fan-out) */
    void requireSession(String sessionId);

    SessionDetail session(String sessionId);

    DropPage drops(String sessionId, DropQuery query);

    DropDetail drop(String sessionId, String oid);

    GraphView graph(String sessionId, GraphQuery query);

    Timeline timeline(String sessionId, int limit);

    /** The session's constructs in pipeline order, with their progress and durations. */
    Constructs constructs(String sessionId);
    /** The session's failures grouped by root cause, bounded. */
    RootCauses rootCauses(String sessionId);

    /** A composite's sub-managers and whether they answer; none for a NodeManager. */
    Nodes nodes();
}
