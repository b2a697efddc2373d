import ipaddr from 'ipaddr.js';
import { booleanValueProblem, wrongKind, type ProjectOperator } from './operator.ts';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
/** A network: its address and prefix length. A bare address is a /32 (IPv4) or /128 (IPv6) network. */
type Network = [Address, number];

export const CIDR_OPERATORS: Record<string, ProjectOperator> = {
  /**
   * `fact` is a CIDR (`0.0.0.0/0`, `2001:db8::/32`) or an address; `value: true` is true when the network holds
   * at least one publicly routable address, `value: false` when it holds none. Not public: private (RFC 1918,
   * IPv6 unique-local), loopback, link-local, carrier-grade NAT, documentation, benchmarking, multicast, reserved
   * and unspecified ranges. IPv4-mapped IPv6 networks (`::ffff:10.0.0.0/104`) are judged as IPv4. A null fact
   * (no CIDR: a rule for a security group or prefix list) is not public.
   */
  isPublicCidr: {
    make: () => (fact, wanted) => {
      if (fact === undefined) return false;
      return (fact !== null && isPublic(network(fact, 'isPublicCidr'))) === wanted;
    },
    valueProblem: (value) => booleanValueProblem('isPublicCidr', value),
  },
  /**
   * `fact` is a CIDR or an address, `value` a CIDR or a list of them: true when the fact's network shares at
   * least one address with one of them. Networks of different families (IPv4, IPv6) never overlap. A null fact
   * overlaps nothing.
   */
  cidrOverlaps: {
    make: () => (fact, value) => {
      if (fact === null || fact === undefined) return false;
      const mine = network(fact, 'cidrOverlaps');
      return cidrList(value).some((other) => overlaps(mine, network(other, 'cidrOverlaps')));
    },
    valueProblem: (value) => {
      const cidrs = cidrList(value);
      if (cidrs.length === 0) return `cidrOverlaps needs a CIDR or a non-empty list of CIDRs as its value, got ${JSON.stringify(value)}`;
      for (const cidr of cidrs) {
        if (typeof cidr !== 'string' || parse(cidr) === null) return `cidrOverlaps: ${JSON.stringify(cidr)} is not a CIDR (a.b.c.d/n or an IPv6 prefix)`;
      }
      return null;
    },
  },
};

/** Ranges that hold no publicly routable address; adjacent ranges are merged (multicast through broadcast). */
const NOT_PUBLIC: Network[] = [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24',
  '192.0.2.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/3',
  '::/127', 'fc00::/7', 'fe80::/10', 'ff00::/8', '2001:db8::/32', '100::/64',
].map((cidr) => parse(cidr)!);

function cidrList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

function parse(text: string): Network | null {
  try {
    if (ipaddr.isValidCIDR(text)) return ipaddr.parseCIDR(text);
    if (ipaddr.isValid(text)) {
      const address = ipaddr.parse(text);
      return [address, address.kind() === 'ipv4' ? 32 : 128];
    }
  } catch {
    // Falls through: not a network.
  }
  return null;
}

function network(fact: unknown, operator: string): Network {
  const parsed = typeof fact === 'string' ? parse(fact) : null;
  if (!parsed) throw wrongKind(operator, 'a CIDR or an IP address', fact);
  const [address, bits] = parsed;
  if (address.kind() === 'ipv6' && bits >= 96 && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    return [(address as ipaddr.IPv6).toIPv4Address(), bits - 96];
  }
  return parsed;
}

/** Whether `inner` lies wholly inside `outer`. */
function within([address, bits]: Network, [outer, outerBits]: Network): boolean {
  return address.kind() === outer.kind() && bits >= outerBits && address.match(outer, outerBits);
}

function isPublic(net: Network): boolean {
  return !NOT_PUBLIC.some((range) => within(net, range));
}

/** Two networks overlap when one holds the other: their first min(prefix) bits agree. */
function overlaps([a, aBits]: Network, [b, bBits]: Network): boolean {
  return a.kind() === b.kind() && a.match(b, Math.min(aBits, bBits));
}
