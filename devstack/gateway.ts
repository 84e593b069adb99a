/**
 * The API gateway on :54321, doing what Kong does in `supabase start`: one origin for every service,
 * CORS on every route, and the `apikey` check (header or query) on the routes Kong guards. Storage and
 * Functions check the JWT themselves, as they do behind Kong.
 */
import { ANON_KEY, SERVICE_ROLE_KEY } from "./keys.ts";
import { HOST, PORTS, TRUSTED_PROXIES } from "./config.ts";
import type { LocalService } from "./service.ts";
import { clientAddressBehind, TrustedProxies } from "../lib/http/forwarded_for.ts";

export interface GatewayServices {
  auth: LocalService;
  storage: LocalService;
  realtime: LocalService;
  functions: LocalService;
}

interface Route {
  prefix: string;
  /** Whether a valid `apikey` is required, as Kong's key-auth plugin requires it. */
  requiresApiKey: boolean;
  /** Paths under the prefix that Kong leaves open (e.g. the e-mail link verification endpoint). */
  openPaths?: string[];
  target: (services: GatewayServices) => LocalService;
}

const POSTGREST_URL = `http://${HOST}:${PORTS.postgrest}`;

const FORM_CONTENT_TYPE = /^\s*application\/x-www-form-urlencoded\s*(;|$)/i;

/** Whether a form body is UTF-8 text whose percent-escapes are UTF-8 too. */
function isUtf8Form(bytes: Uint8Array): boolean {
  try {
    decodeURIComponent(new TextDecoder("utf-8", { fatal: true }).decode(bytes).replaceAll("+", " "));
    return true;
  } catch {
    return false;
  }
}

/**
 * To PostgREST, a connection per request: PostgREST may answer before reading a body (a 405, say) and close
 * the connection, and a pooled connection it closed meanwhile would fail the next request sent on it;
 * loopback connections cost next to nothing.
 */
const POSTGREST_CLIENT = Deno.createHttpClient({ poolMaxIdlePerHost: 0 });

/**
 * PostgREST runs as its own process; the gateway forwards to it over loopback, each body whole (so it is
 * sent before PostgREST may answer). PostgREST 12 answers a form body that is not UTF-8 with a 500 (an
 * upstream fault): the gateway refuses it first, with the 400 PostgREST gives any other unreadable body.
 */
const postgrest: LocalService = {
  async handle(req, { path }) {
    const url = new URL(req.url);
    const body = req.body ? new Uint8Array(await req.arrayBuffer()) : null;
    if (body && FORM_CONTENT_TYPE.test(req.headers.get("content-type") ?? "") && !isUtf8Form(body)) {
      return json(400, { code: "PGRST102", details: null, hint: null, message: "Invalid body: not UTF-8" });
    }
    const upstream = await fetch(`${POSTGREST_URL}${path}${url.search}`, {
      method: req.method,
      headers: withoutHopHeaders(req.headers),
      body,
      redirect: "manual",
      client: POSTGREST_CLIENT,
    });
    return new Response(upstream.body, { status: upstream.status, headers: upstream.headers });
  },
  close: () => Promise.resolve(),
};

const ROUTES: Route[] = [
  { prefix: "/rest/v1", requiresApiKey: true, target: () => postgrest },
  {
    prefix: "/auth/v1",
    requiresApiKey: true,
    openPaths: ["/verify", "/callback", "/authorize", "/.well-known/jwks.json"],
    target: (s) => s.auth,
  },
  { prefix: "/realtime/v1", requiresApiKey: true, target: (s) => s.realtime },
  { prefix: "/storage/v1", requiresApiKey: false, target: (s) => s.storage },
  { prefix: "/functions/v1", requiresApiKey: false, target: (s) => s.functions },
];

const VALID_API_KEYS = new Set([ANON_KEY, SERVICE_ROLE_KEY]);

/**
 * The methods any service behind the gateway answers. Others (TRACE, TRACK, WebDAV verbs…) are refused
 * here, as the proxy in front of Supabase refuses TRACE, so that nothing downstream reflects them.
 */
const ALLOWED_METHODS = ["GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS"];

/** The longest path and query the gateway passes on. */
const MAX_URL_BYTES = 8 * 1024;

const CORS_HEADERS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": ALLOWED_METHODS.join(", "),
  "access-control-expose-headers":
    "content-range, content-length, content-type, x-supabase-api-version, x-sb-error-code, etag, location",
  "access-control-max-age": "3600",
};

