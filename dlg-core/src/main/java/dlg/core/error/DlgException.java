package dlg.core.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Root of dlg's exceptions. Each subclass carries DALiuGE's exception class name as its simple
 * name, so that a REST layer can answer {@code {"type": <simple name>, "args": args()}} and
 * DALiuGE's Python client raises the matching {@code dlg.exceptions} class.
 */
public abstract class DlgException extends RuntimeException {

    protected DlgException(String message) {
        super(message);
    }

    protected DlgException(String message, Throwable cause) {
        super(message, cause);
    }

    /** DALiuGE's name for this error (the {@code type} of an error body). */
    public String type() {
        return getClass().getSimpleName();
    }

    /**
     * The {@code args} of an error body, made of JSON values (strings, numbers, booleans, null,
     * lists, string-keyed maps): by default a list holding the message alone. A list for every
     * DALiuGE exception but {@link SubManagerException}, whose args are an object.
     */
    public Object args() {
        return List.of(getMessage());
    }

    /**
     * The error as an error body: {@code {"type": type(), "args": args()}}, plus whatever members a
     * subclass adds (DALiuGE's client reads {@code type} and {@code args} and ignores the rest). A new
     * mutable map, in the order to write it.
     */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("type", type());
        wire.put("args", args());
        return wire;
    }
}
