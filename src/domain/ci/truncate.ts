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

const encoder = new TextEncoder();

/**
 * `text` itself when its UTF-8 encoding fits in `maxBytes`, else its longest prefix (never splitting a
 * character) that fits with the ellipsis appended. GitHub counts some limits in bytes (a check run's
 * summary: 65535). Precondition: the ellipsis fits in `maxBytes`.
 */
export function truncateBytes(text: string, maxBytes: number, ellipsis = '…'): string {
  if (encoder.encode(text).length <= maxBytes) return text;
  const budget = maxBytes - encoder.encode(ellipsis).length;
  // Binary search on code points: the longest prefix whose encoding fits.
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (encoder.encode(chars.slice(0, mid).join('')).length <= budget) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('').trimEnd() + ellipsis;
}
