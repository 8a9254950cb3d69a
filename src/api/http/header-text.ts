// Text of a request header as the client wrote it. Node hands header values over as latin1 (one
// character per byte), so UTF-8 text arrives garbled (`ÿþ` as `Ã¿Ã¾`): bytes that form valid UTF-8 are
// decoded as UTF-8; any other bytes are taken as latin1, as HTTP's obsolete text rule has them.
const utf8 = new TextDecoder('utf-8', { fatal: true });

const NON_ASCII = /[\u0080-\u00ff]/;
/** A character no byte maps to: the value was already decoded (e.g. by `inject`, which does not go through bytes). */
const BEYOND_LATIN1 = /[\u0100-\uffff]/;

export function headerText(value: string): string {
  if (!NON_ASCII.test(value) || BEYOND_LATIN1.test(value)) return value;
  try {
    return utf8.decode(Buffer.from(value, 'latin1'));
  } catch {
    return value;
  }
}
