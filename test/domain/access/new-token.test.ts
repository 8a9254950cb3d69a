import { describe, expect, it } from 'vitest';
import { parseNewToken, tokenExpiry } from '../../../src/domain/access/new-token.js';
import { invalidInputFrom } from '../invalid-input.js';

describe('a new token', () => {
  it('needs a name and a scope; the project and lifetime are optional', () => {
    expect(parseNewToken({ name: ' ci ', scope: 'write' })).toEqual({ name: 'ci', scope: 'write' });
    expect(parseNewToken({ name: 'ci', scope: 'read', project: 'demo', expiresInDays: 7 })).toMatchObject({
      project: 'demo',
      expiresInDays: 7,
    });
  });

  it('lives 90 days unless said, at most 366', () => {
    const now = new Date('2025-01-01T00:00:00Z');
    expect(tokenExpiry(now).toISOString()).toBe('2025-04-01T00:00:00.000Z');
    expect(tokenExpiry(now, 366).toISOString()).toBe('2026-01-02T00:00:00.000Z');
    const error = invalidInputFrom(() => parseNewToken({ name: 'ci', scope: 'read', expiresInDays: 367 }));
    expect(error.errors).toEqual([{ path: 'expiresInDays', message: 'must be at most 366 days' }]);
  });

  it('lists every problem at once, each at its field', () => {
    const error = invalidInputFrom(() =>
      parseNewToken({ name: '', scope: 'root', project: 'Bad Slug', expiresInDays: 0 }),
    );
    expect(error.errors.map((e) => e.path).sort()).toEqual(['expiresInDays', 'name', 'project', 'scope']);
  });

  it('may not mix the letters of two scripts, as a look-alike name does, and may use one script', () => {
    // Cyrillic а before Latin "lice".
    const error = invalidInputFrom(() => parseNewToken({ name: '\u0430lice', scope: 'read' }));
    expect(error.errors).toEqual([
      {
        path: 'name',
        message:
          'must not mix the letters of Cyrillic, Latin (look-alike letters of another script make it display as another name)',
      },
    ]);
    for (const name of ['Ἀλέξανδρος', 'Дмитрий', 'café-bot 2', '山田 taro', 'やまだ太郎', '김 민수']) {
      expect(parseNewToken({ name, scope: 'read' }).name).toBe(name);
    }
  });

  it("may not take the service's own actors as its name, in any case", () => {
    for (const name of ['anonymous', 'github', 'GitHub', 'api-token']) {
      const error = invalidInputFrom(() => parseNewToken({ name, scope: 'read' }));
      expect(error.errors[0]?.path).toBe('name');
    }
  });

  it("may not take a name that only looks like one of the service's own actors", () => {
    // Fullwidth ｇｉｔｈｕｂ, Latin dotless ı in apı-token, Latin script ɡ in ɡithub: one script each, and
    // each displays in a history as the actor it is not.
    for (const name of [
      '\uFF47\uFF49\uFF54\uFF48\uFF55\uFF42',
      'ap\u0131-token',
      '\u0261ithub',
      'AN0NYMOUS',
    ]) {
      const error = invalidInputFrom(() => parseNewToken({ name, scope: 'read' }));
      expect(error.errors).toEqual([
        {
          path: 'name',
          message:
            "must not be, or look like, one of the service's own actors (anonymous, github, api-token)",
        },
      ]);
    }
    expect(parseNewToken({ name: 'github-bot', scope: 'read' }).name).toBe('github-bot');
  });

  const HIDDEN =
    'must not contain control characters or invisible ones (bidirectional overrides, zero-width space) that would make it display as another name';

  it('may not carry control characters in its name (it is printed in logs and lists)', () => {
    const error = invalidInputFrom(() => parseNewToken({ name: 'ci\nadmin', scope: 'read' }));
    expect(error.errors).toEqual([{ path: 'name', message: HIDDEN }]);
  });

  it('may not carry invisible characters that would make its name display as another actor', () => {
    for (const name of ['al\u200Bice', '\u202Eecila', 'ali\uFEFFce', 'ali\u2066ce']) {
      const error = invalidInputFrom(() => parseNewToken({ name, scope: 'read' }));
      expect(error.errors, JSON.stringify(name)).toEqual([{ path: 'name', message: HIDDEN }]);
    }
    // Joiners stay: scripts and emoji need them.
    expect(parseNewToken({ name: 'ops 👩\u200D💻', scope: 'read' }).name).toBe('ops 👩\u200D💻');
  });

  it('may not carry the other characters that show as nothing: soft hyphen, word joiner, letter marks, tags', () => {
    for (const name of ['al\u00ADice', 'ali\u2060ce', 'ali\u061Cce', 'ali\u034Fce', 'alice\u{E0041}']) {
      const error = invalidInputFrom(() => parseNewToken({ name, scope: 'read' }));
      expect(error.errors, JSON.stringify(name)).toEqual([{ path: 'name', message: HIDDEN }]);
    }
    // An emoji's presentation selector stays with the joiners.
    expect(parseNewToken({ name: 'ops ❤\uFE0F', scope: 'read' }).name).toBe('ops ❤\uFE0F');
  });
});
