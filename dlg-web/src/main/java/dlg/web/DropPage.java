package dlg.web;

import java.util.List;

/**
 * One page of a session's drops, those in error first, then the others in graph order.
 *
 * @param total drops in the session
 * @param matched drops that pass the filter
 * @param failed of those, the drops in error (they come first)
 */
record DropPage(long total, long matched, long failed, long offset, List<DropLine> drops) {
}
