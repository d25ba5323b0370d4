package dlg.manager.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;

/** Small JSON request bodies (session ids, uid lists, subscriptions) as plain Java values. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** @throws InvalidRequestException naming where the JSON is malformed */
    static Object parse(String text) {
        if (text.isBlank()) {
            throw new InvalidRequestException("the request has no body, a JSON value was expected");
        }
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new InvalidRequestException("malformed JSON"
                    + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                    + ": " + e.getOriginalMessage());
        }
    }

    /** {@code value} as a list of strings, or an InvalidRequestException with {@code what}. */
    static List<String> stringList(Object value, String what) {
        if (!(value instanceof List<?> list)) {
            throw new InvalidRequestException(what);
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw new InvalidRequestException(what + ", not " + o);
            }
            out.add(s);
        }
        return out;
    }
}
