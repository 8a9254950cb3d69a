// A small, strict XML 1.0 reader for tests: it refuses what is not well-formed (XML 1.0 §2.1: one root,
// nested tags, unique attributes, declared entities only, valid characters) and returns the element
// tree, so tests can both prove that JUnit output parses and inspect it. No DTDs, no namespaces.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element, references resolved. */
  text: string;
}

export class XmlError extends Error {
  override readonly name = 'XmlError';
}

const NAME = /^[A-Za-z_:][A-Za-z0-9._:-]*/;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

export function parseXml(source: string): XmlElement {
  for (const ch of source) {
    const cp = ch.codePointAt(0)!;
    if (!isXmlChar(cp))
      throw new XmlError(`character U+${cp.toString(16).toUpperCase()} is not allowed in XML`);
  }
  let i = 0;
  const fail = (message: string): never => {
    throw new XmlError(`${message} at offset ${i}`);
  };

  const resolveReferences = (raw: string, inAttribute: boolean): string => {
    if (raw.includes('<')) fail(`'<' in ${inAttribute ? 'attribute value' : 'text'}`);
    return raw.replace(/&([^;]*);?/g, (whole, body: string) => {
      if (!whole.endsWith(';')) fail(`unterminated reference '${whole}'`);
      if (body in PREDEFINED) return PREDEFINED[body]!;
      const m = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(body);
      if (!m) return fail(`undeclared entity '&${body};'`);
      const cp = m[1] !== undefined ? Number.parseInt(m[1], 16) : Number.parseInt(m[2]!, 10);
      if (!isXmlChar(cp)) fail(`reference to a character not allowed in XML: &${body};`);
      return String.fromCodePoint(cp);
    });
  };

  const skipMisc = () => {
    for (;;) {
      const ws = /^\s*/.exec(source.slice(i))![0];
      i += ws.length;
      if (source.startsWith('<!--', i)) {
        const end = source.indexOf('-->', i + 4);
        if (end < 0) fail('unterminated comment');
        if (source.slice(i + 4, end).includes('--')) fail("'--' inside a comment");
        i = end + 3;
      } else if (source.startsWith('<?', i) && !source.startsWith('<?xml ', i)) {
        const end = source.indexOf('?>', i);
        if (end < 0) fail('unterminated processing instruction');
        i = end + 2;
      } else return;
    }
  };

  if (source.startsWith('<?xml')) {
    const end = source.indexOf('?>');
    if (end < 0) fail('unterminated XML declaration');
    if (
      !/^<\?xml version="1\.[0-9]+"( encoding="[A-Za-z][A-Za-z0-9._-]*")?( standalone="(yes|no)")?\s*\?>$/.test(
        source.slice(0, end + 2),
      )
    ) {
      fail('malformed XML declaration');
    }
    i = end + 2;
  } else if (/^\s*<\?xml[\s?]/i.test(source)) {
    fail('the XML declaration must come first');
  }

  const parseElement = (): XmlElement => {
    if (source[i] !== '<') fail("expected '<'");
    i += 1;
    const name = NAME.exec(source.slice(i))?.[0] ?? fail('expected an element name');
    i += name.length;
    const element: XmlElement = { name, attributes: {}, children: [], text: '' };
    for (;;) {
      const ws = /^\s*/.exec(source.slice(i))![0];
      i += ws.length;
      if (source.startsWith('/>', i)) {
        i += 2;
        return element;
      }
      if (source[i] === '>') {
        i += 1;
        break;
      }
      if (ws.length === 0) fail('expected whitespace before an attribute');
      const attr = NAME.exec(source.slice(i))?.[0] ?? fail('expected an attribute name');
      i += attr.length;
      const eq = /^\s*=\s*/.exec(source.slice(i))?.[0] ?? fail(`expected '=' after ${attr}`);
      i += eq.length;
      const quote = source[i];
      if (quote !== '"' && quote !== "'") fail('expected a quoted attribute value');
      const end = source.indexOf(quote!, i + 1);
      if (end < 0) fail('unterminated attribute value');
      if (attr in element.attributes) fail(`duplicate attribute '${attr}'`);
      // Attribute-value normalization (§3.3.3): literal whitespace becomes spaces, references stay.
      const raw = source.slice(i + 1, end).replace(/[\t\n\r]/g, ' ');
      element.attributes[attr] = resolveReferences(raw, true);
      i = end + 1;
    }
    for (;;) {
      const next = source.indexOf('<', i);
      if (next < 0) fail(`unclosed element <${name}>`);
      const text = source.slice(i, next);
      if (text.includes(']]>')) fail("']]>' in text");
      element.text += resolveReferences(text.replace(/\r\n?/g, '\n'), false);
      i = next;
      if (source.startsWith('</', i)) {
        i += 2;
        const closing = NAME.exec(source.slice(i))?.[0] ?? fail('expected a closing tag name');
        if (closing !== name) fail(`</${closing}> closes <${name}>`);
        i += closing.length;
        i += /^\s*/.exec(source.slice(i))![0].length;
        if (source[i] !== '>') fail("expected '>'");
        i += 1;
        return element;
      }
      if (source.startsWith('<!--', i)) {
        const end = source.indexOf('-->', i + 4);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else if (source.startsWith('<![CDATA[', i)) {
        const end = source.indexOf(']]>', i + 9);
        if (end < 0) fail('unterminated CDATA section');
        element.text += source.slice(i + 9, end);
        i = end + 3;
      } else if (source.startsWith('<?', i)) {
        const end = source.indexOf('?>', i);
        if (end < 0) fail('unterminated processing instruction');
        i = end + 2;
      } else {
        element.children.push(parseElement());
      }
    }
  };

  skipMisc();
  if (source.startsWith('<!DOCTYPE', i)) fail('DOCTYPE is not supported');
  const root = parseElement();
  skipMisc();
  if (i !== source.length) fail('content after the root element');
  return root;
}

/** Every descendant element named `name`, in document order. */
export function findAll(root: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.name === name) out.push(e);
    for (let k = e.children.length - 1; k >= 0; k--) stack.push(e.children[k]!);
  }
  return out;
}
