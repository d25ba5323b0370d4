package dlg.core.error;

import java.util.Map;
import java.util.Objects;

/**
 * An error raised while a NodeManager's session built, deployed, linked or cancelled its graph,
 * under the type DALiuGE v6.7.0 gives it there: its session and drop methods turn every
 * {@code DaliugeException} into an {@code ErrorManagerCaughtException} (see {@code object_tracking}
 * in its {@code dlg/utils.py}), and its client and tests catch that class.
 *
 * <p>Where DALiuGE's args are empty, ours hold the caught error's message (naming the drop and
 * the problem), and the error body has a {@code cause} member with the caught error's own type and
 * args, which DALiuGE's client ignores. The HTTP status is the caught error's, so a request at
 * fault still gets a 4xx.
 */
public final class ErrorManagerCaughtException extends DlgException {

    private final DlgException caught;

    public ErrorManagerCaughtException(DlgException caught) {
        super(Objects.requireNonNull(caught, "caught").getMessage(), caught);
        if (caught instanceof ErrorManagerCaughtException) {
            throw new IllegalArgumentException("an ErrorManagerCaughtException does not wrap another: " + caught);
        }
        this.caught = caught;
    }

    /** The error as it was raised: what decides the HTTP status. */
    public DlgException caught() {
        return caught;
    }

    @Override
    public Map<String, Object> toWire() {
        Map<String, Object> wire = super.toWire();
        wire.put("cause", caught.toWire());
        return wire;
    }
}
