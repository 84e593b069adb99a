/**
 * Payments and donations for the pages: the fee catalogue and campaigns (public), a person's own payments,
 * and the `bkash` Edge Function, which alone talks to bKash. Everything runs as the signed-in person (their
 * JWT), so RLS decides; amounts always come from the database.
 */
import { isUuid } from "../validation.ts";
import { config } from "../config.ts";
import type { UserSession } from "../auth/session.ts";
import { userClient, visitorClient } from "../supabase.ts";
import type { MessageKey } from "../i18n/mod.ts";
import { DataError } from "../data_error.ts";

export class PaymentDataError extends DataError {}

/** A refusal the person can act on, as a message key (the database's CC_* codes, the function's answers). */
export class PaymentRefused extends Error {
  constructor(readonly messageKey: MessageKey, readonly status = 400) {
    super(messageKey);
    this.name = "PaymentRefused";
  }
}

export const PAYMENT_STATES = [
  "initiated",
  "redirected",
  "completed",
  "failed",
  "cancelled",
  "expired",
  "disputed",
  "refund_requested",
  "partially_refunded",
  "refunded",
] as const;
export type PaymentState = typeof PAYMENT_STATES[number];

export interface Fee {
  code: string;
  corporation: "dncc" | "dscc";
  name_bn: string;
  name_en: string;
  amount: number;
  active: boolean;
  sort_order: number;
}

export interface Campaign {
  id: string;
  title_bn: string;
  title_en: string;
  story_bn: string;
  story_en: string;
  photo_path: string | null;
  goal_amount: number;
  deadline: string;
  active: boolean;
  raised_amount: number;
  donor_count: number;
}

