import { describe, expect, it } from 'vitest';
import { headerText } from '../../../src/api/http/header-text.js';

/** A header value as Node hands it over: one character per byte. */
const asNodeReadsIt = (text: string, encoding: BufferEncoding = 'utf8') =>
  Buffer.from(text, encoding).toString('latin1');

describe('headerText', () => {
  it('decodes UTF-8 bytes to the text the client wrote', () => {
    expect(headerText(asNodeReadsIt('ÿþ'))).toBe('ÿþ');
    expect(headerText(asNodeReadsIt('Zoë 🚀'))).toBe('Zoë 🚀');
  });

  it('leaves ASCII, latin1 bytes that are not UTF-8, and already decoded text as they are', () => {
    expect(headerText('ci-bot')).toBe('ci-bot');
    expect(headerText(asNodeReadsIt('ÿþ', 'latin1'))).toBe('ÿþ');
    expect(headerText('Zoë 🚀')).toBe('Zoë 🚀');
  });
});
