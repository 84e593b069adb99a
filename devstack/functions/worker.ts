/**
 * Runs one Edge Function in its own process for the local Functions service:
 * `deno run … worker.ts <entrypoint URL> <ready marker>`.
 *
 * Functions are written as on Supabase, `Deno.serve(handler)`, which would listen on port 8000 (the app's).
 * This wrapper replaces `Deno.serve` before importing the function, so the handler listens on a free
 * loopback port instead, and prints `<ready marker> <port>` on stdout for the service to read. Requests
 * arrive with the `/<name>/…` path Supabase's edge runtime gives functions; the public origin comes back
 * from `x-forwarded-host`/`x-forwarded-proto`, so `req.url` looks as it would behind the gateway.
 */
const [entrypoint, readyMarker] = Deno.args;
if (!entrypoint || !readyMarker) throw new Error("usage: worker.ts <entrypoint URL> <ready marker>");

type Handler = Deno.ServeHandler;
type ServeOptions = { onError?: (error: unknown) => Response | Promise<Response>; signal?: AbortSignal };

const listen = Deno.serve.bind(Deno);
let serving = false;

/** Accepts the forms `Deno.serve(handler)`, `Deno.serve(options, handler)`, `Deno.serve({handler, …})`. */
function serveOnPrivatePort(...args: unknown[]): Deno.HttpServer {
  const handler = (typeof args[0] === "function" ? args[0] : typeof args[1] === "function" ? args[1] : (
    args[0] as { handler?: Handler } | undefined
  )?.handler) as Handler | undefined;
  if (!handler) throw new TypeError("Deno.serve needs a handler");
  if (serving) throw new Error("an Edge Function may call Deno.serve only once");
  serving = true;
  const options = (typeof args[0] === "object" ? args[0] : {}) as ServeOptions;
  return listen({
    hostname: "127.0.0.1",
    port: 0,
    onError: options.onError,
    signal: options.signal,
    onListen: ({ port }) => console.log(`${readyMarker} ${port}`),
  }, (req, info) => handler(withPublicUrl(req), info));
}

function withPublicUrl(req: Request): Request {
  const host = req.headers.get("x-forwarded-host");
  if (!host) return req;
  const url = new URL(req.url);
  url.host = host;
  url.protocol = req.headers.get("x-forwarded-proto") ?? url.protocol;
  // Not `new Request(url, req)`: that reads `req.signal`, which makes Deno warn about its legacy abort.
  return new Request(url, { method: req.method, headers: req.headers, body: req.body });
}

// The service holds stdin open and never writes to it: end of input means the service is gone.
(async () => {
  for await (const _chunk of Deno.stdin.readable) { /* nothing is ever sent */ }
  Deno.exit(0);
})();

Object.defineProperty(Deno, "serve", { value: serveOnPrivatePort, configurable: true, writable: true });
await import(entrypoint);
