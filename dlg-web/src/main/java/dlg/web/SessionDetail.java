package dlg.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The session page's header: the session's line, its directory, and the first drops in error.
 *
 * @param dir the session directory (on a composite: of the first node that answered)
 * @param failures up to {@link #MAX_FAILURES} drops in error, with why
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SessionDetail(SessionLine session, String dir, List<DropLine> failures) {

    static final int MAX_FAILURES = 20;
}
