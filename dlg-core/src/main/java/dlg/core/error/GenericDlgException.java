package dlg.core.error;

import java.util.Objects;

/**
 * An error known only by its DALiuGE type name and args: one another manager reported under a
 * type this process has no class for (e.g. {@code DaliugeException}, {@code NotImplementedError}),
 * or a failure that was no DlgException at all. Type and args are kept as they came, so that
 * passing the error on changes nothing.
 */
public final class GenericDlgException extends DlgException {

    private final String type;
    private final Object args;

    /** @param args JSON values, as {@link #args()} */
    public GenericDlgException(String type, Object args, String message) {
        this(type, args, message, null);
    }

    public GenericDlgException(String type, Object args, String message, Throwable cause) {
        super(message, cause);
        this.type = Objects.requireNonNull(type, "type");
        this.args = args;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Object args() {
        return args;
    }
}
