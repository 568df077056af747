import { BlockList, isIP } from 'node:net';

/**
 * Which addresses a webhook may reach (POST-4, SSRF): never loopback, private,
 * link-local (which holds the cloud metadata service at 169.254.169.254), carrier NAT,
 * "this network", multicast or reserved ranges, in IPv4 or IPv6 (IPv4-mapped included),
 * unless the operator allows them with WEBHOOK_ALLOW_PRIVATE (`true` for all, or a
 * list of addresses and CIDR ranges, e.g. a test's receiver on 127.0.0.2).
 */
const FORBIDDEN: [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'a "this network" address'],
  ['127.0.0.0', 8, 'ipv4', 'a loopback address'],
  ['10.0.0.0', 8, 'ipv4', 'a private address'],
  ['172.16.0.0', 12, 'ipv4', 'a private address'],
  ['192.168.0.0', 16, 'ipv4', 'a private address'],
  ['100.64.0.0', 10, 'ipv4', 'a carrier-grade NAT address'],
  ['169.254.0.0', 16, 'ipv4', 'a link-local or cloud metadata address'],
  ['192.0.0.0', 24, 'ipv4', 'a reserved address'],
  ['198.18.0.0', 15, 'ipv4', 'a benchmarking address'],
  ['224.0.0.0', 3, 'ipv4', 'a multicast or reserved address'],
  ['::', 128, 'ipv6', 'the unspecified address'],
  ['::1', 128, 'ipv6', 'a loopback address'],
  ['fc00::', 7, 'ipv6', 'a private address'],
  ['fe80::', 10, 'ipv6', 'a link-local address'],
  ['ff00::', 8, 'ipv6', 'a multicast address'],
  ['64:ff9b::', 96, 'ipv6', 'a translated address'],
];

export type DestinationPolicy = { allowAll: true } | { allowAll: false; allowed: BlockList };

export function destinationPolicy(setting: string): DestinationPolicy {
  if (setting === 'true' || setting === '1') return { allowAll: true };
  const allowed = new BlockList();
  for (const entry of setting.split(',').map((s) => s.trim()).filter((s) => s && s !== 'false' && s !== '0')) {
    const [address, bits] = entry.split('/');
    const family = isIP(address!) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) allowed.addAddress(address!, family);
    else allowed.addSubnet(address!, Number(bits), family);
  }
  return { allowAll: false, allowed };
}

/** Why an address may not be reached, or undefined when it may. */
export function forbiddenReason(address: string, policy: DestinationPolicy): string | undefined {
  if (policy.allowAll) return undefined;
  let ip = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) ip = mapped[1]!;
  // The URL parser writes an IPv4-mapped address in hex (::ffff:7f00:1): the IPv4 rules apply to it too.
  const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
  if (hexMapped) {
    const [hi, lo] = [parseInt(hexMapped[1]!, 16), parseInt(hexMapped[2]!, 16)];
    ip = `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  const family = isIP(ip) === 6 ? 'ipv6' : isIP(ip) === 4 ? 'ipv4' : undefined;
  if (!family) return `${address} is not an IP address`;
  if (policy.allowed.check(ip, family)) return undefined;
  for (const [net, bits, fam, what] of FORBIDDEN) {
    if (fam !== family) continue;
    const list = new BlockList();
    list.addSubnet(net, bits, fam);
    if (list.check(ip, family)) return `${ip} is ${what}`;
  }
  return undefined;
}

/** Checks the shape of a destination: http(s), no credentials, and no forbidden IP literal. */
export function urlProblem(raw: string, policy: DestinationPolicy): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not an absolute URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'only http and https URLs can receive webhooks';
  if (url.username || url.password) return 'the URL must not carry a user name or password';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return forbiddenReason(host, policy);
  return undefined;
}
