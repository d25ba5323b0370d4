package dlg.manager.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.error.InvalidRequestException;
import dlg.core.graph.UidList;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Small JSON request bodies (session ids, uid lists, subscriptions) as plain Java values. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** @throws InvalidRequestException naming where the JSON is malformed */
    static Object parse(String text) {
        requireBody(text);
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    /**
     * A JSON list of strings (uids), read token by token into one block of characters: a
     * million uids make neither a tree of objects nor a String each.
     *
     * @param what the error when it is not such a list ("the body must be a JSON list of drop uids")
     * @throws InvalidRequestException naming where the JSON is malformed (bytes that are not UTF-8
     *     included), or {@code what}
     */
    static UidList uidList(byte[] body, String what) {
        try (JsonParser p = MAPPER.getFactory().createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new InvalidRequestException("the request has no body, a JSON value was expected");
            }
            if (first != JsonToken.START_ARRAY) {
                p.skipChildren();
                requireEnd(p);
                throw new InvalidRequestException(what);
            }
            UidList out = new UidList();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t != JsonToken.VALUE_STRING) {
                    Object value = MAPPER.readValue(p, Object.class); // whole, to name it as the tree did
                    requireRest(p);
                    throw new InvalidRequestException(what + ", not " + value);
                }
                out.add(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            }
            requireEnd(p);
            return out;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) { // bytes in memory do not fail to read
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The rest of the list is well-formed JSON too: a malformed body is reported as such first. */
    private static void requireRest(JsonParser p) throws IOException {
        while (p.nextToken() != null) {
            p.skipChildren();
        }
    }

    private static void requireEnd(JsonParser p) throws IOException {
        JsonToken extra = p.nextToken();
        if (extra != null) {
            throw new InvalidRequestException("malformed JSON at line " + p.currentLocation().getLineNr() + ", column "
                    + p.currentLocation().getColumnNr() + ": more after the end of the value: " + extra.asString());
        }
    }

    private static void requireBody(String text) {
        if (text.isBlank()) {
            throw new InvalidRequestException("the request has no body, a JSON value was expected");
        }
    }

    private static InvalidRequestException malformed(JsonProcessingException e) {
        var loc = e.getLocation();
        return new InvalidRequestException("malformed JSON"
                + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                + ": " + e.getOriginalMessage());
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
