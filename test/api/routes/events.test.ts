import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../../../src/api/app.js';
import { KEEP_ALIVE_MS } from '../../../src/api/routes/events.js';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import { openDatabase } from '../../../src/store/database.js';
import { runIsoplan } from '../../cli/cli-harness.js';
import { until } from '../../until.js';
import { exchange, openSocket } from '../raw-http.js';
import {
  createTestApp,
  givenIssue,
  givenProject,
  givenToken,
  PROBLEM_JSON,
  type TestApp,
} from '../test-app.js';

describe('GET /v1/projects/:project/events', () => {
  let t: TestApp | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    vi.useRealTimers();
    for (const socket of sockets.splice(0)) socket.destroy();
    await t?.close();
    t = undefined;
  });

  async function listen(config: Partial<AppConfig> = {}): Promise<{ t: TestApp; base: string }> {
    t = await createTestApp(config);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as AddressInfo;
    return { t, base: `http://127.0.0.1:${port}` };
  }

  /** Reads the stream until `predicate` holds on the text so far, or fails after `ms`. */
  async function readUntil(
    body: ReadableStream<Uint8Array>,
    predicate: (text: string) => boolean,
    ms = 5000,
  ) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const deadline = Date.now() + ms;
    try {
      while (!predicate(text)) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out; stream so far: ${JSON.stringify(text)}`);
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error(`timed out: ${JSON.stringify(text)}`)), left),
          ),
        ]);
        if (chunk.done) break;
        text += decoder.decode(chunk.value, { stream: true });
      }
    } finally {
      reader.releaseLock();
    }
    return text;
  }

  /** Opens the project's event stream and reads it until the server says it is connected. */
  async function connected(base: string, project: string) {
    const controller = new AbortController();
    const res = await fetch(`${base}/v1/projects/${project}/events`, { signal: controller.signal });
    const body = res.body as ReadableStream<Uint8Array>;
    await readUntil(body, (text) => text.includes(': connected'));
    return { body, controller };
  }

  it('streams a change event when another client writes to the project', async () => {
    const { t, base } = await listen();
    const project = await givenProject(t.stores);
    const issue = await givenIssue(t.stores, project.slug);
    const controller = new AbortController();
    const res = await fetch(`${base}/v1/projects/${project.slug}/events`, { signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const body = res.body as ReadableStream<Uint8Array>;
    await readUntil(body, (text) => text.includes(': connected'));

    const write = await fetch(`${base}/v1/projects/${project.slug}/issues/${issue.key}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'done' }),
    });
    expect(write.status).toBe(200);

    const text = await readUntil(body, (s) => s.includes('event: change'));
    const data = /event: change\ndata: (.*)\n\n/.exec(text)?.[1];
    expect(JSON.parse(data as string)).toEqual({
      project: project.slug,
      method: 'PATCH',
      url: `/v1/projects/${project.slug}/issues/${issue.key}`,
    });
    controller.abort();
  });

  it('sends nothing for reads, read-only POSTs (what-if) or refused writes', async () => {
    const { t, base } = await listen();
    const project = await givenProject(t.stores);
    const issue = await givenIssue(t.stores, project.slug);
    const { body, controller } = await connected(base, project.slug);

    await fetch(`${base}/v1/projects/${project.slug}/issues`);
    const refused = await fetch(`${base}/v1/projects/${project.slug}/issues/nope`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'done' }),
    });
    expect(refused.status).toBe(404);
    const whatIf = await fetch(`${base}/v1/projects/${project.slug}/plan/what-if`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ done: [issue.key] }),
    });
    expect(whatIf.status).toBe(200);
    // Then one write that succeeds: it must be the first and only event on the stream.
    await fetch(`${base}/v1/projects/${project.slug}/issues/${issue.key}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Renamed' }),
    });
    const text = await readUntil(body, (s) => s.includes('event: change'));
    expect(text.match(/event: change/g)).toHaveLength(1);
    expect(text).toContain(`"url":"/v1/projects/${project.slug}/issues/${issue.key}"`);
    controller.abort();
  });

  it('answers 404 for an unknown project', async () => {
    const { base } = await listen();
    const res = await fetch(`${base}/v1/projects/no-such-project/events`);
    expect(res.status).toBe(404);
  });

  it('answers HEAD with the stream headers at once, holding nothing open', async () => {
    const { t, base } = await listen();
    const project = await givenProject(t.stores);
    const res = await fetch(`${base}/v1/projects/${project.slug}/events`, {
      method: 'HEAD',
      signal: AbortSignal.timeout(5000),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(t.app.events.listenerCount(project.slug)).toBe(0);
  });

  it('sends the deletion of the project, then ends its streams', async () => {
    const { t, base } = await listen();
    const project = await givenProject(t.stores);
    const res = await fetch(`${base}/v1/projects/${project.slug}/events`);
    const body = res.body as ReadableStream<Uint8Array>;
    await readUntil(body, (text) => text.includes(': connected'));

    const deleted = await fetch(`${base}/v1/projects/${project.slug}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    const text = await readUntil(body, () => false);
    expect(text).toContain('"method":"DELETE"');
    expect(t.app.events.listenerCount(project.slug)).toBe(0);
  });

  it('counts open streams in the metrics while they are open', async () => {
    const { t, base } = await listen();
    const project = await givenProject(t.stores);
    const clients = async () => (await t.app.services.metrics.eventStreamClients.get()).values[0]?.value;
    expect(await clients()).toBe(0);
    const controller = new AbortController();
    const res = await fetch(`${base}/v1/projects/${project.slug}/events`, { signal: controller.signal });
    await readUntil(res.body as ReadableStream<Uint8Array>, (text) => text.includes(': connected'));
    expect(await clients()).toBe(1);

    controller.abort();
    await expect.poll(clients).toBe(0);
  });

  it('counts each stream once, when it opens, with its status (a refused one too), and how open streams end', async () => {
    const { t, base } = await listen({ limits: { maxEventStreamsPerClient: 1 } });
    const project = await givenProject(t.stores);
    /** The series of the stream route in the request counter, the open-streams gauge and the ended counter. */
    const metrics = async () => {
      const text = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
      const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? Number.NaN);
      const route = 'route="/v1/projects/:project/events"';
      return {
        opened: value(
          new RegExp(
            `^isoplan_http_requests_total\\{method="GET",${route},status_code="200"\\} (\\d+)$`,
            'm',
          ),
        ),
        refused: value(
          new RegExp(
            `^isoplan_http_requests_total\\{method="GET",${route},status_code="503"\\} (\\d+)$`,
            'm',
          ),
        ),
        timed: value(
          new RegExp(
            `^isoplan_http_request_duration_seconds_count\\{method="GET",${route},status_code="200"\\} (\\d+)$`,
            'm',
          ),
        ),
        open: value(/^isoplan_event_stream_clients (\d+)$/m),
        ended: value(/^isoplan_event_streams_ended_total\{reason="done"\} (\d+)$/m),
      };
    };
    const { controller } = await connected(base, project.slug);
    expect(await metrics()).toMatchObject({ opened: 1, timed: 1, open: 1 });
    const refused = await fetch(`${base}/v1/projects/${project.slug}/events`);
    expect(refused.status).toBe(503);
    expect(await metrics()).toMatchObject({ opened: 1, refused: 1, open: 1 });
    controller.abort();
    await until(async () => (await metrics()).open === 0);
    expect(await metrics()).toMatchObject({ opened: 1, refused: 1, timed: 1, open: 0, ended: 1 });
  });

  it('counts a stream the server ends (its project deleted) once, as it opened', async () => {
    const { t, base } = await listen();
    const project = await givenProject(t.stores);
    const route = 'route="/v1/projects/:project/events"';
    const counted = async () => {
      const text = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
      const series = (name: string) =>
        Number(
          new RegExp(`^${name}\\{method="GET",${route},status_code="200"\\} (\\d+)$`, 'm').exec(text)?.[1],
        );
      return {
        requests: series('isoplan_http_requests_total'),
        timed: series('isoplan_http_request_duration_seconds_count'),
        ended: Number(/^isoplan_event_streams_ended_total\{reason="done"\} (\d+)$/m.exec(text)?.[1]),
      };
    };
    const { body } = await connected(base, project.slug);
    expect(await counted()).toMatchObject({ requests: 1, timed: 1 });

    expect((await fetch(`${base}/v1/projects/${project.slug}`, { method: 'DELETE' })).status).toBe(204);
    await readUntil(body, () => false); // the server ended it (res.end)
    await until(async () => (await counted()).ended === 1);
    await new Promise((resolve) => setTimeout(resolve, 100)); // what the end's own hooks would add
    expect(await counted()).toMatchObject({ requests: 1, timed: 1, ended: 1 });
  });

  it('refuses a stream past the per-client or the total limit with 503 and Retry-After, and counts a closed one out', async () => {
    const { t, base } = await listen({ limits: { maxEventStreamsPerClient: 2, maxEventStreams: 3 } });
    const project = await givenProject(t.stores);
    const tokens = t.app.services.tokens;
    const other = (await tokens.create({ name: 'other', scope: 'read' }, { actor: 'test' })).secret;
    const url = `${base}/v1/projects/${project.slug}/events`;
    const streams: AbortController[] = [];
    const open = async (token?: string) => {
      const controller = new AbortController();
      const res = await fetch(url, {
        signal: controller.signal,
        headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      });
      if (res.status === 200) {
        streams.push(controller);
        await readUntil(res.body as ReadableStream<Uint8Array>, (text) => text.includes(': connected'));
      }
      return res;
    };

    expect((await open()).status).toBe(200);
    expect((await open()).status).toBe(200);
    const perClient = await open();
    expect(perClient.status).toBe(503);
    expect(perClient.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(perClient.headers.get('retry-after')).toBe('30');
    expect(await perClient.json()).toMatchObject({
      type: expect.stringMatching(/too-many-event-streams$/),
      limit: 2,
    });

    // Another client (a token) has its own share, up to the service's total.
    expect((await open(other)).status).toBe(200);
    const total = await open(other);
    expect(total.status).toBe(503);
    expect(await total.json()).toMatchObject({ limit: 3 });

    // A client that leaves frees its place.
    streams.shift()?.abort();
    await expect.poll(async () => (await open(other)).status, { timeout: 5000 }).toBe(200);
    for (const controller of streams) controller.abort();
  });

  it('ends open streams when the app closes, after a final event saying the server is shutting down', async () => {
    const { t: app, base } = await listen();
    const project = await givenProject(app.stores);
    const res = await fetch(`${base}/v1/projects/${project.slug}/events`);
    const body = res.body as ReadableStream<Uint8Array>;
    await readUntil(body, (text) => text.includes(': connected'));
    const closing = app.app.close();
    const text = await readUntil(body, () => false);
    await closing;
    expect(text).toMatch(/event: shutdown\ndata: \{"reason":"the server is shutting down"\}\n\n$/);
  });

  /** Opens a stream on a raw socket from `localAddress`; answers the socket and the response's head. */
  async function rawStream(base: string, slug: string, localAddress = '127.0.0.1') {
    const socket = await openSocket(Number(new URL(base).port), localAddress);
    sockets.push(socket);
    const head = await exchange(socket, [`GET /v1/projects/${slug}/events HTTP/1.1\r\nHost: x\r\n\r\n`]);
    return { socket, head };
  }

  it('counts a client without a token by its address: past its share a 503 problem, while another address is served', async () => {
    const { t, base } = await listen({ limits: { maxEventStreamsPerClient: 2 } });
    const project = await givenProject(t.stores);
    for (let i = 0; i < 2; i++) expect((await rawStream(base, project.slug)).head.status).toBe(200);
    const refused = (await rawStream(base, project.slug)).head;
    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toBe(PROBLEM_JSON);
    expect(refused.headers['retry-after']).toBe('30');
    expect(JSON.parse(refused.body)).toMatchObject({
      type: `${PROBLEM_BASE}too-many-event-streams`,
      detail: expect.stringContaining('this client already holds 2 open event streams'),
    });
    expect((await rawStream(base, project.slug, '127.0.0.2')).head.status).toBe(200);
    expect(t.app.events.listenerCount(project.slug)).toBe(3);
  });

  /**
   * A stream opened with a read token, its pings on fake timers (sockets keep real time), read up to its
   * first line.
   */
  async function tokenStream() {
    const { t, base } = await listen();
    const project = await givenProject(t.stores);
    const { token, bearer } = await givenToken(t.stores, { scope: 'read' });
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] }); // undone after each test
    const url = `${base}/v1/projects/${project.slug}/events`;
    const res = await fetch(url, { headers: bearer });
    expect(res.status).toBe(200);
    const body = res.body as ReadableStream<Uint8Array>;
    await readUntil(body, (text) => text.includes(': connected'));
    return { t, url, token, bearer, body };
  }

  it('ends a stream at the next ping once its token is revoked, and refuses the reconnect with 401', async () => {
    const { t, url, token, bearer, body } = await tokenStream();
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_MS);
    await readUntil(body, (text) => text.includes(': keep-alive'));

    await t.stores.tokens.revoke(token.id, new Date(), 'fixture');
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_MS);
    // readUntil returns when the stream ends, and throws if it is still open after 5 s.
    expect(await readUntil(body, () => false)).not.toContain(': keep-alive');
    const again = await fetch(url, { headers: bearer });
    expect(again.status).toBe(401);
    expect(((await again.json()) as { detail: string }).detail).toBe('the bearer token has been revoked');
  });

  it('looks a token up once a ping for all the streams opened with it', async () => {
    const { t, url, bearer } = await tokenStream();
    const bodies: ReadableStream<Uint8Array>[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await fetch(url, { headers: bearer });
      expect(res.status).toBe(200);
      bodies.push(res.body as ReadableStream<Uint8Array>);
      await readUntil(bodies[i]!, (text) => text.includes(': connected'));
    }
    const lookup = vi.spyOn(t.app.services.tokens, 'authenticate');
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_MS);
    for (const body of bodies) await readUntil(body, (text) => text.includes(': keep-alive'));
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it('asks for one token lookup at a time, however long the database takes to answer', async () => {
    const { t } = await tokenStream();
    // A database that does not answer.
    const lookup = vi.spyOn(t.app.services.tokens, 'authenticate').mockReturnValue(new Promise(() => {}));
    await vi.advanceTimersByTimeAsync(3 * KEEP_ALIVE_MS);
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it('keeps a stream through a failed token lookup, and ends it once its token could not be checked for a minute', async () => {
    const { t, body } = await tokenStream();
    vi.spyOn(t.app.services.tokens, 'authenticate').mockRejectedValue(new Error('database unreachable'));
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_MS);
    await readUntil(body, (text) => text.includes(': keep-alive'));
    await vi.advanceTimersByTimeAsync(3 * KEEP_ALIVE_MS);
    // readUntil returns when the stream ends, and throws if it is still open after 5 s.
    await readUntil(body, () => false);
  });

  // The replicas' writes come through NOTIFY on PostgreSQL (tested in test/postgresql/replicas.test.ts);
  // the CLI's, which announce no request, as a change made unannounced on both engines.
  it('tells a stream that its project changed when another process wrote to the database (the CLI on it)', async () => {
    const { t, base } = await listen();
    const project = await givenProject(t.stores);
    const issue = await givenIssue(t.stores, project.slug);
    const { body, controller } = await connected(base, project.slug);

    const cli = await runIsoplan(t.dir, { DATABASE_URL: t.url }, [
      'issue',
      'edit',
      issue.key,
      '--title',
      'Edited from the CLI',
      '--project',
      project.slug,
    ]);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);

    const text = await readUntil(body, (s) => s.includes('event: change'), 10_000);
    const data = /event: change\ndata: (.*)\n\n/.exec(text)?.[1];
    expect(JSON.parse(data as string)).toEqual({ project: project.slug, missed: true });
    controller.abort();
  }, 60_000);

  // A delete by a process with no request to announce: found by the poll on SQLite (a second service on the
  // file), announced by the process itself on PostgreSQL (DatabaseOptions.announceCommits, as the CLI opens
  // it). It used to be told as `missed` only: a dashboard open on the project had to read it to find it gone.
  it('tells a stream that its project was deleted when another process deleted it, then ends it', async () => {
    const { t, base } = await listen();
    const project = await givenProject(t.stores);
    const { body } = await connected(base, project.slug);

    const other = await openDatabase({ url: t.url, migrate: false, announceCommits: true });
    try {
      await other.stores.projects.remove(project.slug, { actor: 'another process' });
    } finally {
      await other.close();
    }

    // readUntil returns when the stream ends, and throws if it is still open after 10 s.
    const text = await readUntil(body, () => false, 10_000);
    const data = /event: change\ndata: (.*)\n\n/.exec(text)?.[1];
    expect(JSON.parse(data as string)).toEqual({
      project: project.slug,
      method: 'DELETE',
      url: `/v1/projects/${project.slug}`,
    });
  }, 30_000);

  it('ends the stream of a client that stopped reading, freeing what waited for it', async () => {
    const { t, base } = await listen();
    const project = await givenProject(t.stores);
    const { socket } = await rawStream(base, project.slug);
    socket.pause(); // reads nothing more: the kernel's buffers fill, then the server's
    // Events go through the database's change feed (NOTIFY on PostgreSQL, which cuts URLs at 2000 bytes):
    // each batch is published once the one before has come through, so that the feed never holds a backlog.
    let delivered = 0;
    const counting = t.app.events.subscribe(project.slug, () => delivered++);
    const url = `/v1/projects/${project.slug}/${'x'.repeat(4000)}`;
    let sent = 0;
    await until(async () => {
      if (t.app.events.listenerCount(project.slug) === 1) return true; // only ours is left
      await until(() => delivered >= sent);
      for (let i = 0; i < 500; i++, sent++) {
        t.app.events.publish({ type: 'change', project: project.slug, method: 'PATCH', url });
      }
      return false;
    }, 60_000);
    counting();
    expect(t.app.events.listenerCount(project.slug)).toBe(0);
  }, 90_000);
});
