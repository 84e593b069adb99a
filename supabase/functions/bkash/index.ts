/**
 * The `bkash` Edge Function: everything that talks to bKash (Tokenized Checkout). The app never holds bKash
 * secrets or the service-role key; it calls this function with the signed-in person's JWT.
 *
 * - `POST /bkash/create {payment_id}` (the payer's JWT): bKash's checkout page for their payment, created
 *   once → `{bkashURL}`.
 * - `GET /bkash/callback?paymentID=…&status=…` (the payer's browser, from bKash): settles the payment with
 *   bKash (execute, then status when in doubt) and sends the payer to the app's result page.
 * - `POST /bkash/status {payment_id}` (the payer's or a super admin's JWT): settles it again → `{state}`.
 * - `POST /bkash/search {payment_id}` (a super admin's JWT): bKash's record of the payment's transaction.
 * - `POST /bkash/refund {refund_id}` (a super admin's JWT): sends a requested refund to bKash → `{state}`.
 * - `POST /bkash/reconcile {older_than_seconds?, max_rows?}` (the service-role key): settles the oldest
 *   payments and refunds left unsettled (default: older than 60 s, 50 of them), by asking bKash → counts per
 *   outcome. Run on a schedule (see README).
 *
 * Who may see a payment is decided by RLS: the function reads it with the caller's JWT first, and records
 * bKash's answers with the service role only after that. `verify_jwt = false` in config.toml, because bKash
 * sends the payer back without one; every other route checks the caller itself.
 */
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import {
  BkashClient,
  BkashUnreachable,
  credentialsFromEnv,
  type TokenStore,
} from "../_shared/bkash-client.ts";
import { type CallbackStatus, Ledger, LedgerError, type PaymentRow, SETTLED } from "./ledger.ts";

const SUPABASE_URL = Deno.env.get("SUPABASE_URL")!;
const ANON_KEY = Deno.env.get("SUPABASE_ANON_KEY")!;
const SERVICE_ROLE_KEY = Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!;
const APP_URL = (Deno.env.get("APP_URL") ?? "").replace(/\/+$/, "");
const CALLBACK_URL = Deno.env.get("BKASH_CALLBACK_URL") ?? `${SUPABASE_URL}/functions/v1/bkash/callback`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NO_SESSION = { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } as const;

const service = createClient(SUPABASE_URL, SERVICE_ROLE_KEY, { auth: NO_SESSION });
/** The token every instance shares (public.bkash_token, service role only). */
const tokens: TokenStore = {
  async load() {
    const { data, error } = await service.from("bkash_token").select("*").maybeSingle();
    if (error) throw new Error(`reading the bKash token: ${error.message}`);
    if (!data) return null;
    const hourAgo = Date.now() - 3_600_000;
    return {
      idToken: data.id_token,
      refreshToken: data.refresh_token,
      expiresAt: Date.parse(data.expires_at),
      refreshesLastHour: (data.refreshed_at as string[]).filter((at) => Date.parse(at) > hourAgo).length,
    };
  },
  async save(token, refreshed) {
    const { error } = await service.rpc("bkash_store_token", {
      id_token: token.idToken,
      refresh_token: token.refreshToken,
      expires_in_seconds: token.expiresInSeconds,
      refreshed,
    });
    if (error) throw new Error(`keeping the bKash token: ${error.message}`);
  },
};
const bkash = new BkashClient(credentialsFromEnv(Deno.env), tokens, async (exchange) => {
  const { error } = await service.rpc("bkash_log_event", {
    payment_id: exchange.paymentId ?? null,
    refund_id: exchange.refundId ?? null,
    kind: "bkash",
    api: exchange.api,
    http_status: exchange.httpStatus,
    request: exchange.request,
    response: exchange.response,
    note: exchange.note ?? null,
    actor_id: exchange.actorId ?? null,
  });
  if (error) throw new Error(error.message);
}, Number(Deno.env.get("BKASH_TIMEOUT_MS") ?? 30_000));
const ledger = new Ledger(service, bkash);

Deno.serve(async (req) => {
  const route = new URL(req.url).pathname.replace(/^.*?\/bkash(?=\/|$)/, "");
  try {
    if (route === "/callback" && req.method === "GET") return await callback(new URL(req.url));
    if (req.method !== "POST") return problem(405, "use POST");
    const body = await jsonBody(req);
    switch (route) {
      case "/create":
        return await create(req, body);
      case "/status":
        return await status(req, body);
      case "/search":
        return await search(req, body);
      case "/refund":
        return await refund(req, body);
      case "/reconcile":
        return await reconcile(req, body);
      default:
        return problem(404, "no such route");
    }
  } catch (error) {
    if (error instanceof LedgerError) return problem(error.status, error.message);
    if (error instanceof BkashUnreachable) return problem(503, "bKash did not answer; try again shortly");
    console.error(`bkash: ${route}: ${(error as Error).stack ?? error}`);
    return problem(500, "internal error");
  }
});

async function jsonBody(req: Request): Promise<Record<string, unknown>> {
  try {
    const body = await req.json();
    if (typeof body === "object" && body !== null && !Array.isArray(body)) return body;
  } catch { /* fall through */ }
  throw new LedgerError(400, "the body must be a JSON object");
}

