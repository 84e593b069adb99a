import { config } from "../config.ts";

/**
 * The client's IP address, for per-address rate limits. Behind a proxy (TRUST_PROXY=1) the proxy's
 * `X-Forwarded-For` names the client; otherwise the header is ignored, since anyone can send it.
 */
export function clientAddress(req: Request, remoteAddr: Deno.Addr): string {
  if (config.trustProxy) {
    const forwarded = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return "hostname" in remoteAddr ? remoteAddr.hostname : "unknown";
}
