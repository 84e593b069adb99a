/**
 * Super admins' side of payments: every payment under filters (the page and the CSV), one payment's events,
 * and keeping the fee catalogue and campaigns. All as the super admin through PostgREST: RLS lets only super
 * admins see others' payments and change fees and campaigns.
 */
import { z } from "zod";
import type { UserSession } from "../auth/session.ts";
import { userClient } from "../supabase.ts";
import type { Translate } from "../i18n/mod.ts";
import { toAsciiDigits } from "../i18n/format.ts";
import { CSV_BYTE_ORDER_MARK, csvLine, dhakaIso } from "../csv.ts";
import { type Payment, PAYMENT_STATES, PaymentDataError, type PaymentState } from "./repository.ts";

export interface PaymentFilters {
  state?: PaymentState;
  kind?: "fee" | "donation";
  /** Bangladesh dates, inclusive: YYYY-MM-DD. */
  from?: string;
  to?: string;
  /** An invoice number or a bKash TrxID. */
  q?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PAID: PaymentState[] = ["completed", "refund_requested", "partially_refunded", "refunded"];

/** The filters in the address; `ok` false when one is malformed (the page says so and shows none). */
export function readPaymentFilters(params: URLSearchParams): { filters: PaymentFilters; ok: boolean } {
  const filters: PaymentFilters = {};
  let ok = true;
  const state = params.get("state") || undefined;
  if (state) {
    (PAYMENT_STATES as readonly string[]).includes(state)
      ? filters.state = state as PaymentState
      : ok = false;
  }
  const kind = params.get("kind") || undefined;
  if (kind) kind === "fee" || kind === "donation" ? filters.kind = kind : ok = false;
  for (const field of ["from", "to"] as const) {
    const value = toAsciiDigits(params.get(field) ?? "").trim();
    if (value) DATE.test(value) && !Number.isNaN(Date.parse(value)) ? filters[field] = value : ok = false;
  }
  const q = (params.get("q") ?? "").trim();
  if (q) /^[A-Za-z0-9]{1,40}$/.test(q) ? filters.q = q.toUpperCase() : ok = false;
  return { filters, ok };
}

export function filterQuery(filters: PaymentFilters): string {
  return new URLSearchParams(Object.entries(filters).filter(([, value]) => value) as [string, string][])
    .toString();
}

// deno-lint-ignore no-explicit-any
function applyFilters<Q extends { eq: any; gte: any; lt: any; or: any }>(
  query: Q,
  filters: PaymentFilters,
): Q {
  if (filters.state) query = query.eq("state", filters.state);
  if (filters.kind) query = query.eq("kind", filters.kind);
  if (filters.from) query = query.gte("created_at", `${filters.from}T00:00:00+06:00`);
  if (filters.to) {
    const next = new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    query = query.lt("created_at", `${next}T00:00:00+06:00`);
  }
  // Only letters and digits reach the filter (readPaymentFilters), so nothing can break out of it.
  if (filters.q) query = query.or(`invoice_number.eq.${filters.q},trx_id.eq.${filters.q}`);
  return query;
}

export const PAGE_ROWS = 200;
const CSV_PAGE = 1000;

/** Where a page of payments (newest first) goes on from: the last payment of the page before. */
interface PaymentKey {
  created_at: string;
  id: string;
}

/** Payments after `key` in the order newest first, then by id (keyset paging). */
// deno-lint-ignore no-explicit-any
function after<Q extends { or: any }>(query: Q, key: PaymentKey | undefined): Q {
  return key
    ? query.or(`created_at.lt.${key.created_at},and(created_at.eq.${key.created_at},id.gt.${key.id})`)
    : query;
}

/** The key of a payment the super admin may see, to page on after it; null when there is none. */
export async function paymentKey(session: UserSession, id: string): Promise<PaymentKey | null> {
  const { data, error } = await userClient(session.accessToken).from("payments").select("created_at, id")
    .eq("id", id).maybeSingle();
  if (error) throw new PaymentDataError("reading a payment", error);
  return data as PaymentKey | null;
}

/**
 * A page of the newest payments under the filters (after `from`, the last one of the page before), how many
 * there are in all, the net taka they brought in, and the id to go on from when there are more.
 */
export async function listAllPayments(
  session: UserSession,
  filters: PaymentFilters,
  from?: PaymentKey,
): Promise<{ payments: Payment[]; count: number; netPaid: number; next?: string }> {
  const db = userClient(session.accessToken);
  const { data: page, error } = await after(applyFilters(db.from("payments").select("*"), filters), from)
    .order("created_at", { ascending: false }).order("id").limit(PAGE_ROWS + 1);
  if (error) throw new PaymentDataError("reading payments", error);
  const payments = (page as Payment[]).slice(0, PAGE_ROWS);
  const next = page.length > PAGE_ROWS ? payments.at(-1)!.id : undefined;
  let count = 0;
  let netPaid = 0;
  for await (const rows of pages(session, filters, "amount, refunded_amount, state, created_at, id")) {
    count += rows.length;
    for (const row of rows as unknown as Pick<Payment, "amount" | "refunded_amount" | "state">[]) {
      if (PAID.includes(row.state)) netPaid += Number(row.amount) - Number(row.refunded_amount);
    }
  }
  return { payments, count, netPaid: Math.round(netPaid * 100) / 100, next };
}

/** Every payment under the filters, a thousand at a time, newest first (keyset on created_at, id). */
async function* pages(session: UserSession, filters: PaymentFilters, columns: string) {
  const db = userClient(session.accessToken);
  let last: PaymentKey | undefined;
  while (true) {
    const { data, error } = await after(applyFilters(db.from("payments").select(columns), filters), last)
      .order("created_at", { ascending: false }).order("id").limit(CSV_PAGE);
    if (error) throw new PaymentDataError("reading payments", error);
    const rows = data as unknown as PaymentKey[];
    if (rows.length > 0) yield rows;
    if (rows.length < CSV_PAGE) return;
    last = rows.at(-1);
  }
}

/** The payments under the filters as CSV (UTF-8 with BOM, Bangladesh time), streamed page by page. */
export function paymentsCsv(
  session: UserSession,
  filters: PaymentFilters,
  t: Translate,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const source = pages(session, filters, "*");
  return new ReadableStream({
    start(controller) {
      controller.enqueue(encoder.encode(
        CSV_BYTE_ORDER_MARK + csvLine([
          "created_at",
          "invoice_number",
          "kind",
          "fee_code",
          "campaign_id",
          "amount_bdt",
          "state",
          "state_label",
          "bkash_trx_id",
          "payer_wallet",
          "refunded_bdt",
          "completed_at",
          "payment_id",
        ]),
      ));
    },
    async pull(controller) {
      const next = await source.next();
      if (next.done) return controller.close();
      const lines = (next.value as unknown as Payment[]).map((p) =>
        csvLine([
          dhakaIso(p.created_at),
          p.invoice_number,
          p.kind,
          p.fee_code,
          p.campaign_id,
          Number(p.amount).toFixed(2),
          p.state,
          t(`payments.state.${p.state}`),
          p.trx_id,
          p.payer_wallet,
          Number(p.refunded_amount).toFixed(2),
          dhakaIso(p.completed_at),
          p.id,
        ])
      );
      controller.enqueue(encoder.encode(lines.join("")));
    },
  });
}

export interface PaymentEvent {
  id: number;
  at: string;
  kind: "state" | "bkash" | "refused";
  from_state: PaymentState | null;
  to_state: PaymentState | null;
  api: string | null;
  http_status: number | null;
  request: unknown;
  response: unknown;
  note: string | null;
}

const ASKED = new Set(["general/searchTransaction", "payment/status"]);

/** bKash's latest answer to a question about the payment (status or transaction search), if any. */
export function latestBkashAnswer(events: PaymentEvent[]): PaymentEvent | undefined {
  return events.findLast((event) => event.kind === "bkash" && ASKED.has(event.api ?? ""));
}

export async function paymentEvents(session: UserSession, paymentId: string): Promise<PaymentEvent[]> {
  const { data, error } = await userClient(session.accessToken).from("payment_events").select("*")
    .eq("payment_id", paymentId).order("id");
  if (error) throw new PaymentDataError("reading payment events", error);
  return data as PaymentEvent[];
}

// ---------------------------------------------------------------------------------------------------
// Fees and campaigns
// ---------------------------------------------------------------------------------------------------

const taka = (min: number, max: number) =>
  z.string().transform((typed) => toAsciiDigits(typed).replace(/[,\s]/g, "")).pipe(
    z.string().regex(/^\d{1,9}(\.\d{1,2})?$/),
  ).transform(Number).pipe(z.number().min(min).max(max));
const text = (min: number, max: number) => z.string().trim().min(min).max(max).regex(/^[^\p{Cc}]*$/su);

const feeSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{2,59}$/),
  corporation: z.enum(["dncc", "dscc"]),
  name_bn: text(2, 150),
  name_en: text(2, 150),
  amount: taka(1, 500000),
  active: z.boolean(),
});

