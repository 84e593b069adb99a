/** JSON answers for islands and API routes. */

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
