/** Redirects after a form post (post/redirect/get), only ever to a path on this site. */

/** `value` if it is a path on this site (`/x`, not `//evil.example` or `/\evil`), else `fallback`. */
export function safeLocalPath(value: string | null | undefined, fallback = "/"): string {
  if (!value?.startsWith("/")) return fallback;
  // Resolve the way a browser would (it drops tabs and newlines, reads "\" as "/"): the result must stay here.
  const base = "http://this.site";
  const resolved = new URL(value, base);
  return resolved.origin === base ? resolved.pathname + resolved.search + resolved.hash : fallback;
}

/** 303 See Other to `location`, keeping any headers (cookies) already set. */
export function redirect(location: string, headers = new Headers()): Response {
  headers.set("location", location);
  return new Response(null, { status: 303, headers });
}
