package dlg.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The UI API's JSON: records written and read by one mapper; replies always with a Content-Length. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable reply: " + e.getMessage(), e);
        }
    }

    static void reply(Context ctx, Object value) {
        byte[] body;
        try {
            body = MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        ctx.status(200);
        ctx.contentType("application/json");
        ctx.header("Cache-Control", "no-store");
        ctx.res().setContentLength(body.length);
        ctx.result(body);
    }
}
