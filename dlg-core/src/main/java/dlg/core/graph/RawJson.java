package dlg.core.graph;

import java.util.Objects;

/**
 * A nested JSON value of a drop spec (an object or a list) kept as its text: the engine rarely
 * needs one, so it is never turned into a tree per drop; whoever needs it parses it.
 */
public record RawJson(String json) {

    public RawJson {
        Objects.requireNonNull(json, "json");
    }

    @Override
    public String toString() {
        return json;
    }
}
