package dlg.manager.data;

/**
 * The status byte of a reply of the data protocol (see {@link Wire}): the data follows, or why
 * not. A code's meaning never changes; new ones are added at the end (the code is the ordinal).
 */
public enum DataReply {
    /** The drop's content follows. */
    OK(0),
    /** No session with this id on the node. */
    NO_SESSION(1),
    /** The session has no drop with this uid on the node. */
    NO_DROP(2),
    /** The drop is an application: it has no data. */
    NOT_DATA(3),
    /** The drop is not COMPLETED (not yet, or never: ERROR, CANCELLED, SKIPPED), or not deployed yet. */
    NOT_COMPLETED(4),
    /** The drop's data was released (EXPIRED or DELETED). */
    RELEASED(5),
    /** The drop is COMPLETED but its data cannot be read (its file is gone, ...). */
    UNREADABLE(6),
    /** The request was not one: wrong magic, version or framing. */
    BAD_REQUEST(7),
    /**
     * The cluster's secret is not shared: this node demands it and the request does not prove it
     * holds it (none, or another), or the request holds one and this node has none.
     */
    UNAUTHORIZED(8),
    /**
     * Not a refusal: in version 2, the request was not signed with a live ticket of this node
     * (the reader's first read here, or its ticket expired); the current ticket follows, to sign
     * the request with.
     */
    RENEW(9);

    private static final DataReply[] BY_CODE = values();

    private final int code;

    DataReply(int code) {
        this.code = code;
    }

    /** The byte on the wire. */
    public int code() {
        return code;
    }

    /** @throws IllegalArgumentException for a code this version does not know */
    public static DataReply ofCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("no data reply with code " + code);
        }
        return BY_CODE[code];
    }
}
