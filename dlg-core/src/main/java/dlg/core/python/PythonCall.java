package dlg.core.python;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One call sent to a Python worker: a header (pickled; Java Maps, Lists, Strings, numbers,
 * booleans and nulls) and raw data frames that follow it, as the header's {@code frames} counts.
 */
public record PythonCall(Map<String, Object> header, List<byte[]> frames) {

    public PythonCall {
        header = Objects.requireNonNull(header, "header");
        frames = List.copyOf(frames);
    }
}
