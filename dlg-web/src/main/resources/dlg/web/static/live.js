// A live feed from the manager (server-sent events): the page is told what changed instead of
// polling. A lost connection shows in the banner at once and is retried; once back, the feed
// starts with a snapshot and the page reads what it shows again.
//
// Some proxies buffer or refuse text/event-stream. A stream that fails FAILURES_BEFORE_POLLING
// times in a row without ever opening, or is not open within OPEN_WITHIN_MS, is taken as blocked:
// the page then polls the JSON routes it reads anyway, every POLL_MS, and tries the stream again
// every STREAM_RETRY_MS, going back to it (and stopping the polls) once it opens.
// <html data-feed="live|polling"> says which the page is on.
import { api, ApiError, connection } from "./dlg.js";

const RETRY_MS = 2000;
const OPEN_WITHIN_MS = 5000;
const FAILURES_BEFORE_POLLING = 3;
const POLL_MS = 2000;
const STREAM_RETRY_MS = 20000;

/**
 * @param url the feed's route
 * @param handlers a function per event name ({snapshot, delta, gone, sessions, nodes}), each
 *     given the event's parsed data
 * @param gone called with an error when the feed cannot be had any more (its session is gone)
 * @param check a route to read when the feed fails, to tell "gone" (404) from "unreachable"
 * @param poll an async function reading and showing what the feed would have told, used while
 *     the stream is blocked; it throws as api() does
 */
export function openFeed(url, handlers, { gone, check, poll } = {}) {
  let source = null;
  let closed = false;
  let timer = null;
  let failures = 0; // stream errors since it last opened
  let polling = null; // the poll interval while the stream is blocked
  let streamRetry = null;

  const open = () => {
    const s = new EventSource(url);
    source = s;
    let opened = false;
    const watchdog = poll ? setTimeout(() => {
      if (!opened && source === s && !closed) blocked();
    }, OPEN_WITHIN_MS) : null;
    s.onopen = () => {
      opened = true;
      clearTimeout(watchdog);
      failures = 0;
      stopPolling();
      connection(true);
    };
    for (const [name, handle] of Object.entries(handlers)) {
      s.addEventListener(name, ev => {
        connection(true);
        handle(JSON.parse(ev.data));
      });
    }
    s.onerror = () => {
      if (closed || source !== s) return;
      if (polling) { // a retried stream still blocked: the polls say how the manager is
        clearTimeout(watchdog);
        s.close();
        return;
      }
      failures++;
      if (poll && failures >= FAILURES_BEFORE_POLLING) {
        clearTimeout(watchdog);
        blocked();
        return;
      }
      connection(false, "Live updates from the manager lost; reconnecting…");
      if (s.readyState === EventSource.CLOSED) retry(); // the browser gave up: we do not
    };
  };

  const retry = async () => {
    source?.close();
    if (closed || timer) return;
    if (check) {
      try {
        await api("GET", check);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) {
          stop();
          connection(true);
          gone?.(e);
          return;
        }
      }
    }
    timer = setTimeout(() => {
      timer = null;
      if (!closed) open();
    }, RETRY_MS);
  };

  /** The stream does not get through: poll instead, and try the stream again now and then. */
  const blocked = () => {
    source?.close();
    if (closed || polling) return;
    document.documentElement.dataset.feed = "polling";
    clearTimeout(timer);
    timer = null;
    pollOnce();
    polling = setInterval(pollOnce, POLL_MS);
    streamRetry = setInterval(() => {
      if (!closed && polling) open();
    }, STREAM_RETRY_MS);
  };

  const pollOnce = async () => {
    try {
      await poll();
      if (polling) connection(true);
    } catch (e) {
      if (closed || !polling) return;
      if (e instanceof ApiError && e.status === 404) {
        stop();
        connection(true);
        gone?.(e);
      } else {
        connection(false, "Connection to the manager lost; retrying…");
      }
    }
  };

  const stopPolling = () => {
    clearInterval(polling);
    clearInterval(streamRetry);
    polling = streamRetry = null;
    document.documentElement.dataset.feed = "live";
  };

  const stop = () => {
    closed = true;
    source?.close();
    clearTimeout(timer);
    clearInterval(polling);
    clearInterval(streamRetry);
  };

  open();
  window.addEventListener("pagehide", stop);
  return { close: stop };
}
