// Cutting text to a limit that CI systems enforce (GitHub: 140 characters for a commit status's
// description, 65535 for a check run's summary), ending in an ellipsis when cut.

/**
 * `text` itself when it fits in `max` UTF-16 code units, else its longest prefix that fits with the
 * ellipsis appended. Never splits a surrogate pair, so the result is also at most `max` code points.
 * Precondition: `max >= ellipsis.length`.
 */
export function truncate(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  let end = max - ellipsis.length;
  // Do not keep the high half of a pair whose low half would be cut.
  const last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end).trimEnd() + ellipsis;
}
