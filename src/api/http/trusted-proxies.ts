// The proxies whose X-Forwarded-For the service believes (ISOPLAN_TRUSTED_PROXIES: addresses and CIDR
// ranges). One check decides both what Fastify's trustProxy believes (so request.ip is the client they
// forward) and which connections, carrying many clients, are not capped per address.
import { BlockList, isIP } from 'node:net';

/** Whether `entry` is an address (`10.0.0.5`, `::1`) or a CIDR range other than /0 (`172.16.0.0/12`, `fd00::/8`). */
export function isProxyEntry(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  // A /0 range would trust every client to name itself.
  return /^\d{1,3}$/.test(prefix) && bits >= 1 && bits <= (family === 4 ? 32 : 128);
}

/** A check of socket addresses against the entries (each one isProxyEntry). */
export function trustedProxies(entries: readonly string[]): (address: string | undefined) => boolean {
  if (entries.length === 0) return () => false;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return (address) => {
    if (address === undefined) return false;
    const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
    return list.check(plain, isIP(plain) === 6 ? 'ipv6' : 'ipv4');
  };
}
