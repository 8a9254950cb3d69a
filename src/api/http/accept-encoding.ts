// Whether a client takes a content coding, from its Accept-Encoding header (RFC 9110 §12.5.3): the coding
// named, or `*`, with a quality above 0. No header: nothing but the identity.

export function acceptsEncoding(header: string | undefined, coding: string): boolean {
  if (header === undefined) return false;
  let named: number | undefined;
  let star: number | undefined;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    if (name === coding) named = quality;
    else if (name === '*') star = quality;
  }
  const quality = named ?? star ?? 0;
  return Number.isFinite(quality) && quality > 0;
}
