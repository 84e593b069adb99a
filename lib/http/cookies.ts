/** Reading and writing cookies on Web `Headers` (Deno std's helpers are not available here). */

export interface CookieOptions {
  /** Seconds until the browser drops the cookie; 0 deletes it; absent makes a session cookie. */
  maxAge?: number;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: "Lax" | "Strict";
  path?: string;
}

/** Secure cookies everywhere except plain-HTTP loopback during development. */
export function usesSecureCookies(url: URL): boolean {
  const loopback = url.hostname === "localhost" || url.hostname === "127.0.0.1" || url.hostname === "[::1]";
  return url.protocol === "https:" || !loopback;
}

/** The request's cookies by name; values are URI-decoded where they were encoded. */
export function getCookies(headers: Headers): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const pair of (headers.get("cookie") ?? "").split(";")) {
    const separator = pair.indexOf("=");
    if (separator < 1) continue;
    const name = pair.slice(0, separator).trim();
    const raw = pair.slice(separator + 1).trim();
    if (name in cookies) continue; // the most specific path comes first; keep it
    try {
      cookies[name] = decodeURIComponent(raw);
    } catch {
      cookies[name] = raw;
    }
  }
  return cookies;
}

/** Appends a `Set-Cookie` header; the value is URI-encoded. */
export function setCookie(headers: Headers, name: string, value: string, options: CookieOptions = {}): void {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${options.path ?? "/"}`];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAge))}`);
  if (options.httpOnly) parts.push("HttpOnly");
  if (options.secure) parts.push("Secure");
  parts.push(`SameSite=${options.sameSite ?? "Lax"}`);
  headers.append("set-cookie", parts.join("; "));
}

/** Tells the browser to drop a cookie set with the same path. */
export function deleteCookie(
  headers: Headers,
  name: string,
  options: Omit<CookieOptions, "maxAge"> = {},
): void {
  setCookie(headers, name, "", { ...options, maxAge: 0 });
}
