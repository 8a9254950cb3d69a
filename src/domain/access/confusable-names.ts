// Names that look alike: a token's name is the actor every history shows, so two live tokens must not
// be told apart only by look-alike letters (Cyrillic 'а' in "аlice" is not Latin 'a' in "alice").
//
// Two checks from Unicode Technical Standard #39 (Unicode Security Mechanisms):
// - mixed scripts (UTS #39 §5.1, "highly restrictive"): a name's letters come from one script, or from
//   Latin with the scripts written together with Han (Japanese: Han, Hiragana, Katakana; Chinese: Han,
//   Bopomofo; Korean: Han, Hangul). Digits, punctuation and spaces (scripts Common and Inherited) count
//   for none;
// - the skeleton (UTS #39 §4): two names are confusable when their skeletons are equal and the names are
//   not. NON-UTS39: the full confusables.txt (6,000+ entries) is replaced by CONFUSABLES below, the usual
//   Cyrillic and Greek look-alikes of Latin letters, fullwidth and other compatibility forms (NFKD), and
//   a few Latin ones ('0'/'O', '1'/'l'/'I', 'rn'/'m', 'vv'/'w'). Same name twice is no clash: two live
//   tokens may share a name (rotating one: create its successor, then revoke it).

/** A script regex per script isoplan tells apart; a letter of none of them counts as script `Other`. */
const SCRIPTS: ReadonlyArray<[string, RegExp]> = [
  'Latin',
  'Greek',
  'Cyrillic',
  'Armenian',
  'Hebrew',
  'Arabic',
  'Devanagari',
  'Bengali',
  'Thai',
  'Georgian',
  'Cherokee',
  'Han',
  'Hiragana',
  'Katakana',
  'Bopomofo',
  'Hangul',
].map((script) => [script, new RegExp(`^\\p{Script=${script}}$`, 'u')]);

/** The sets of scripts a name may mix (UTS #39's highly restrictive level). */
const ALLOWED_MIXES: ReadonlyArray<ReadonlySet<string>> = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
];

/** The scripts of a name's letters, in order of first use (Common and Inherited characters count for none). */
export function scriptsOf(name: string): string[] {
  const scripts: string[] = [];
  for (const char of name) {
    if (!/\p{L}/u.test(char) || /[\p{Script=Common}\p{Script=Inherited}]/u.test(char)) continue;
    const script = SCRIPTS.find(([, pattern]) => pattern.test(char))?.[0] ?? 'Other';
    if (!scripts.includes(script)) scripts.push(script);
  }
  return scripts;
}

/** The scripts a name mixes when UTS #39's highly restrictive level refuses them; null when it may. */
export function mixedScripts(name: string): string[] | null {
  const scripts = scriptsOf(name);
  if (scripts.length <= 1) return null;
  return ALLOWED_MIXES.some((mix) => scripts.every((s) => mix.has(s))) ? null : scripts;
}

/** Look-alikes of Latin letters and digits, by the letter they pass for (UTS #39 confusables.txt). */
// biome-ignore format: a table, read by its rows
const CONFUSABLES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a', А: 'A', В: 'B', с: 'c', С: 'C', ԁ: 'd', е: 'e', Е: 'E', һ: 'h', Н: 'H', і: 'i', І: 'l',
  ј: 'j', Ј: 'J', К: 'K', ӏ: 'l', Ӏ: 'l', М: 'M', о: 'o', О: 'O', р: 'p', Р: 'P', ԛ: 'q', ѕ: 's',
  Ѕ: 'S', Т: 'T', у: 'y', У: 'Y', ԝ: 'w', х: 'x', Х: 'X', ү: 'y', ɡ: 'g',
  // Greek
  α: 'a', Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', ι: 'i', Ι: 'l', Κ: 'K', Μ: 'M', Ν: 'N', ν: 'v',
  ο: 'o', Ο: 'O', ρ: 'p', Ρ: 'P', Τ: 'T', υ: 'u', Υ: 'Y', Χ: 'X', ϲ: 'c', ϳ: 'j',
  // Latin and digits
  '0': 'O', '1': 'l', I: 'l', '|': 'l', ı: 'i',
};

/** Sequences that pass for one letter, after CONFUSABLES. */
const SEQUENCES: ReadonlyArray<[RegExp, string]> = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
];

/** UTS #39's skeleton, with CONFUSABLES for its table: equal skeletons, names that look alike. */
export function skeleton(name: string): string {
  let mapped = '';
  for (const char of name.normalize('NFKD')) mapped += CONFUSABLES[char] ?? char;
  for (const [pattern, letter] of SEQUENCES) mapped = mapped.replace(pattern, letter);
  return mapped.normalize('NFKD');
}

/** Whether two different names look alike (the same name is no clash). */
export function confusable(a: string, b: string): boolean {
  return a !== b && skeleton(a) === skeleton(b);
}

/**
 * Whether `name` is the reserved name `actor` (one of the service's own actors) in any case, or looks like
 * it, written small or in capitals (`ｇｉｔｈｕｂ`, `apı-token`, `AN0NYMOUS`): a history would show it as
 * that actor.
 */
export function looksLikeActor(name: string, actor: string): boolean {
  const lower = actor.toLowerCase();
  if (name.toLowerCase() === lower) return true;
  const shape = skeleton(name);
  return (
    shape === skeleton(lower) ||
    shape === skeleton(actor.toUpperCase()) ||
    skeleton(name.toLowerCase()) === skeleton(lower)
  );
}
