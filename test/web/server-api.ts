// The browser tests' own calls to the API under test (another client, as the page sees it).
import { expect } from 'vitest';
import type { DashboardServer } from './dashboard-server.js';

/** A JSON request to the server that must succeed. */
export function apiOf(server: () => DashboardServer) {
  return async function api<T>(path: string, init?: RequestInit): Promise<T> {
    const res = await fetch(`${server().url}${path}`, init);
    expect(res.ok, `${init?.method ?? 'GET'} ${path}: ${res.status}`).toBe(true);
    return (await res.json()) as T;
  };
}
