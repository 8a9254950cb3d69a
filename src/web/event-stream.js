// The server-sent events format (https://html.spec.whatwg.org/multipage/server-sent-events.html), read
// from a fetch body: the browser's EventSource cannot send an Authorization header, and a token must
// never ride in a URL. Pure: it turns text chunks into events.

/** @typedef {{ type: string, data: string }} StreamEvent */

/**
 * A parser fed the stream's text as it arrives, in chunks cut anywhere.
 * @param {(event: StreamEvent) => void} onEvent a dispatched event (`message` unless it names its type)
 * @param {(ms: number) => void} [onRetry] the reconnection time the server asked for
 * @returns {{ push(chunk: string): void }}
 */
export function createEventStreamParser(onEvent, onRetry = () => {}) {
  let buffer = '';
  let type = '';
  /** @type {string[]} */
  let data = [];

  /** @param {string} line */
  function take(line) {
    if (line === '') {
      if (data.length > 0) onEvent({ type: type || 'message', data: data.join('\n') });
      type = '';
      data = [];
      return;
    }
    if (line.startsWith(':')) return; // a comment: the keep-alive
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
    else if (field === 'retry' && /^\d+$/.test(value)) onRetry(Number(value));
  }

  return {
    push(chunk) {
      buffer += chunk;
      // Lines end with CRLF, LF or CR; a CR at the very end may be the first half of a CRLF: kept back.
      const end = buffer.endsWith('\r') ? buffer.length - 1 : buffer.length;
      const lines = buffer.slice(0, end).split(/\r\n|\n|\r/);
      buffer = /** @type {string} */ (lines.pop()) + buffer.slice(end);
      for (const line of lines) take(line);
    },
  };
}