/** A client acting as the caller (their JWT), so RLS decides what they may see. */
function callerClient(req: Request): SupabaseClient {
  const authorization = req.headers.get("authorization");
  if (!authorization || !/^Bearer\s+\S+$/i.test(authorization)) throw new LedgerError(401, "sign in first");
  return createClient(SUPABASE_URL, ANON_KEY, {
    auth: NO_SESSION,
    global: { headers: { Authorization: authorization } },
  });
}

/** The payment if the caller may see it (their own, or any for a super admin); else a refusal is logged. */
async function visiblePayment(req: Request, id: unknown, what: string): Promise<PaymentRow> {
  if (typeof id !== "string" || !UUID.test(id)) {
    throw new LedgerError(400, "payment_id must be a payment's id");
  }
  const { data, error } = await callerClient(req).from("payments").select("id").eq("id", id).maybeSingle();
  if (error?.code?.startsWith("PGRST3")) throw new LedgerError(401, "the token is not valid");
  const payment = data && !error ? await ledger.payment(id) : null;
  if (!payment) {
    const exists = await ledger.payment(id);
    await ledger.refused(what, "payment not visible to the caller", exists?.id);
    throw new LedgerError(404, "no such payment");
  }
  return payment;
}

/**
 * The signed-in caller's user id, from their token's `sub`. Read only after PostgREST accepted the token
 * (visiblePayment, requireSuperAdmin), so it is not trusted unverified.
 */
function callerId(req: Request): string | undefined {
  const payload = req.headers.get("authorization")?.split(".")[1];
  try {
    const sub = JSON.parse(atob(payload!.replaceAll("-", "+").replaceAll("_", "/"))).sub;
    return typeof sub === "string" && UUID.test(sub) ? sub : undefined;
  } catch {
    return undefined;
  }
}

async function requireSuperAdmin(req: Request): Promise<void> {
  const { data } = await callerClient(req).rpc("current_app_role");
  if (data !== "super_admin") throw new LedgerError(403, "super admins only");
}

async function create(req: Request, body: Record<string, unknown>): Promise<Response> {
  const payment = await visiblePayment(req, body.payment_id, "create");
  return Response.json({ bkashURL: await ledger.checkoutUrl(payment, CALLBACK_URL) });
}

async function callback(url: URL): Promise<Response> {
  const paymentID = url.searchParams.get("paymentID") ?? "";
  const hinted = url.searchParams.get("status");
  const hint = (["success", "failure", "cancel"] as const).find((status) => status === hinted) as
    | CallbackStatus
    | undefined;
  const payment = /^[A-Za-z0-9]{1,100}$/.test(paymentID) ? await ledger.paymentByBkashId(paymentID) : null;
  if (!payment) {
    await ledger.refused("callback", "callback for a paymentID that is not ours", undefined, {
      paymentID: paymentID.slice(0, 100),
      status: hinted?.slice(0, 20) ?? null,
    });
    return Response.redirect(`${APP_URL}/payments?unknown=1`, 303);
  }
  if (SETTLED.has(payment.state)) {
    // A replayed callback (back button, a second tab, an attacker): bKash is not asked again.
    await ledger.refused(
      "callback",
      `callback for a payment already ${payment.state}: nothing changed`,
      payment.id,
      {
        paymentID,
        status: hinted?.slice(0, 20) ?? null,
      },
    );
  } else {
    await ledger.settle(payment, hint);
  }
  return Response.redirect(`${APP_URL}/payments/${payment.id}`, 303);
}

async function status(req: Request, body: Record<string, unknown>): Promise<Response> {
  const payment = await visiblePayment(req, body.payment_id, "status");
  const settled = await ledger.settle(payment, undefined, callerId(req));
  return Response.json({ state: settled.state });
}

async function search(req: Request, body: Record<string, unknown>): Promise<Response> {
  await requireSuperAdmin(req);
  const payment = await visiblePayment(req, body.payment_id, "search");
  return Response.json(await ledger.search(payment, callerId(req)));
}

async function refund(req: Request, body: Record<string, unknown>): Promise<Response> {
  await requireSuperAdmin(req);
  if (typeof body.refund_id !== "string" || !UUID.test(body.refund_id)) {
    throw new LedgerError(400, "refund_id must be a refund's id");
  }
  const settled = await ledger.refund(body.refund_id, callerId(req));
  return Response.json({ state: settled.state });
}

async function reconcile(req: Request, body: Record<string, unknown>): Promise<Response> {
  if (req.headers.get("authorization") !== `Bearer ${SERVICE_ROLE_KEY}`) {
    return problem(401, "reconciliation needs the service-role key");
  }
  const olderThan = body.older_than_seconds ?? 60;
  const maxRows = body.max_rows ?? 50;
  for (const value of [olderThan, maxRows]) {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 100_000) {
      throw new LedgerError(400, "older_than_seconds and max_rows must be whole numbers");
    }
  }
  return Response.json(await ledger.reconcile(olderThan as number, maxRows as number));
}

function problem(status: number, error: string): Response {
  return Response.json({ error }, { status });
}
