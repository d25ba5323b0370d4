package dlg.web;

import io.javalin.http.sse.SseClient;

/**
 * Pushes what changes to the pages over server-sent events, instead of pages polling: a
 * manager's sessions ({@code sessions} events), one session's drops ({@link LiveEvent}s).
 */
interface LiveFeeds {

    /**
     * Streams {@code snapshot}, then {@code delta} events of one session, and {@code gone} when it
     * is destroyed.
     *
     * @throws dlg.core.error.NoSessionException (before the stream opens) for an unknown session
     */
    void watchSession(String sessionId, SseClient client);

    /** Streams {@code sessions} events: the manager's sessions, whenever they change (and {@code nodes} on a composite). */
    void watchManager(SseClient client);
}
