package dlg.manager.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import dlg.core.runtime.DropEvent;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The body of an event message: {@code {"type": "dropCompleted", "session_id": "s", "oid": "a",
 * "uid": "a", "status": 2, "execStatus": 2, "timestamp": 1712345678.123}}, with {@code execStatus}
 * only for apps and {@code timestamp} in seconds, as Python's {@code time.time()} gives it. A
 * completed data drop read on other nodes may carry its small content too: {@code "content"}, in
 * base64 ({@link DropEvent#content()}).
 */
final class EventJson {

    /**
     * The topic of the heartbeat every publisher sends at a fixed interval, whether it has events
     * or not (second frame empty): a control character, so never a session id.
     */
    static final byte[] HEARTBEAT_TOPIC = {1, 'd', 'l', 'g', '-', 'h', 'e', 'a', 'r', 't', 'b', 'e', 'a', 't'};

    static boolean isHeartbeat(byte[] topic) {
        return topic.length > 0 && topic[0] == 1 && Arrays.equals(topic, HEARTBEAT_TOPIC);
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final SerializedString TYPE = new SerializedString("type");
    private static final SerializedString SESSION_ID = new SerializedString("session_id");
    private static final SerializedString OID = new SerializedString("oid");
    private static final SerializedString UID = new SerializedString("uid");
    private static final SerializedString STATUS = new SerializedString("status");
    private static final SerializedString EXEC_STATUS = new SerializedString("execStatus");
    private static final SerializedString TIMESTAMP = new SerializedString("timestamp");
    private static final SerializedString CONTENT = new SerializedString("content");
    private static final DropEvent.Type[] TYPES = DropEvent.Type.values();

    private EventJson() {
    }

    /**
     * Serialises events one after the other into one reused buffer: no tree and no generator per
     * event. Not thread-safe: one per publisher thread.
     */
    static final class Writer {

        private final Buffer out = new Buffer();
        private final char[] seconds = new char[24];
        private JsonGenerator gen = newGenerator();

        /**
         * Returns a new array holding the event's JSON (ZeroMQ keeps it until it is sent).
         *
         * @throws IllegalArgumentException if a field other than {@code execStatus} is null
         */
        byte[] write(DropEvent e) {
            // Checked first: a generator that failed half-way through an object is of no more use.
            if (e.type() == null || e.sessionId() == null || e.oid() == null || e.uid() == null || e.status() == null) {
                throw new IllegalArgumentException("an event field is null: " + e);
            }
            out.count = 0;
            try {
                gen.writeStartObject();
                gen.writeFieldName(TYPE);
                gen.writeString(e.type().wireName());
                gen.writeFieldName(SESSION_ID);
                gen.writeString(e.sessionId());
                gen.writeFieldName(OID);
                gen.writeString(e.oid());
                gen.writeFieldName(UID);
                gen.writeString(e.uid());
                gen.writeFieldName(STATUS);
                gen.writeNumber(e.status().code());
                if (e.execStatus() != null) {
                    gen.writeFieldName(EXEC_STATUS);
                    gen.writeNumber(e.execStatus().code());
                }
                gen.writeFieldName(TIMESTAMP);
                writeSeconds(e.timestamp());
                if (e.content() != null) {
                    gen.writeFieldName(CONTENT);
                    gen.writeBinary(e.content());
                }
                gen.writeEndObject();
                gen.flush();
            } catch (IOException | RuntimeException ex) { // cannot happen: the buffer never fails
                gen = newGenerator();
                throw new IllegalStateException("cannot write " + e, ex);
            }
            return Arrays.copyOf(out.bytes, out.count);
        }

        private JsonGenerator newGenerator() {
            try {
                return JSON.createGenerator(out).setRootValueSeparator(null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Writes milliseconds as seconds with three decimals: 1712345678.123, never 1.712345678123E9. */
        private void writeSeconds(long millis) throws IOException {
            if (millis < 0) {
                gen.writeNumber(BigDecimal.valueOf(millis, 3));
                return;
            }
            int end = seconds.length;
            long rest = millis;
            for (int i = 0; i < 3; i++) {
                seconds[--end] = (char) ('0' + rest % 10);
                rest /= 10;
            }
            seconds[--end] = '.';
            do {
                seconds[--end] = (char) ('0' + rest % 10);
                rest /= 10;
            } while (rest > 0);
            gen.writeNumber(seconds, end, seconds.length - end);
        }
    }

    /**
     * Reads an event body, checking that it is one object with every field this class writes
     * (unknown fields are ignored) and that its session is {@code topic}; {@link DropEvent} itself
     * refuses content over its limit.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static DropEvent read(String topic, byte[] body) {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            String type = null;
            String sessionId = null;
            String oid = null;
            String uid = null;
            Integer status = null;
            Integer execStatus = null;
            Double timestamp = null;
            byte[] content = null;
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                JsonToken value = p.nextToken();
                switch (name) {
                    case "type" -> type = text(p, name);
                    case "session_id" -> sessionId = text(p, name);
                    case "oid" -> oid = text(p, name);
                    case "uid" -> uid = text(p, name);
                    case "status" -> status = integer(p, name);
                    case "execStatus" -> execStatus = value == JsonToken.VALUE_NULL ? null : integer(p, name);
                    case "timestamp" -> timestamp = number(p, name);
                    case "content" -> content = binary(p, name);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("more than one JSON value");
            }
            require(type, "type");
            require(sessionId, "session_id");
            require(oid, "oid");
            require(uid, "uid");
            require(status, "status");
            require(timestamp, "timestamp");
            if (!sessionId.equals(topic)) {
                throw new IllegalArgumentException("session_id '" + sessionId + "' is not the topic '" + topic + "'");
            }
            return new DropEvent(typeOf(type), sessionId, oid, uid, DropState.ofCode(status),
                    execStatus == null ? null : AppState.ofCode(execStatus), Math.round(timestamp * 1000), content);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: the input is an array
        }
    }

    private static DropEvent.Type typeOf(String wireName) {
        for (DropEvent.Type t : TYPES) {
            if (t.wireName().equals(wireName)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown event type '" + wireName + "'");
    }

    private static String text(JsonParser p, String name) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException(name + " is not a string");
        }
        return p.getText();
    }

    private static byte[] binary(JsonParser p, String name) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException(name + " is not a base64 string");
        }
        try {
            return p.getBinaryValue();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + " is not base64: " + e.getOriginalMessage(), e);
        }
    }

    private static int integer(JsonParser p, String name) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            throw new IllegalArgumentException(name + " is not an integer code");
        }
        return p.getIntValue();
    }

    private static double number(JsonParser p, String name) throws IOException {
        if (!p.currentToken().isNumeric()) {
            throw new IllegalArgumentException(name + " is not a number");
        }
        return p.getDoubleValue();
    }

    private static void require(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("no " + name);
        }
    }

    /** An unsynchronised ByteArrayOutputStream: the generator's only sink, reset per event. */
    private static final class Buffer extends OutputStream {

        private byte[] bytes = new byte[512];
        private int count;

        @Override
        public void write(int b) {
            ensure(1);
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, count, len);
            count += len;
        }

        private void ensure(int more) {
            if (count + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + more));
            }
        }
    }
}
