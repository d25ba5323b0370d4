package dlg.core.graph;

/**
 * The relationships a drop spec can declare, with DALiuGE's {@code DROPLinkType} codes and the
 * spec key that holds them. {@code DROPRel(lhs, rel, rhs)} reads "lhs is a rel of rhs".
 */
public enum LinkType {
    CONSUMER(0, "consumers"),
    STREAMING_CONSUMER(1, "streamingConsumers"),
    PRODUCER(2, "producers"),
    PARENT(3, "parent"),
    CHILD(4, "children"),
    INPUT(5, "inputs"),
    STREAMING_INPUT(6, "streamingInputs"),
    OUTPUT(7, "outputs");

    private static final LinkType[] BY_CODE = values();

    private final int code;
    private final String key;

    LinkType(int code, String key) {
        this.code = code;
        this.key = key;
    }

    public int code() {
        return code;
    }

    /** The drop-spec key listing links of this type. */
    public String key() {
        return key;
    }

    /** True for links that carry data into the drop declaring them (from the linked drop). */
    public boolean isIncoming() {
        return this == INPUT || this == STREAMING_INPUT || this == PRODUCER;
    }

    /** True for links that carry data out of the drop declaring them (to the linked drop). */
    public boolean isOutgoing() {
        return this == OUTPUT || this == CONSUMER || this == STREAMING_CONSUMER;
    }

    public boolean isStreaming() {
        return this == STREAMING_INPUT || this == STREAMING_CONSUMER;
    }

    /** Whether a drop of {@code category} may declare links of this type. */
    public boolean isDeclarableBy(Category category) {
        return switch (this) {
            case INPUT, STREAMING_INPUT, OUTPUT -> category.isApplication();
            case CONSUMER, STREAMING_CONSUMER, PRODUCER -> category == Category.DATA;
            case PARENT, CHILD -> true;
        };
    }

    /** The category the linked drop must have: data flows between applications and data only. */
    public boolean acceptsTarget(Category target) {
        return switch (this) {
            case INPUT, STREAMING_INPUT, OUTPUT -> target == Category.DATA;
            case CONSUMER, STREAMING_CONSUMER, PRODUCER -> target.isApplication();
            case PARENT, CHILD -> true;
        };
    }

    /**
     * Whether a drop of category {@code from} may declare a link of this type to a drop of
     * category {@code to}: data flows between applications and data drops, and an application
     * may also name another application in its inputs, outputs, consumers or producers (EAGLE's
     * translator writes such links; DALiuGE accepts them, and dlg runs the later application
     * once the earlier one has finished).
     */
    public boolean links(Category from, Category to) {
        if (isDeclarableBy(from) && acceptsTarget(to)) {
            return true;
        }
        return from == Category.APPLICATION && to == Category.APPLICATION
                && (this == INPUT || this == OUTPUT || this == CONSUMER || this == PRODUCER);
    }

    public static LinkType ofKey(String key) {
        for (LinkType t : BY_CODE) {
            if (t.key.equals(key)) {
                return t;
            }
        }
        return null;
    }

    public static LinkType ofCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("no link type with code " + code);
        }
        return BY_CODE[code];
    }
}
