import assert from "node:assert/strict";
import { clientAddressBehind, TrustedProxies } from "@/lib/http/forwarded_for.ts";

const proxies = new TrustedProxies("10.20.0.0/16, 127.0.0.1, ::1");

Deno.test("X-Forwarded-For is ignored unless the peer is a trusted proxy", () => {
  assert.equal(clientAddressBehind(proxies, "203.0.113.5", "198.18.1.1"), "203.0.113.5");
  assert.equal(clientAddressBehind(new TrustedProxies(""), "10.20.0.7", "198.18.1.1"), "10.20.0.7");
});

Deno.test("behind trusted proxies the client is the nearest hop they do not vouch for, not what the client wrote", () => {
  // The visitor wrote "6.6.6.6"; the proxy appended the address it saw.
  assert.equal(clientAddressBehind(proxies, "10.20.0.7", "6.6.6.6, 198.18.1.1"), "198.18.1.1");
  assert.equal(clientAddressBehind(proxies, "127.0.0.1", "6.6.6.6, 198.18.1.1, 10.20.3.4"), "198.18.1.1");
  assert.equal(clientAddressBehind(proxies, "::1", "2001:db8::5"), "2001:db8::5");
  // Nothing forwarded, or only proxies: the nearest known address.
  assert.equal(clientAddressBehind(proxies, "10.20.0.7", null), "10.20.0.7");
  assert.equal(clientAddressBehind(proxies, "10.20.0.7", "10.20.9.9"), "10.20.9.9");
  // A hop that is not an address ends the chain: nothing beyond it is vouched for.
  assert.equal(clientAddressBehind(proxies, "10.20.0.7", "198.18.1.1, unknown"), "10.20.0.7");
});

Deno.test("a proxy list with something that is not an address or range is refused at start", () => {
  for (const bad of ["localhost", "10.0.0.0/33", "::1/129", "10.0.0.1/x"]) {
    assert.throws(() => new TrustedProxies(bad), /not an IP address or CIDR range/, bad);
  }
});
