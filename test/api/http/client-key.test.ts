import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { clientAddress, clientKey } from '../../../src/api/http/client-key.js';

/** A request as clientKey reads it: its token (if any) and its client's address (Fastify's request.ip). */
const request = (ip: string | undefined, tokenId?: string) =>
  ({
    access: { token: tokenId === undefined ? null : { id: tokenId, scope: 'read', project: null } },
    ip,
  }) as unknown as FastifyRequest;

describe('clientKey', () => {
  it('counts a request with a token against its token, from whatever address', () => {
    expect(clientKey(request('127.0.0.1', 'tok-1'))).toBe('token:tok-1');
    expect(clientKey(request('10.1.2.3', 'tok-1'))).toBe('token:tok-1');
  });

  it('counts a request without a token against its address', () => {
    expect(clientKey(request('127.0.0.2'))).toBe('address:127.0.0.2');
  });

  it('writes an IPv4-mapped IPv6 address as IPv4, so that one client is one key on either socket family', () => {
    expect(clientKey(request('::ffff:127.0.0.1'))).toBe(clientKey(request('127.0.0.1')));
  });

  it('counts an IPv6 client by its /64, which one host usually holds whole', () => {
    expect(clientAddress({ remoteAddress: '2001:db8:1:2:aaaa::1' })).toBe(
      clientAddress({ remoteAddress: '2001:db8:1:2:bbbb::9' }),
    );
    expect(clientAddress({ remoteAddress: '2001:db8:1:2::1' })).not.toBe(
      clientAddress({ remoteAddress: '2001:db8:1:3::1' }),
    );
  });

  it('names a socket already gone `unknown`', () => {
    expect(clientAddress({ remoteAddress: undefined })).toBe('unknown');
  });
});
