package dlg.core.runtime;

import dlg.core.state.AppState;
import dlg.core.state.DropState;

/**
 * One drop's state, as {@code graph/status} reports it.
 *
 * @param execStatus null for data drops
 * @param error why the drop failed, or null
 */
public record DropStatus(String oid, String uid, DropState status, AppState execStatus, String error) {
}
