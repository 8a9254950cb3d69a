import { describe, expect, it } from 'vitest';
import { changedProject, createEventBus } from '../../../src/api/plugins/event-bus.js';

describe('changedProject', () => {
  it('names the project of a successful write under /v1/projects/:project', () => {
    expect(changedProject('PATCH', '/v1/projects/gil/issues/bpo-1', 200)).toBe('gil');
    expect(changedProject('POST', '/v1/projects/gil/dependencies?x=1', 201)).toBe('gil');
    expect(changedProject('DELETE', '/v1/projects/gil', 204)).toBe('gil');
  });

  it('ignores reads, failed writes and other URLs', () => {
    expect(changedProject('GET', '/v1/projects/gil/issues', 200)).toBeNull();
    expect(changedProject('PATCH', '/v1/projects/gil/issues/bpo-1', 412)).toBeNull();
    expect(changedProject('POST', '/v1/projects', 201)).toBeNull();
    expect(changedProject('POST', '/other/v1/projects/gil', 200)).toBeNull();
  });
});

describe('createEventBus', () => {
  it('delivers an event to the listeners of its project only, until they unsubscribe', () => {
    const bus = createEventBus();
    const seen: string[] = [];
    const stop = bus.subscribe('a', (e) => seen.push(`a:${e.type}`));
    bus.subscribe('b', (e) => seen.push(`b:${e.type}`));
    bus.publish({ type: 'change', project: 'a', method: 'POST', url: '/1' });
    stop();
    bus.publish({ type: 'change', project: 'a', method: 'POST', url: '/2' });
    expect(seen).toEqual(['a:change']);
    expect(bus.listenerCount('a')).toBe(0);
    expect(bus.listenerCount('b')).toBe(1);
  });

  it('keeps delivering when one listener throws', () => {
    const errors: unknown[] = [];
    const bus = createEventBus((e) => errors.push(e));
    const seen: number[] = [];
    bus.subscribe('a', () => {
      throw new Error('boom');
    });
    bus.subscribe('a', () => seen.push(1));
    bus.publish({ type: 'change', project: 'a', method: 'POST', url: '/' });
    expect(seen).toEqual([1]);
    expect(errors).toHaveLength(1);
  });
});
