package dlg.manager.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.runtime.DropEvent;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventJsonTest {

    private final EventJson.Writer writer = new EventJson.Writer();

    @Test
    void write_dataDrop_hasNoExecStatus() {
        var e = new DropEvent(DropEvent.Type.DROP_COMPLETED, "s1", "a", "ua", DropState.COMPLETED, null,
                1_712_345_678_123L);

        assertThat(json(e)).isEqualTo("""
                {"type":"dropCompleted","session_id":"s1","oid":"a","uid":"ua","status":2,"timestamp":1712345678.123}""");
    }

    @Test
    void content_smallDataOfADropReadElsewhere_travelsAsBase64_andReadsBack() {
        byte[] content = {0, 1, 2, (byte) 0xff, 'h', 'i'};
        var e = new DropEvent(DropEvent.Type.DROP_COMPLETED, "s1", "a", "ua", DropState.COMPLETED, null, 1_000, content);

        String wire = json(e);

        assertThat(wire).endsWith("\"timestamp\":1.000,\"content\":\"AAEC/2hp\"}");
        assertThat(EventJson.read("s1", wire.getBytes(StandardCharsets.UTF_8))).isEqualTo(e);
        assertThat(EventJson.read("s1", json(new DropEvent(DropEvent.Type.DROP_COMPLETED, "s1", "a", "ua",
                DropState.COMPLETED, null, 1_000, new byte[0])).getBytes(StandardCharsets.UTF_8)).content()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "3                        | content is not a base64 string",
        "'\"not base64!\"'        | content is not base64",
    })
    void read_badContent_namesIt(String content, String message) {
        String body = "{\"type\":\"dropCompleted\",\"session_id\":\"s1\",\"oid\":\"a\",\"uid\":\"a\",\"status\":2,"
                + "\"timestamp\":1.0,\"content\":" + content + "}";

        assertThatThrownBy(() -> EventJson.read("s1", body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @Test
    void read_contentOverTheLimit_isRefused() {
        String big = java.util.Base64.getEncoder().encodeToString(new byte[DropEvent.INLINED_MAX + 1]);
        String body = "{\"type\":\"dropCompleted\",\"session_id\":\"s1\",\"oid\":\"a\",\"uid\":\"a\",\"status\":2,"
                + "\"timestamp\":1.0,\"content\":\"" + big + "\"}";

        assertThatThrownBy(() -> EventJson.read("s1", body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("content of 1025 bytes (at most 1024 travel with an event)");
        assertThatThrownBy(() -> new DropEvent(DropEvent.Type.DROP_COMPLETED, "s1", "a", "a", DropState.COMPLETED,
                null, 0, new byte[DropEvent.INLINED_MAX + 1])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void write_app_hasExecStatusCode() {
        var e = new DropEvent(DropEvent.Type.PRODUCER_FINISHED, "s1", "b", "ub", DropState.ERROR, AppState.ERROR, 5);

        assertThat(json(e)).isEqualTo("""
                {"type":"producerFinished","session_id":"s1","oid":"b","uid":"ub","status":3,"execStatus":3,"timestamp":0.005}""");
    }

    @Test
    void write_manyEvents_eachIsOneObject() {
        var first = new DropEvent(DropEvent.Type.STATUS, "s1", "a", "a", DropState.WRITING, null, 1_000);
        var second = new DropEvent(DropEvent.Type.EXEC_STATUS, "s\u00e9", "b", "b", DropState.INITIALIZED, AppState.RUNNING, 2_010);

        json(first);

        assertThat(json(second)).isEqualTo("""
                {"type":"execStatus","session_id":"s\u00e9","oid":"b","uid":"b","status":0,"execStatus":1,"timestamp":2.010}""");
    }

    @Test
    void write_negativeTimestamp_isStillSeconds() {
        var e = new DropEvent(DropEvent.Type.STATUS, "s", "a", "a", DropState.WRITING, null, -1_500);

        assertThat(json(e)).endsWith("\"timestamp\":-1.500}");
    }

    @Test
    void write_nullState_throwsIllegalArgumentAndTheWriterGoesOn() {
        var broken = new DropEvent(DropEvent.Type.STATUS, "s1", "a", "a", null, null, 0);

        assertThatThrownBy(() -> writer.write(broken)).isInstanceOf(IllegalArgumentException.class);

        assertThat(json(new DropEvent(DropEvent.Type.STATUS, "s1", "a", "a", DropState.WRITING, null, 0)))
                .startsWith("{\"type\":\"status\"");
    }

    @Test
    void read_written_isTheSameEvent() {
        var e = new DropEvent(DropEvent.Type.PRODUCER_FINISHED, "s1", "b", "ub", DropState.COMPLETED, AppState.FINISHED,
                1_712_345_678_999L);

        assertThat(EventJson.read("s1", writer.write(e))).isEqualTo(e);
    }

    @Test
    void read_pythonStyleEvent_roundsToMillisAndIgnoresUnknownFields() {
        String body = """
                {"type": "dropCompleted", "status": 7, "oid": "a", "uid": "ua", "session_id": "s1",
                 "name": "x", "lg_key": -3, "extra": {"nested": [1, 2]}, "execStatus": null,
                 "timestamp": 1712345678.1236}""";

        DropEvent e = EventJson.read("s1", body.getBytes(StandardCharsets.UTF_8));

        assertThat(e).isEqualTo(new DropEvent(DropEvent.Type.DROP_COMPLETED, "s1", "a", "ua", DropState.SKIPPED, null,
                1_712_345_678_124L));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            not json                                                                           | invalid JSON
            [1, 2]                                                                             | not a JSON object
            {'session_id':'s1','oid':'a','uid':'a','status':2,'timestamp':1}                   | no type
            {'type':'open','session_id':'s1','oid':'a','uid':'a','status':2,'timestamp':1}     | unknown event type 'open'
            {'type':'status','session_id':'s1','oid':'a','uid':'a','status':9,'timestamp':1}   | no drop state with code 9
            {'type':'status','session_id':'s1','oid':'a','uid':'a','status':'2','timestamp':1} | status is not an integer
            {'type':'status','session_id':'s1','oid':'a','uid':'a','status':2.5,'timestamp':1} | status is not an integer
            {'type':'status','session_id':'s1','oid':7,'uid':'a','status':2,'timestamp':1}     | oid is not a string
            {'type':'status','session_id':'s1','oid':'a','uid':'a','status':2}                 | no timestamp
            {'type':'status','session_id':'s2','oid':'a','uid':'a','status':2,'timestamp':1}   | 's2' is not the topic 's1'
            {'type':'status','session_id':'s1','oid':'a','uid':'a','status':2,'timestamp':1}{} | more than one JSON value
            {'type':'status','session_id':'s1','oid':'a','uid':'a','status':2,'timestamp':1,'execStatus':6} \
                                                                                               | no app state with code 6
            """)
    void read_malformed_namesTheProblem(String body, String problem) {
        byte[] json = body.replace('\'', '"').getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EventJson.read("s1", json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }

    private String json(DropEvent e) {
        return new String(writer.write(e), StandardCharsets.UTF_8);
    }
}
