// Server-sent events read with fetch(), so that the key travels in the Authorization header:
// EventSource cannot send headers, and the key must never be put in a URL.

const RETRY_MS = 2000;

/**
 * Streams /v1/events/stream until stop() is called, reconnecting after a pause when the stream
 * ends or fails. onEvent(type, data) gets each event; onState("live" | "reconnecting" | "denied").
 */
export function streamEvents(api, onEvent, onState) {
  const control = new AbortController();
  let stopped = false;

  async function once() {
    const response = await fetch("/v1/events/stream", {
      headers: api.headers({ Accept: "text/event-stream" }),
      signal: control.signal,
      cache: "no-store",
    });
    if (response.status === 401 || response.status === 403) {
      onState("denied");
      stopped = true;
      return;
    }
    if (!response.ok || !response.body) {
      throw new Error(`stream answered ${response.status}`);
    }
    onState("live");
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += value.replace(/\r\n?/g, "\n");
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        dispatch(buffer.slice(0, end), onEvent);
        buffer = buffer.slice(end + 2);
      }
    }
  }

  (async () => {
    while (!stopped) {
      try {
        await once();
      } catch (e) {
        if (stopped) {
          return;
        }
      }
      if (!stopped) {
        onState("reconnecting");
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  })();

  return {
    stop() {
      stopped = true;
      control.abort();
    },
  };
}

function dispatch(block, onEvent) {
  let type = "message";
  const data = [];
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) {
      continue; // a comment, such as the keep-alive
    }
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") {
      type = value;
    } else if (field === "data") {
      data.push(value);
    }
  }
  if (data.length > 0) {
    onEvent(type, data.join("\n"));
  }
}
