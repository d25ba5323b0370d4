package dlg.manager.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.state.SessionState;
import dlg.manager.history.ConstructSummary;
import dlg.manager.history.DurationHistogram;
import dlg.manager.history.PastSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A past session as {@code GET /api/history/...} writes it, and read back: a composite reads its
 * sub-managers' records of a session to merge them ({@code histograms} makes the constructs'
 * durations mergeable).
 */
final class PastSessionJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PastSessionJson() {
    }

    /** The listing's fields. */
    static void writeHead(JsonGenerator g, PastSession s) throws IOException {
        g.writeStringField("sessionId", s.sessionId());
        g.writeStringField("owner", s.owner());
        g.writeStringField("manager", s.manager());
        g.writeStringField("state", s.state().name());
        g.writeNumberField("status", s.state().code());
        g.writeBooleanField("terminal", s.state().isTerminal());
        g.writeBooleanField("interrupted", s.interrupted());
        g.writeNumberField("size", s.graphSize());
        g.writeStringField("created", s.created().toString());
        g.writeStringField("ended", s.ended() == null ? null : s.ended().toString());
        if (s.ended() != null) {
            g.writeNumberField("durationS", (s.ended().toEpochMilli() - s.created().toEpochMilli()) / 1000.0);
        }
        g.writeNumberField("failedDrops", s.failedDrops());
    }

    /**
     * Everything kept of the session.
     *
     * @param nodes the sub-managers' own records it was merged from (a composite's), else empty
     */
    static void write(JsonGenerator g, PastSession s, boolean histograms, Map<String, PastSession> nodes)
            throws IOException {
        g.writeStartObject();
        writeHead(g, s);
        g.writeBooleanField("history", true); // served from the history, not from drops in memory
        g.writeStringField("failure", s.failure());
        g.writeStringField("sessionDir", s.sessionDir());
        g.writeStringField("logFile", s.logFile());
        g.writeStringField("graphFile", s.graphFile());
        g.writeArrayFieldStart("states");
        for (var sc : s.states()) {
            g.writeStartObject();
            g.writeStringField("state", sc.state().name());
            g.writeStringField("at", sc.at().toString());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("dropCounts");
        for (var e : s.dropCounts().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("failures");
        for (var f : s.failures()) {
            g.writeStartObject();
            g.writeStringField("oid", f.oid());
            g.writeStringField("uid", f.uid());
            g.writeStringField("name", f.name());
            g.writeStringField("cause", f.cause());
            g.writeStringField("node", f.node());
            if (f.onItsOwn() != null) {
                g.writeBooleanField("onItsOwn", f.onItsOwn());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("constructs");
        for (ConstructSummary c : s.constructs()) {
            writeConstruct(g, c, histograms);
        }
        g.writeEndArray();
        if (!nodes.isEmpty()) {
            g.writeArrayFieldStart("nodes");
            for (var e : nodes.entrySet()) {
                PastSession n = e.getValue();
                g.writeStartObject();
                g.writeStringField("node", e.getKey());
                g.writeStringField("state", n.state().name());
                g.writeBooleanField("interrupted", n.interrupted());
                g.writeNumberField("size", n.graphSize());
                g.writeNumberField("failedDrops", n.failedDrops());
                g.writeStringField("sessionDir", n.sessionDir());
                g.writeStringField("logFile", n.logFile());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    static void writeConstruct(JsonGenerator g, ConstructSummary c, boolean histogram) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", c.key());
        g.writeStringField("name", c.name());
        g.writeNumberField("count", c.count());
        g.writeNumberField("failed", c.failed());
        g.writeNumberField("ran", c.durations().count());
        if (c.durations().count() > 0) {
            g.writeNumberField("medianMs", c.medianMs());
            g.writeNumberField("p95Ms", c.p95Ms());
            g.writeNumberField("maxMs", c.maxMs());
            g.writeNumberField("totalMs", c.totalMs());
        }
        if (histogram) {
            g.writeStringField("histogram", c.durations().encode());
        }
        g.writeEndObject();
    }

    /**
     * A record written by {@link #write} (with histograms; without them a construct's durations
     * are left out).
     *
     * @throws UncheckedIOException when it is not one
     */
    static PastSession read(String json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not a past session: " + e.getMessage(), e);
        }
        try {
            List<PastSession.StateChange> states = new ArrayList<>();
            for (JsonNode s : n.path("states")) {
                states.add(new PastSession.StateChange(SessionState.valueOf(s.get("state").asText()),
                        Instant.parse(s.get("at").asText())));
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            n.path("dropCounts").properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
            List<PastSession.DropFailure> failures = new ArrayList<>();
            for (JsonNode f : n.path("failures")) {
                JsonNode own = f.get("onItsOwn");
                failures.add(new PastSession.DropFailure(f.get("oid").asText(), f.get("uid").asText(), text(f, "name"),
                        text(f, "cause"), text(f, "node"), own == null || own.isNull() ? null : own.asBoolean()));
            }
            List<ConstructSummary> constructs = new ArrayList<>();
            for (JsonNode c : n.path("constructs")) {
                String h = text(c, "histogram");
                constructs.add(new ConstructSummary(c.get("key").asText(), text(c, "name"), c.get("count").asLong(),
                        c.get("failed").asLong(), c.path("totalMs").asLong(0), c.path("maxMs").asLong(0),
                        h == null ? new DurationHistogram() : DurationHistogram.decode(h)));
            }
            String ended = text(n, "ended");
            return new PastSession(n.get("owner").asText(), n.get("sessionId").asText(), n.get("manager").asText(),
                    SessionState.valueOf(n.get("state").asText()), n.get("size").asInt(),
                    Instant.parse(n.get("created").asText()), ended == null ? null : Instant.parse(ended), states,
                    counts, n.get("failedDrops").asLong(), failures, constructs, text(n, "failure"),
                    text(n, "sessionDir"), text(n, "logFile"), text(n, "graphFile"), n.path("interrupted").asBoolean());
        } catch (RuntimeException e) { // a missing field, a state or time that does not parse
            throw new UncheckedIOException("not a past session: " + e, new IOException(e));
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
