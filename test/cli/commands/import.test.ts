// `isoplan import FILE` reads the document as editors and shells write it: UTF-8 with or without a byte
// order mark (Notepad's "UTF-8 with BOM"), or UTF-16 with its mark (Windows PowerShell 5's
// `isoplan export > FILE`). JSON allows a parser to ignore the mark (RFC 8259 §8.1).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../src/cli/command.js';
import { main } from '../../../src/cli/main.js';
import { documentIssue, projectDocument } from '../../domain/project-document-builders.js';
import { createTempDatabase, type TempDatabase } from '../../store/temp-database.js';
import { capturedIo } from '../cli-harness.js';

const document = projectDocument('encoded', [documentIssue('a', { title: 'Naïve café ✓' })], []);
const text = JSON.stringify(document, null, 2);

let temp: TempDatabase;
beforeAll(async () => {
  temp = await createTempDatabase();
});
afterAll(() => temp.cleanup());

async function importFile(name: string, bytes: Buffer) {
  writeFileSync(join(temp.dir, name), bytes);
  const io = capturedIo(temp.dir);
  io.env = { DATABASE_URL: temp.url };
  const code = await main(['import', name, '--project', name.replace(/\W/g, '-').toLowerCase()], io);
  return { code, err: io.err() };
}

describe('isoplan import', () => {
  it.each([
    ['utf8-bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['utf16le.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['utf16be.json', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
  ])('reads a document with a byte order mark (%s) as the text it is', async (name, bytes) => {
    const { code, err } = await importFile(name, bytes);
    expect(err).toBe('');
    expect(code).toBe(EXIT.ok);
    const stored = await temp.db.stores.documents.export(name.replace(/\W/g, '-'));
    expect(stored.issues.map((i) => i.title)).toEqual(['Naïve café ✓']);
  });

  it('still refuses what is not JSON, naming the file', async () => {
    const { code, err } = await importFile('broken.json', Buffer.from('{"version":1,', 'utf8'));
    expect(code).toBe(EXIT.usage);
    expect(err).toContain('broken.json is not valid JSON');
  });
});