export interface Payment {
  id: string;
  invoice_number: string;
  payer_id: string;
  kind: "fee" | "donation";
  fee_code: string | null;
  campaign_id: string | null;
  donor_anonymous: boolean;
  amount: number;
  state: PaymentState;
  bkash_payment_id: string | null;
  trx_id: string | null;
  payer_wallet: string | null;
  refunded_amount: number;
  failure_code: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

export interface Refund {
  id: string;
  payment_id: string;
  amount: number;
  reason: string;
  state: "requested" | "completed" | "failed";
  refund_trx_id: string | null;
  failure_code: string | null;
  created_at: string;
  completed_at: string | null;
}

export interface Donor {
  donor_name: string | null;
  amount: number;
  donated_at: string;
}

const asUser = (session: UserSession) => userClient(session.accessToken);

/** The database's refusals (the CC_* codes of private.refuse and private.record_refusal) as messages. */
const REFUSALS: Record<string, MessageKey> = {
  CC_FEE: "payments.error.unknown_fee",
  CC_CAMPAIGN: "payments.error.campaign_closed",
  CC_AMOUNT: "payments.error.donation_amount",
  CC_REFUND_STATE: "payments.error.refund_state",
  CC_REFUND_WINDOW: "payments.error.refund_window",
  CC_REFUND_AMOUNT: "payments.error.refund_amount",
  CC_REFUND_REASON: "payments.error.refund_reason",
  CC403: "payments.error.forbidden",
  CC404: "payments.error.not_found",
};

function refusedOrFailed(action: string, error: { message: string; code?: string }): Error {
  const key = error.code ? REFUSALS[error.code] : undefined;
  return key ? new PaymentRefused(key) : new PaymentDataError(action, error);
}

// ---------------------------------------------------------------------------------------------------
// Public: fees and campaigns
// ---------------------------------------------------------------------------------------------------

/** Fees people can pay now (as a visitor sees them); super admins pass their session to see every fee. */
export async function listFees(session?: UserSession): Promise<Fee[]> {
  const { data, error } = await (session ? asUser(session) : visitorClient()).from("payment_fees").select("*")
    .order("sort_order").order("code");
  if (error) throw new PaymentDataError("reading fees", error);
  return data as Fee[];
}

export async function listCampaigns(session?: UserSession): Promise<Campaign[]> {
  const { data, error } = await (session ? asUser(session) : visitorClient()).from("donation_campaigns")
    .select(
      "*",
    )
    .order("deadline");
  if (error) throw new PaymentDataError("reading campaigns", error);
  return data as Campaign[];
}

export async function getCampaign(id: string): Promise<Campaign | null> {
  if (!isUuid(id)) return null;
  const { data, error } = await visitorClient().from("donation_campaigns").select("*").eq("id", id)
    .maybeSingle();
  if (error) throw new PaymentDataError("reading a campaign", error);
  return data as Campaign | null;
}

export async function campaignDonors(id: string): Promise<Donor[]> {
  const { data, error } = await visitorClient().rpc("campaign_donors", { campaign_id: id, max_rows: 10 });
  if (error) throw new PaymentDataError("reading donors", error);
  return data as Donor[];
}

// ---------------------------------------------------------------------------------------------------
// The payer
// ---------------------------------------------------------------------------------------------------

/** Starts paying a fee at the catalogue's amount; the same request id (form) gives the same payment. */
export async function startFeePayment(
  session: UserSession,
  feeCode: string,
  requestId: string,
): Promise<string> {
  const { data, error } = await asUser(session).rpc("start_fee_payment", {
    fee_code: feeCode,
    request_id: requestId,
  });
  if (error) throw refusedOrFailed("starting a fee payment", error);
  return data as string;
}

export async function startDonation(
  session: UserSession,
  donation: { campaignId: string; amount: number; anonymous: boolean; requestId: string },
): Promise<string> {
  const { data, error } = await asUser(session).rpc("start_donation", {
    campaign_id: donation.campaignId,
    amount: donation.amount,
    donor_anonymous: donation.anonymous,
    request_id: donation.requestId,
  });
  if (error) throw refusedOrFailed("starting a donation", error);
  return data as string;
}

/** The `bkash` function as the signed-in person; refusals become messages. */
async function callBkash(
  session: UserSession,
  route: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(`${config.supabaseUrl}/functions/v1/bkash/${route}`, {
      method: "POST",
      headers: {
        apikey: config.supabaseAnonKey,
        authorization: `Bearer ${session.accessToken}`,
        "content-type": "application/json",
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new PaymentRefused("payments.error.bkash_unavailable", 503);
  }
  const answer = await response.json().catch(() => ({}));
  if (response.ok) return answer;
  if (response.status === 404) throw new PaymentRefused("payments.error.not_found", 404);
  if (response.status === 403) throw new PaymentRefused("payments.error.forbidden", 403);
  if (response.status === 409) throw new PaymentRefused("payments.error.busy", 409);
  throw new PaymentRefused("payments.error.bkash_unavailable", 503);
}

/** bKash's checkout page for the person's payment (created once, however often asked). */
export async function checkoutUrl(session: UserSession, paymentId: string): Promise<string> {
  const { bkashURL } = await callBkash(session, "create", { payment_id: paymentId });
  return String(bkashURL);
}

/** Asks bKash again where the payment is (the result page's "check again"). */
export async function settlePayment(session: UserSession, paymentId: string): Promise<void> {
  await callBkash(session, "status", { payment_id: paymentId });
}

/**
 * A super admin asks bKash about a payment: its transaction (searchTransaction) once it has one, else where
 * bKash has it (payment/status, which settles it as the payer's "check again" does). The bkash function
 * records bKash's answer as an event of the payment.
 */
export async function checkWithBkash(
  session: UserSession,
  payment: Pick<Payment, "id" | "trx_id">,
): Promise<void> {
  await callBkash(session, payment.trx_id ? "search" : "status", { payment_id: payment.id });
}

/** A super admin sends a requested refund to bKash. */
export async function sendRefund(session: UserSession, refundId: string): Promise<void> {
  await callBkash(session, "refund", { refund_id: refundId });
}

export async function myPayments(session: UserSession): Promise<Payment[]> {
  const { data, error } = await asUser(session).from("payments").select("*").eq("payer_id", session.user.id)
    .order("created_at", { ascending: false }).limit(100);
  if (error) throw new PaymentDataError("reading my payments", error);
  return data as Payment[];
}

/** A payment the person may see (their own; any for a super admin), or null. */
export async function getPayment(session: UserSession, id: string): Promise<Payment | null> {
  if (!isUuid(id)) return null;
  const { data, error } = await asUser(session).from("payments").select("*").eq("id", id).maybeSingle();
  if (error) throw new PaymentDataError("reading a payment", error);
  return data as Payment | null;
}

export async function refundsOf(session: UserSession, paymentId: string): Promise<Refund[]> {
  const { data, error } = await asUser(session).from("payment_refunds").select("*").eq(
    "payment_id",
    paymentId,
  )
    .order("created_at");
  if (error) throw new PaymentDataError("reading refunds", error);
  return data as Refund[];
}

/** Asks for a refund (super admins; the database checks the role, amount, state and window). */
export async function requestRefund(
  session: UserSession,
  refund: { paymentId: string; amount: number; reason: string; requestId: string },
): Promise<string> {
  const { data, error } = await asUser(session).rpc("request_refund", {
    payment_id: refund.paymentId,
    amount: refund.amount,
    reason: refund.reason,
    request_id: refund.requestId,
  });
  if (error) throw refusedOrFailed("requesting a refund", error);
  return data as string;
}
