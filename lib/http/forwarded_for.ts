/**
 * Who is really calling, behind proxies. Anyone can send `X-Forwarded-For`, so the header is believed
 * only as far back as it was written by proxies we trust: starting from the connection's peer, each
 * trusted hop vouches for the address to its left, and the first address that is not a trusted proxy is
 * the client. Used by the app (TRUSTED_PROXIES) and by the local stack's gateway.
 */
import { BlockList, isIP } from "node:net";

/** A list of proxy addresses and CIDR ranges, e.g. `"127.0.0.0/8, ::1, 10.20.0.7"`. */
export class TrustedProxies {
  readonly #ranges = new BlockList();

  constructor(list: string) {
    for (const entry of list.split(",").map((part) => part.trim()).filter(Boolean)) {
      const [address, prefix] = entry.split("/");
      const family = isIP(address);
      const bits = prefix === undefined ? undefined : Number(prefix);
      const maxBits = family === 4 ? 32 : 128;
      if (!family || (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= maxBits))) {
        throw new Error(`not an IP address or CIDR range: "${entry}"`);
      }
      const type = family === 4 ? "ipv4" : "ipv6";
      if (bits === undefined) this.#ranges.addAddress(address, type);
      else this.#ranges.addSubnet(address, bits, type);
    }
  }

  has(address: string): boolean {
    const family = isIP(address);
    return family !== 0 && this.#ranges.check(address, family === 4 ? "ipv4" : "ipv6");
  }
}

/**
 * The client's address: the peer itself unless it is a trusted proxy; otherwise the `X-Forwarded-For`
 * entries are walked from the right (the nearest hop) while they are trusted proxies. Walking stops at
 * an entry that is not an address: what lies beyond it cannot be vouched for.
 */
export function clientAddressBehind(
  trusted: TrustedProxies,
  peer: string,
  forwardedFor: string | null,
): string {
  const hops = (forwardedFor ?? "").split(",").map((hop) => hop.trim()).filter(Boolean);
  let client = peer;
  for (let index = hops.length - 1; index >= 0 && trusted.has(client) && isIP(hops[index]); index--) {
    client = hops[index];
  }
  return client;
}
