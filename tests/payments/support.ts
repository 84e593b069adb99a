/**
 * What the payment tests share: starting a payment as the payer (PostgREST, their JWT), asking the `bkash`
 * function for bKash's checkout page, paying in the local sandbox, following bKash's redirect back to the
 * function, and reading the ledger as the operator.
 */
import assert from "node:assert/strict";
import { API_URL } from "../../devstack/config.ts";
import { SERVICE_ROLE_KEY } from "../../devstack/keys.ts";
import type { SignedInUser } from "../../devstack/testing/auth.ts";
import { payAtCheckout, type PayerChoices } from "../../devstack/testing/bkash.ts";
import { operator } from "../staff/support.ts";

export const FUNCTION_URL = `${API_URL}/functions/v1/bkash`;

export interface PaymentRecord {
  id: string;
  state: string;
  amount: number;
  invoice_number: string;
  trx_id: string | null;
  bkash_payment_id: string | null;
  refunded_amount: number;
  failure_code: string | null;
  outcome_from_bkash: boolean;
}

/** A call to the bkash function as `who` (their JWT), or with the given bearer token. */
export async function callFunction(
  route: string,
  body: unknown,
  who: SignedInUser | { accessToken: string },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${FUNCTION_URL}/${route}`, {
    method: "POST",
    headers: { authorization: `Bearer ${who.accessToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

export async function startFee(payer: SignedInUser, feeCode = "dncc_bulky_waste_pickup"): Promise<string> {
  const { data, error } = await payer.client.rpc("start_fee_payment", {
    fee_code: feeCode,
    request_id: crypto.randomUUID(),
  });
  assert.equal(error, null, error?.message);
  return data as string;
}

export async function checkoutUrl(payer: SignedInUser, paymentId: string): Promise<string> {
  const { status, body } = await callFunction("create", { payment_id: paymentId }, payer);
  assert.equal(status, 200, JSON.stringify(body));
  return String(body.bkashURL);
}

/** bKash's redirect back to the function's callback, followed like a browser: where the payer lands. */
export async function followCallback(callback: URL): Promise<URL> {
  const response = await fetch(callback, { redirect: "manual" });
  await response.body?.cancel();
  assert.equal(response.status, 303, `callback answered ${response.status}`);
  return new URL(response.headers.get("location")!);
}

/** Starts a fee payment and pays (or not) at the sandbox as `choices` say; returns the payment and callback. */
export async function payFee(
  payer: SignedInUser,
  choices: PayerChoices = {},
): Promise<{ paymentId: string; callback: URL }> {
  const paymentId = await startFee(payer);
  const { callback } = await payAtCheckout(await checkoutUrl(payer, paymentId), choices);
  assert.ok(callback, "the sandbox sends the payer back");
  return { paymentId, callback };
}

export async function paymentRecord(id: string): Promise<PaymentRecord> {
  const { data } = await operator.from("payments").select("*").eq("id", id).single().throwOnError();
  return data as PaymentRecord;
}

/** The payment's state changes, oldest first ("initiated", "redirected", "completed"…). */
export async function stateHistory(id: string): Promise<string[]> {
  const { data } = await operator.from("payment_events").select("to_state").eq("payment_id", id).eq(
    "kind",
    "state",
  )
    .order("id").throwOnError();
  return (data as { to_state: string }[]).map((event) => event.to_state);
}

/** The refusals recorded for a payment, or, with no payment, those of `actorId` (oldest first). */
export async function refusals(
  where: { paymentId: string } | { actorId: string },
): Promise<{ api: string; note: string; request: Record<string, unknown> | null }[]> {
  const query = operator.from("payment_events").select("api, note, request").eq("kind", "refused");
  const { data } =
    await ("paymentId" in where
      ? query.eq("payment_id", where.paymentId)
      : query.eq("actor_id", where.actorId)).order("id").throwOnError();
  return data as { api: string; note: string; request: Record<string, unknown> | null }[];
}

/** The reconciliation run a scheduler makes: the service-role key, payments older than `olderThan` s. */
export async function reconcile(olderThan = 0): Promise<Record<string, number>> {
  const { status, body } = await callFunction(
    "reconcile",
    { older_than_seconds: olderThan, max_rows: 1000 },
    {
      accessToken: SERVICE_ROLE_KEY,
    },
  );
  assert.equal(status, 200, JSON.stringify(body));
  return body as Record<string, number>;
}
