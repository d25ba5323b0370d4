package dlg.manager.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.error.DlgException;
import dlg.core.error.ErrorManagerCaughtException;
import dlg.core.error.GenericDlgException;
import dlg.core.error.InvalidDropException;
import dlg.core.error.InvalidGraphException;
import dlg.core.error.InvalidSessionState;
import dlg.core.error.NoDropException;
import dlg.core.error.NoSessionException;
import dlg.core.error.RestClientException;
import dlg.core.error.SessionAlreadyExistsException;
import dlg.core.error.SubManagerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Turns a manager's error reply {@code {"type": ..., "args": ...}} back into the dlg exception it
 * was, with the message it had. A type without a class here keeps its type and args as a
 * {@link GenericDlgException}; a reply that is no error body becomes a {@link RestClientException}.
 */
final class ErrorReplies {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int EXCERPT = 200;

    /** By type: the exception rebuilt from its args and the call's session id, or null if they do not fit. */
    private static final Map<String, BiFunction<List<?>, String, DlgException>> BY_TYPE = Map.of(
            "NoSessionException", (a, sid) -> a.size() == 1 && a.get(0) instanceof String s
                    ? new NoSessionException(s) : null,
            "SessionAlreadyExistsException", (a, sid) -> a.size() == 1 && a.get(0) instanceof String s
                    ? new SessionAlreadyExistsException(s) : null,
            "InvalidGraphException", (a, sid) -> a.size() == 1 && a.get(0) instanceof String m
                    ? InvalidGraphException.fromMessage(m) : null,
            "InvalidSessionState", (a, sid) -> a.size() == 1 && a.get(0) instanceof String m
                    ? new InvalidSessionState(m) : null,
            "InvalidDropException", (a, sid) -> a.size() == 2 && a.get(0) instanceof String oid
                    && a.get(1) instanceof String m ? new InvalidDropException(oid, unprefixed(m, oid)) : null,
            "NoDropException", (a, sid) -> sid != null && a.size() == 2 && a.get(0) instanceof String oid
                    ? new NoDropException(sid, oid) : null,
            "RestClientException", (a, sid) -> a.size() == 1 && a.get(0) instanceof String m
                    ? new RestClientException(m) : null);

    private ErrorReplies() {
    }

    /**
     * @param sessionId the session the call was about, or null
     * @param call e.g. {@code localhost:8000 GET /api/sessions}, for the messages
     */
    static DlgException decode(String node, int status, byte[] body, String sessionId, String call) {
        Object json;
        try {
            json = MAPPER.readValue(body, Object.class);
        } catch (IOException e) {
            return new RestClientException(node + ": status " + status + " with a non-JSON body "
                    + excerpt(body) + " (" + call + ")");
        }
        if (!(json instanceof Map<?, ?> m) || !(m.get("type") instanceof String type) || !m.containsKey("args")) {
            return new RestClientException(node + ": status " + status + " with a body that is no error "
                    + excerpt(body) + " (" + call + ")");
        }
        return fromWire(m, sessionId);
    }

    /** The exception an error body ({@code type}, {@code args}, maybe {@code cause}) stands for. */
    private static DlgException fromWire(Map<?, ?> body, String sessionId) {
        String type = (String) body.get("type");
        Object args = body.get("args");
        DlgException e = null;
        if (type.equals("SubManagerException")) {
            e = subManager(args, sessionId);
        } else if (type.equals("ErrorManagerCaughtException")) {
            e = caught(body.get("cause"), sessionId);
        } else if (args instanceof List<?> list && BY_TYPE.containsKey(type)) {
            e = BY_TYPE.get(type).apply(list, sessionId);
        }
        return e != null ? e : new GenericDlgException(type, args, message(type, args));
    }

    /** Ours, rebuilt around the error it caught; DALiuGE's own (no cause) is kept as it came. */
    private static ErrorManagerCaughtException caught(Object cause, String sessionId) {
        if (!(cause instanceof Map<?, ?> c) || !(c.get("type") instanceof String t)
                || t.equals("ErrorManagerCaughtException")) {
            return null;
        }
        return new ErrorManagerCaughtException(fromWire(c, sessionId));
    }

    /** {@code {node: {"type": ..., "args": ...}}}, each node's error rebuilt in turn. */
    private static SubManagerException subManager(Object args, String sessionId) {
        if (!(args instanceof Map<?, ?> byNode) || byNode.isEmpty()) {
            return null; // DALiuGE's own or a malformed one: kept as it came
        }
        Map<String, DlgException> failures = new LinkedHashMap<>();
        for (var entry : byNode.entrySet()) {
            if (!(entry.getValue() instanceof Map<?, ?> error) || !(error.get("type") instanceof String)) {
                return null;
            }
            failures.put(String.valueOf(entry.getKey()), fromWire(error, sessionId));
        }
        return new SubManagerException(failures);
    }

    private static String unprefixed(String message, String oid) {
        String prefix = "drop '" + oid + "': ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static String message(String type, Object args) {
        if (args instanceof List<?> l && l.size() == 1 && l.get(0) instanceof String s) {
            return s;
        }
        return type + " " + args;
    }

    private static String excerpt(byte[] body) {
        if (body.length == 0) {
            return "(empty)";
        }
        String text = new String(body, 0, Math.min(body.length, EXCERPT * 4), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").strip();
        return "'" + (text.length() > EXCERPT ? text.substring(0, EXCERPT) + "..." : text) + "'";
    }
}
