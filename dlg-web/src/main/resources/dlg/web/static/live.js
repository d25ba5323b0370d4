// A live feed from the manager (server-sent events): the page is told what changed instead of
// polling. A lost connection shows in the banner at once and is retried; once back, the feed
// starts with a snapshot and the page reads what it shows again.
import { api, ApiError, connection } from "./dlg.js";

const RETRY_MS = 2000;

/**
 * @param url the feed's route
 * @param handlers a function per event name ({snapshot, delta, gone, sessions, nodes}), each
 *     given the event's parsed data
 * @param gone called with an error when the feed cannot be had any more (its session is gone)
 * @param check a route to read when the feed fails, to tell "gone" (404) from "unreachable"
 */
export function openFeed(url, handlers, { gone, check } = {}) {
  let source = null;
  let closed = false;
  let timer = null;

  const open = () => {
    source = new EventSource(url);
    source.onopen = () => connection(true);
    for (const [name, handle] of Object.entries(handlers)) {
      source.addEventListener(name, ev => {
        connection(true);
        handle(JSON.parse(ev.data));
      });
    }
    source.onerror = () => {
      if (closed) return;
      connection(false, "Live updates from the manager lost; reconnecting…");
      if (source.readyState === EventSource.CLOSED) retry(); // the browser gave up: we do not
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
          closed = true;
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

  open();
  window.addEventListener("pagehide", () => {
    closed = true;
    source?.close();
  });
  return {
    close() {
      closed = true;
      source?.close();
      clearTimeout(timer);
    },
  };
}