const trustedProxies = new TrustedProxies(TRUSTED_PROXIES);
/** Headers in which a client could claim to be someone else; only trusted proxies may send them. */
const FORWARDING_HEADERS = ["x-forwarded-for", "sb-forwarded-for", "x-real-ip", "forwarded"];

/**
 * Like the proxy in front of Supabase: a trusted proxy's forwarding headers are passed on and the peer is
 * appended to `X-Forwarded-For`; anyone else's are dropped, and `X-Forwarded-For` names the peer alone.
 * Returns the headers to pass on and the client's address.
 */
export function forwardedHeaders(
  headers: Headers,
  peer: string,
): { headers: Headers; clientAddress: string } {
  const forwarded = new Headers(headers);
  const claimed = headers.get("x-forwarded-for");
  if (trustedProxies.has(peer)) {
    forwarded.set("x-forwarded-for", claimed ? `${claimed}, ${peer}` : peer);
    return { headers: forwarded, clientAddress: clientAddressBehind(trustedProxies, peer, claimed) };
  }
  for (const name of FORWARDING_HEADERS) forwarded.delete(name);
  forwarded.set("x-forwarded-for", peer);
  return { headers: forwarded, clientAddress: peer };
}

function withoutHopHeaders(headers: Headers): Headers {
  const copy = new Headers(headers);
  for (const name of ["host", "connection", "keep-alive", "transfer-encoding", "upgrade"]) copy.delete(name);
  return copy;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

function withCors(response: Response): Response {
  // A websocket upgrade response must be returned untouched.
  if (response.status === 101) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(CORS_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

function preflight(req: Request): Response {
  const requested = req.headers.get("access-control-request-headers");
  return new Response(null, {
    status: 200,
    headers: {
      ...CORS_HEADERS,
      "access-control-allow-headers": requested ?? "authorization, x-client-info, apikey, content-type",
    },
  });
}

/** Answers `req`, which arrived from `peer` (the connection's remote address). */
export async function routeRequest(
  req: Request,
  peer: string,
  services: GatewayServices,
): Promise<Response> {
  if (!ALLOWED_METHODS.includes(req.method)) {
    const refused = json(405, { message: "Method not allowed" });
    refused.headers.set("allow", ALLOWED_METHODS.join(", "));
    return withCors(refused);
  }
  const url = new URL(req.url);
  // nginx in front of Kong refuses request lines over its 8 KiB header buffers; PostgREST would drop the
  // connection instead.
  if (url.pathname.length + url.search.length > MAX_URL_BYTES) {
    return withCors(json(414, { message: "Request-URI Too Large" }));
  }
  const route = ROUTES.find((r) => url.pathname === r.prefix || url.pathname.startsWith(`${r.prefix}/`));
  if (!route) return withCors(json(404, { message: "no Route matched with those values" }));
  if (req.method === "OPTIONS") return preflight(req);

  const path = url.pathname.slice(route.prefix.length) || "/";
  const apiKey = req.headers.get("apikey") ?? url.searchParams.get("apikey");
  if (route.requiresApiKey && !route.openPaths?.includes(path)) {
    if (!apiKey) return withCors(json(401, { message: "No API key found in request" }));
    if (!VALID_API_KEYS.has(apiKey)) return withCors(json(401, { message: "Invalid API key" }));
  }

  const { headers, clientAddress } = forwardedHeaders(req.headers, peer);
  let forwarded = req;
  const isUpgrade = req.headers.get("upgrade")?.toLowerCase() === "websocket";
  if (!isUpgrade) {
    // Like Supabase's gateway: without an Authorization header the apikey acts as the bearer token,
    // and a key given in the query is not passed on (PostgREST would read it as a filter).
    if (apiKey && !headers.has("authorization")) headers.set("authorization", `Bearer ${apiKey}`);
    url.searchParams.delete("apikey");
    forwarded = new Request(url, { method: req.method, headers, body: req.body });
  }
  try {
    return withCors(await route.target(services).handle(forwarded, { path, clientAddress }));
  } catch (error) {
    console.error(`[gateway] ${req.method} ${url.pathname}:`, error);
    return withCors(json(502, { message: "An invalid response was received from the upstream server" }));
  }
}

export function startGateway(services: GatewayServices): Deno.HttpServer {
  return Deno.serve(
    {
      hostname: HOST,
      port: PORTS.gateway,
      onListen: () => {},
      // Kong's answer to its own faults: the details stay in the log.
      onError: (error) => {
        console.error("[gateway]", error);
        return withCors(json(500, { message: "An unexpected error occurred" }));
      },
    },
    (req, info) => routeRequest(req, info.remoteAddr.hostname, services),
  );
}
