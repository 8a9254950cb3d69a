import { describe, expect, it } from 'vitest';
import { isProxyEntry, trustedProxies } from '../../../src/api/http/trusted-proxies.js';

describe('trusted proxies', () => {
  it('takes addresses and CIDR ranges of either family', () => {
    for (const entry of ['10.0.0.5', '172.16.0.0/12', '::1', 'fd00::/8', '10.0.0.0/8']) {
      expect(isProxyEntry(entry), entry).toBe(true);
    }
  });

  it('refuses what is not an address or a range, and a /0 range (every client would name itself)', () => {
    for (const entry of [
      'proxy',
      '10.0.0.0/33',
      'fd00::/129',
      '10.0.0.0/8/8',
      '10.0.0.0/x',
      '',
      '0.0.0.0/0',
      '::/0',
    ]) {
      expect(isProxyEntry(entry), entry).toBe(false);
    }
  });

  it('trusts the listed addresses and every address of a listed range, IPv4-mapped ones included', () => {
    const trusted = trustedProxies(['10.0.0.5', '172.16.0.0/12', 'fd00::/8']);
    expect(trusted('10.0.0.5')).toBe(true);
    expect(trusted('::ffff:172.20.1.2')).toBe(true);
    expect(trusted('fd12::1')).toBe(true);
    expect(trusted('10.0.0.6')).toBe(false);
    expect(trusted('192.168.1.1')).toBe(false);
    expect(trusted(undefined)).toBe(false);
  });

  it('trusts nothing when none are listed', () => {
    expect(trustedProxies([])('127.0.0.1')).toBe(false);
  });
});
