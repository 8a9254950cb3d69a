// The test helper that proves JUnit output well-formed must itself refuse what is not.
import { describe, expect, it } from 'vitest';
import { parseXml, XmlError } from './xml.js';

describe('parseXml (test helper)', () => {
  it('reads elements, attributes, references and text', () => {
    const root = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<a x="1 &amp; 2&#10;"><b>t &lt;&#x41;</b><c/></a>\n',
    );
    expect(root.attributes.x).toBe('1 & 2\n');
    expect(root.children.map((c) => c.name)).toEqual(['b', 'c']);
    expect(root.children[0]!.text).toBe('t <A');
  });

  it.each([
    ['an unclosed element', '<a><b></a>'],
    ['a stray ampersand', '<a>x & y</a>'],
    ['an undeclared entity', '<a>&nbsp;</a>'],
    ['a < in an attribute', '<a x="<"/>'],
    ['a duplicate attribute', '<a x="1" x="2"/>'],
    ['two roots', '<a/><b/>'],
    ['a control character', '<a>\u0001</a>'],
    ['a reference to a control character', '<a>&#1;</a>'],
    ['an unquoted attribute', '<a x=1/>'],
    [']]> in text', '<a>]]></a>'],
  ])('refuses %s', (_, xml) => {
    expect(() => parseXml(xml)).toThrow(XmlError);
  });
});
