/** Redirects after a form post (post/redirect/get), only ever to a path on this site. */

/** Longer return paths are not ours to follow (and would be reflected into a header). */
const MAX_LOCAL_PATH_LENGTH = 2048;

/**
 * `value` if it is a path on this site (`/x`, not `//evil.example`, `/\evil` or `/..//evil.example`), else
 * `fallback`.
 */
export function safeLocalPath(value: string | null | undefined, fallback = "/"): string {
  if (!value?.startsWith("/") || value.length > MAX_LOCAL_PATH_LENGTH) return fallback;
  // Resolve the way a browser would (it drops tabs and newlines, reads "\" as "/", removes dot segments and
  // decodes %2e): the result must stay here, and must not itself start like a host ("//").
  const base = "http://this.site";
  let resolved: URL;
  try {
    resolved = new URL(value, base);
  } catch {
    return fallback;
  }
  const path = resolved.pathname + resolved.search + resolved.hash;
  return resolved.origin === base && !path.startsWith("//") ? path : fallback;
}

/** 303 See Other to `location`, keeping any headers (cookies) already set. */
export function redirect(location: string, headers = new Headers()): Response {
  headers.set("location", location);
  return new Response(null, { status: 303, headers });
}
