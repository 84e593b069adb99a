/** Headers every response carries, and the cross-site check for requests that change something. */
import { config } from "./config.ts";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * The Content-Security-Policy: scripts only from this origin (plus the runtime's inline boot script when
 * it carries this response's nonce), nothing embeddable, nothing framing us. Styles may be inline: twind
 * writes the page's CSS into a `<style>` element.
 */
export function contentSecurityPolicy(nonce?: string): string {
  const supabase = new URL(config.supabaseUrl);
  const realtime = `${supabase.protocol === "https:" ? "wss:" : "ws:"}//${supabase.host}`;
  return [
    "default-src 'self'",
    `script-src 'self'${nonce ? ` 'nonce-${nonce}'` : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${supabase.origin}`,
    "font-src 'self'",
    `connect-src 'self' ${supabase.origin} ${realtime}`,
    "object-src 'none'",
    "base-uri 'self'",
    // Paying posts a form whose answer redirects to bKash's checkout page.
    `form-action 'self' ${config.bkashCheckoutOrigin}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

export function applySecurityHeaders(headers: Headers, nonce?: string): void {
  headers.set("content-security-policy", contentSecurityPolicy(nonce));
  headers.set("x-content-type-options", "nosniff");
  headers.set("referrer-policy", "strict-origin-when-cross-origin");
  headers.set("permissions-policy", "geolocation=(self), camera=(self), microphone=(), payment=()");
  headers.set("x-frame-options", "DENY");
}

/**
 * Whether a request may change state: safe methods always; others only when the browser says they come
 * from our own pages. Browsers send `Origin` on every POST; `Sec-Fetch-Site` covers the rest. A request
 * with neither is not a browser's cross-site request (SameSite=Lax keeps session cookies off those anyway).
 */
export function isAllowedOrigin(req: Request): boolean {
  if (!UNSAFE_METHODS.has(req.method)) return true;
  const origin = req.headers.get("origin");
  if (origin !== null) {
    return origin === new URL(req.url).origin || origin === config.publicOrigin;
  }
  const site = req.headers.get("sec-fetch-site");
  return site === null || site === "same-origin" || site === "none";
}
