package dlg.core.python;

import java.util.List;
import java.util.Map;

/** A worker's answer: its header (unpickled) and the raw data frames that followed it. */
public record PythonReply(Map<String, Object> header, List<byte[]> frames) {

    public PythonReply {
        header = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(header));
        frames = List.copyOf(frames);
    }

    public boolean ok() {
        return Boolean.TRUE.equals(header.get("ok"));
    }

    /** What the function printed on stdout and stderr. */
    public String output() {
        Object o = header.get("out");
        return o == null ? "" : o.toString();
    }

    /** The Python exception as {@code Type: message} and its traceback; null when ok. */
    public String error() {
        if (ok()) {
            return null;
        }
        String tb = header.get("traceback") instanceof String s ? s.strip() : "";
        return header.get("type") + ": " + header.get("message") + (tb.isEmpty() ? "" : "\n" + tb);
    }
}