/** Adds a fee or changes one (code as key); false when the form is wrong or RLS refused. */
export async function saveFee(session: UserSession, form: FormData, isNew: boolean): Promise<boolean> {
  const parsed = feeSchema.safeParse({
    code: String(form.get("code") ?? ""),
    corporation: String(form.get("corporation") ?? ""),
    name_bn: String(form.get("name_bn") ?? ""),
    name_en: String(form.get("name_en") ?? ""),
    amount: String(form.get("amount") ?? ""),
    active: form.get("active") === "on",
  });
  if (!parsed.success) return false;
  const db = userClient(session.accessToken);
  const { code, ...changes } = parsed.data;
  const { data, error } = isNew
    ? await db.from("payment_fees").insert({ code, ...changes }).select("code")
    : await db.from("payment_fees").update({ ...changes, updated_at: new Date().toISOString() }).eq(
      "code",
      code,
    )
      .select("code");
  if (error) {
    if (error.code === "23505" || error.code === "42501" || error.code?.startsWith("23")) return false;
    throw new PaymentDataError("saving a fee", error);
  }
  return (data ?? []).length === 1;
}

const campaignSchema = z.object({
  title_bn: text(3, 150),
  title_en: text(3, 150),
  story_bn: text(10, 4000),
  story_en: text(10, 4000),
  photo_path: z.string().trim().regex(/^(\/[A-Za-z0-9/_.-]{1,200})?$/).transform((path) => path || null),
  goal_amount: taka(100, 100000000),
  deadline: z.string().regex(DATE).refine((value) => !Number.isNaN(Date.parse(value))),
  active: z.boolean(),
});

/** Creates a campaign (no id) or changes one; false when the form is wrong or RLS refused. */
export async function saveCampaign(session: UserSession, form: FormData, id?: string): Promise<boolean> {
  const parsed = campaignSchema.safeParse({
    title_bn: String(form.get("title_bn") ?? ""),
    title_en: String(form.get("title_en") ?? ""),
    story_bn: String(form.get("story_bn") ?? ""),
    story_en: String(form.get("story_en") ?? ""),
    photo_path: String(form.get("photo_path") ?? ""),
    goal_amount: String(form.get("goal_amount") ?? ""),
    deadline: toAsciiDigits(String(form.get("deadline") ?? "")),
    active: form.get("active") === "on",
  });
  if (!parsed.success) return false;
  const db = userClient(session.accessToken);
  const { data, error } = id
    ? await db.from("donation_campaigns").update(parsed.data).eq("id", id).select("id")
    : await db.from("donation_campaigns").insert(parsed.data).select("id");
  if (error) {
    if (error.code === "42501" || error.code?.startsWith("23") || error.code === "22P02") return false;
    throw new PaymentDataError("saving a campaign", error);
  }
  return (data ?? []).length === 1;
}
