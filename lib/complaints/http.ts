/** Small HTTP pieces the complaint routes share. */

/** A JSON answer that no cache keeps (it is about one signed-in person). */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });
}

/** Whether the request came from an island's script (which asks for JSON) rather than a plain form post. */
export function wantsJson(req: Request): boolean {
  return (req.headers.get("accept") ?? "").includes("application/json");
}

/** Whether the declared body is larger than `maxBytes` (bodies without a length are read with a cap). */
export function declaresTooLarge(req: Request, maxBytes: number): boolean {
  return Number(req.headers.get("content-length") ?? 0) > maxBytes;
}

/** Reads the body up to `maxBytes`; null when it is longer. */
export async function readBodyLimited(
  req: Request,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!req.body || declaresTooLarge(req, maxBytes)) return req.body ? null : new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req.body) {
    size += chunk.length;
    if (size > maxBytes) return null;
    chunks.push(chunk);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}
