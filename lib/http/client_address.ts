import { config } from "../config.ts";
import { clientAddressBehind } from "./forwarded_for.ts";

/**
 * The client's IP address, for per-address rate limits. `X-Forwarded-For` counts only as far as the
 * proxies in TRUSTED_PROXIES wrote it; anything a client wrote into it itself is ignored.
 */
export function clientAddress(req: Request, remoteAddr: Deno.Addr): string {
  const peer = "hostname" in remoteAddr ? remoteAddr.hostname : "unknown";
  return clientAddressBehind(config.trustedProxies, peer, req.headers.get("x-forwarded-for"));
}
