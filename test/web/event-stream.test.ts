import { describe, expect, it } from 'vitest';
import { createEventStreamParser, type StreamEvent } from '../../src/web/event-stream.js';

function parse(chunks: string[]) {
  const events: StreamEvent[] = [];
  const retries: number[] = [];
  const parser = createEventStreamParser(
    (event) => events.push(event),
    (ms) => retries.push(ms),
  );
  for (const chunk of chunks) parser.push(chunk);
  return { events, retries };
}

describe('the server-sent events reader', () => {
  it('reads what the service sends: retry, comments, named events with JSON data', () => {
    const { events, retries } = parse([
      'retry: 3000\n: connected\n\n',
      ': keep-alive\n\n',
      'event: change\ndata: {"project":"p","method":"PATCH","url":"/v1/projects/p/issues/a"}\n\n',
    ]);
    expect(retries).toEqual([3000]);
    expect(events).toEqual([
      { type: 'change', data: '{"project":"p","method":"PATCH","url":"/v1/projects/p/issues/a"}' },
    ]);
  });

  it('gives the same events however the stream is cut, CRLF split included', () => {
    const text = 'event: change\r\ndata: one\r\ndata: two\r\n\r\ndata: plain\n\nevent: change\rdata: x\r\r\n';
    const whole = parse([text]).events;
    expect(whole).toEqual([
      { type: 'change', data: 'one\ntwo' },
      { type: 'message', data: 'plain' },
      { type: 'change', data: 'x' },
    ]);
    for (let cut = 1; cut < text.length; cut++) {
      expect(parse([text.slice(0, cut), text.slice(cut)]).events, `cut at ${cut}`).toEqual(whole);
    }
    expect(parse([...text]).events).toEqual(whole);
  });

  it('dispatches nothing before the blank line that ends an event, nor for an event without data', () => {
    expect(parse(['event: change\ndata: half']).events).toEqual([]);
    expect(parse(['event: change\n\n']).events).toEqual([]);
  });
});
