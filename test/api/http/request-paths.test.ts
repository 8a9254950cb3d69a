import { describe, expect, it } from 'vitest';
import {
  bodyIsField,
  inRequest,
  relocate,
  renamed,
  withRequestPaths,
} from '../../../src/api/http/request-paths.js';
import { InvalidInputError, NotFoundError } from '../../../src/domain/errors.js';

describe('request paths', () => {
  it('places the input under a part of the request', () => {
    const body = inRequest('body');
    expect(body('issues[3].key')).toBe('body.issues[3].key');
    expect(body('[0].component')).toBe('body[0].component');
    expect(body('')).toBe('body');
    expect(inRequest('querystring')('cursor')).toBe('querystring.cursor');
  });

  it('places only the named fields under the part, leaving the others as they are', () => {
    const done = inRequest('body', ['done']);
    expect(done('done[2]')).toBe('body.done[2]');
    expect(done('done')).toBe('body.done');
    expect(done('doneness')).toBe('doneness');
    expect(done('issues[0].claims')).toBe('issues[0].claims');
  });

  it('makes the body the field it stands for', () => {
    const claims = bodyIsField('claims');
    expect(claims('claims[0].component')).toBe('body[0].component');
    expect(claims('claims')).toBe('body');
    expect(claims('status')).toBe('body.status');
  });

  it('renames the fields the request names otherwise', () => {
    const edge = renamed({ issue: 'params.key', blockedBy: 'params.blocker' });
    expect(edge('blockedBy')).toBe('params.blocker');
    expect(edge('project')).toBe('project');
  });

  it('keeps the detail and the extensions of a relocated problem', () => {
    const error = new InvalidInputError('unknown keys', [{ path: 'done[1]', message: "unknown issue 'x'" }], {
      unknownKeys: ['x'],
    });
    const moved = relocate(error, inRequest('body'));
    expect(moved.detail).toBe('unknown keys');
    expect(moved.errors).toEqual([{ path: 'body.done[1]', message: "unknown issue 'x'" }]);
    expect(moved.extensions).toEqual({ errors: moved.errors, unknownKeys: ['x'] });
  });

  it('relocates invalid input thrown by the work and lets other errors through', async () => {
    const invalid = withRequestPaths(inRequest('querystring'), async () => {
      throw new InvalidInputError('bad cursor', [{ path: 'cursor', message: 'invalid cursor' }]);
    });
    await expect(invalid).rejects.toMatchObject({ errors: [{ path: 'querystring.cursor' }] });
    const missing = new NotFoundError('project', 'p');
    await expect(
      withRequestPaths(inRequest('body'), async () => {
        throw missing;
      }),
    ).rejects.toBe(missing);
    expect(await withRequestPaths(inRequest('body'), async () => 42)).toBe(42);
  });
});
