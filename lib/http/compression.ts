/**
 * gzip for text responses (pages, island bundles, CSS, JSON, SVG) when the browser accepts it: pages
 * shrink to about a fifth, which counts on slow mobile connections. Deno.serve does not do it here.
 */

const COMPRESSIBLE = /^(?:text\/|image\/svg\+xml|application\/(?:javascript|json|manifest\+json|xml))/;
/** Below this, gzip's own overhead eats the saving. */
const MIN_BYTES = 1024;

export function compressed(req: Request, response: Response): Response {
  const { headers } = response;
  const length = Number(headers.get("content-length") ?? Infinity);
  if (
    !response.body || req.method === "HEAD" || length < MIN_BYTES || headers.has("content-encoding") ||
    !COMPRESSIBLE.test(headers.get("content-type") ?? "") ||
    /\bno-transform\b/.test(headers.get("cache-control") ?? "") ||
    !/\bgzip\b/.test(req.headers.get("accept-encoding") ?? "")
  ) {
    return response;
  }
  const gzipped = new Headers(headers);
  gzipped.set("content-encoding", "gzip");
  gzipped.delete("content-length");
  gzipped.append("vary", "Accept-Encoding");
  const etag = headers.get("etag");
  if (etag && !etag.startsWith("W/")) gzipped.set("etag", `W/${etag}`); // same content, other bytes
  return new Response(response.body.pipeThrough(new CompressionStream("gzip")), {
    status: response.status,
    statusText: response.statusText,
    headers: gzipped,
  });
}
