/**
 * What the `bkash` function does with bKash's answers: the payment ledger's side of create, callback,
 * execute, status, refund and reconciliation. Rules, whoever calls:
 *
 * - A payment is completed only when `execute` or `payment/status` answers statusCode "0000" and
 *   transactionStatus "Completed" with our amount and invoice number; the callback's `status` is a hint.
 * - Reconciliation executes too: bKash completes only what the payer authorised with their PIN. It also asks
 *   about payments failed or cancelled on the callback's word alone, for as long as bKash keeps the
 *   paymentID: a forged or early cancel followed by a payment in another tab still ends completed.
 * - When `execute` gives no usable answer or says it was already executed (2062, 2117) or not executable
 *   (2056), `payment/status` decides. Recording a completion twice changes nothing (the database checks the
 *   trxID), so replayed callbacks, double clicks, two tabs and reconciliation all end in one completion.
 */
import type { SupabaseClient } from "@supabase/supabase-js";
import { type BkashAnswer, type BkashClient, BkashUnreachable } from "../_shared/bkash-client.ts";

export interface PaymentRow {
  id: string;
  invoice_number: string;
  payer_id: string;
  amount: number;
  state: string;
  bkash_payment_id: string | null;
  bkash_url: string | null;
  trx_id: string | null;
  outcome_from_bkash: boolean;
  created_at: string;
  updated_at: string;
}

export interface RefundRow {
  id: string;
  payment_id: string;
  amount: number;
  reason: string;
  state: string;
}

/** bKash forgets a payment that was never executed after 24 hours; so do we. */
const PAYMENT_LIFETIME_MS = 24 * 3600_000;
/** A payment bKash never created (the create call failed without an answer) is given up after this. */
const UNCREATED_LIFETIME_MS = 15 * 60_000;
export const SETTLED = new Set(["completed", "refund_requested", "partially_refunded", "refunded"]);
/** States the callback alone may have set (outcome_from_bkash false): still worth asking bKash about. */
const UNCONFIRMED = new Set(["failed", "cancelled"]);

export type CallbackStatus = "success" | "failure" | "cancel";

export class LedgerError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** Taka as bKash writes amounts: "500.00". */
export const bkashAmount = (amount: number) => Number(amount).toFixed(2);

export class Ledger {
  constructor(private readonly db: SupabaseClient, private readonly bkash: BkashClient) {}

  async payment(id: string): Promise<PaymentRow | null> {
    const { data, error } = await this.db.from("payments").select("*").eq("id", id).maybeSingle();
    if (error) throw new Error(`reading payment ${id}: ${error.message}`);
    return data as PaymentRow | null;
  }

  async paymentByBkashId(bkashPaymentId: string): Promise<PaymentRow | null> {
    const { data, error } = await this.db.from("payments").select("*").eq("bkash_payment_id", bkashPaymentId)
      .maybeSingle();
    if (error) throw new Error(`reading payment ${bkashPaymentId}: ${error.message}`);
    return data as PaymentRow | null;
  }

  async refused(
    what: string,
    note: string,
    paymentId?: string,
    request?: Record<string, unknown>,
  ): Promise<void> {
    await this.#rpc("bkash_log_event", {
      payment_id: paymentId ?? null,
      refund_id: null,
      kind: "refused",
      api: what,
      http_status: null,
      request: request ?? null,
      response: null,
      note,
    });
  }

  /**
   * bKash's checkout page for an initiated payment: creates the bKash payment once (a second request meanwhile
   * waits for the first one's answer) and returns the same page to every later request.
   */
  async checkoutUrl(payment: PaymentRow, callbackURL: string): Promise<string> {
    if (payment.bkash_url && payment.state === "redirected") return payment.bkash_url;
    if (payment.state !== "initiated") throw new LedgerError(409, `payment is ${payment.state}`);
    const claimed = await this.#rpc("bkash_claim_create", { payment_id: payment.id });
    if (!claimed) return await this.#awaitCheckoutUrl(payment.id);
    const answer = await this.bkash.create({
      amount: bkashAmount(payment.amount),
      merchantInvoiceNumber: payment.invoice_number,
      payerReference: payment.invoice_number,
      callbackURL,
    }, { paymentId: payment.id });
    if (
      answer.statusCode !== "0000" || typeof answer.paymentID !== "string" ||
      typeof answer.bkashURL !== "string"
    ) {
      await this.#rpc("bkash_record_unsuccessful", {
        payment_id: payment.id,
        outcome: "failed",
        failure_code: answer.statusCode ?? null,
        failure_message: answer.statusMessage ?? null,
        from_bkash: true,
      });
      throw new LedgerError(502, `bKash refused to create the payment: ${answer.statusCode}`);
    }
    const recorded = await this.#rpc("bkash_record_created", {
      payment_id: payment.id,
      bkash_payment_id: answer.paymentID,
      bkash_url: answer.bkashURL,
    }) as PaymentRow | null;
    if (!recorded?.bkash_url) throw new LedgerError(409, "the payment changed meanwhile");
    return recorded.bkash_url;
  }

  async #awaitCheckoutUrl(paymentId: string): Promise<string> {
    for (let attempt = 0; attempt < 30; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const current = await this.payment(paymentId);
      if (current?.bkash_url && current.state === "redirected") return current.bkash_url;
      if (current?.state !== "initiated") break;
    }
    throw new LedgerError(409, "the payment is being created by another request");
  }

  /**
   * Settles a payment with bKash: after the payer's callback (`hint`), when they (or a super admin, `actorId`)
   * ask again, or by reconciliation (no hint). Returns the payment as recorded afterwards.
   */
  async settle(payment: PaymentRow, hint?: CallbackStatus, actorId?: string): Promise<PaymentRow> {
    if (SETTLED.has(payment.state)) return payment;
    const age = Date.now() - Date.parse(payment.created_at);
    if (!payment.bkash_payment_id) {
      if (payment.state === "initiated" && age > UNCREATED_LIFETIME_MS) {
        return await this.#unsuccessful(payment, "expired", "expired", "never sent to bKash");
      }
      return payment;
    }
    const context = { paymentId: payment.id, actorId };
    // Only the callback said it failed or was cancelled: bKash may still take the money.
    const uncertain = payment.state === "redirected" ||
      (UNCONFIRMED.has(payment.state) && !payment.outcome_from_bkash);
    // Execute when the payer says they paid (a later success wins over an earlier cancel or failure: only
    // bKash's answer counts), and when nobody says anything (reconciliation, "check again"): a payer who
    // authorised the payment but never came back still gets it completed. bKash executes only what the payer
    // authorised (else 2056).
    if (hint === "success" || (!hint && uncertain)) {
      let executed: BkashAnswer | undefined;
      try {
        executed = await this.bkash.execute(payment.bkash_payment_id, context);
      } catch (error) {
        if (!(error instanceof BkashUnreachable)) throw error;
      }
      if (executed?.statusCode === "0000" && executed.transactionStatus === "Completed") {
        return await this.#completeIfMatching(payment, executed);
      }
      // No answer, or "already executed"/"not executable": bKash's status decides.
    }
    let status: BkashAnswer;
    try {
      status = await this.bkash.status(payment.bkash_payment_id, context);
    } catch (error) {
      if (error instanceof BkashUnreachable) return payment; // reconciliation will ask again
      throw error;
    }
    if (status.statusCode !== "0000") return payment;
    switch (status.transactionStatus) {
      case "Completed":
        return await this.#completeIfMatching(payment, status);
      case "Failed":
        return await this.#unsuccessful(payment, "failed", "failed", "failed at bKash", true);
      case "Cancelled":
        return await this.#unsuccessful(payment, "cancelled", "cancel", "cancelled by the payer", true);
      case "Expired":
        return await this.#unsuccessful(payment, "expired", "expired", "expired at bKash", true);
      default: // Initiated: the payer has not paid (yet); the callback's word is recorded as such
        if (hint === "cancel") {
          return await this.#unsuccessful(payment, "cancelled", "cancel", "the payer's callback said cancel");
        }
        if (hint === "failure") {
          return await this.#unsuccessful(payment, "failed", "failure", "the payer's callback said failure");
        }
        if (!hint && age > PAYMENT_LIFETIME_MS) {
          return await this.#unsuccessful(payment, "expired", "expired", "not paid within 24 hours");
        }
        return payment;
    }
  }

  async #completeIfMatching(payment: PaymentRow, answer: BkashAnswer): Promise<PaymentRow> {
    const matches = answer.amount === bkashAmount(payment.amount) &&
      answer.merchantInvoiceNumber === payment.invoice_number && typeof answer.trxID === "string";
    if (!matches) {
      const reason = "bKash's amount, invoice or trxID does not match ours";
      await this.refused("complete", reason, payment.id, {
        amount: answer.amount,
        merchantInvoiceNumber: answer.merchantInvoiceNumber,
        trxID: answer.trxID,
      });
      // Not ours to settle, and asking again would only get the same answer: staff take it up with bKash.
      return await this.#rpc("bkash_record_disputed", {
        payment_id: payment.id,
        failure_message: reason,
      }) as PaymentRow;
    }
    return await this.#rpc("bkash_record_completed", {
      payment_id: payment.id,
      trx_id: answer.trxID,
      amount: Number(answer.amount),
      invoice_number: answer.merchantInvoiceNumber,
      payer_wallet: typeof answer.customerMsisdn === "string" ? answer.customerMsisdn : null,
      executed_at: parseBkashTime(answer.paymentExecuteTime),
    }) as PaymentRow;
  }

  async #unsuccessful(
    payment: PaymentRow,
    outcome: string,
    code: string,
    message: string,
    fromBkash = false,
  ): Promise<PaymentRow> {
    return await this.#rpc("bkash_record_unsuccessful", {
      payment_id: payment.id,
      outcome,
      failure_code: code,
      failure_message: message,
      from_bkash: fromBkash,
    }) as PaymentRow;
  }

  /** Sends a requested refund to bKash and records its answer; a refund already settled is returned as is. */
  async refund(refundId: string, actorId?: string): Promise<RefundRow> {
    const { data: refund, error } = await this.db.from("payment_refunds").select("*").eq("id", refundId)
      .maybeSingle();
    if (error) throw new Error(`reading refund ${refundId}: ${error.message}`);
    if (!refund) throw new LedgerError(404, "no such refund");
    if (refund.state !== "requested") return refund as RefundRow;
    const payment = (await this.payment(refund.payment_id))!;
    const ids = { paymentID: payment.bkash_payment_id!, trxID: payment.trx_id! };
    const context = { paymentId: payment.id, refundId: refund.id, actorId };
    let answer: BkashAnswer | undefined;
    try {
      answer = await this.bkash.refund({
        ...ids,
        amount: bkashAmount(refund.amount),
        sku: refund.id,
        reason: refund.reason.slice(0, 255),
      }, context);
    } catch (error) {
      if (!(error instanceof BkashUnreachable)) throw error;
    }
    if (!answer || answer.statusCode === "2029") {
      // No answer, or bKash already has this one: ask what it did.
      try {
        const last = await this.bkash.refundStatus(ids, context);
        if (last.statusCode === "0000" && last.sku === refund.id) answer = last;
      } catch (error) {
        if (!(error instanceof BkashUnreachable)) throw error;
      }
      if (!answer || answer.statusCode !== "0000") return refund as RefundRow; // reconciliation asks again
    }
    const completed = answer.statusCode === "0000" && answer.transactionStatus === "Completed" &&
      typeof answer.refundTrxID === "string";
    return await this.#rpc("bkash_record_refund", {
      refund_id: refund.id,
      outcome: completed ? "completed" : "failed",
      refund_trx_id: completed ? answer.refundTrxID : null,
      failure_code: completed ? null : answer.statusCode ?? null,
      failure_message: completed ? null : answer.statusMessage ?? null,
    }) as RefundRow;
  }

  /** bKash's record of a transaction, for super admins checking a receipt. */
  async search(payment: PaymentRow, actorId?: string): Promise<BkashAnswer> {
    if (!payment.trx_id) throw new LedgerError(409, "the payment has no bKash transaction");
    return await this.bkash.search(payment.trx_id, { paymentId: payment.id, actorId });
  }

  /**
   * Settles the oldest `maxRows` payments and refunds left unsettled longer than `olderThanSeconds`, one after
   * another (each takes one to three calls to bKash: a run must end within the function's time limit).
   */
  async reconcile(olderThanSeconds: number, maxRows: number): Promise<Record<string, number>> {
    const rows = await this.#rpc("bkash_unsettled", {
      older_than_seconds: olderThanSeconds,
      max_rows: maxRows,
    }) as {
      payment_id: string;
      refund_id: string | null;
    }[];
    const outcome: Record<string, number> = { checked: rows.length };
    for (const row of rows) {
      let state: string;
      if (row.refund_id) {
        state = `refund_${(await this.refund(row.refund_id)).state}`;
      } else {
        const payment = await this.payment(row.payment_id);
        const before = payment!.state;
        const after = (await this.settle(payment!)).state;
        state = after === before ? "unchanged" : after;
      }
      outcome[state] = (outcome[state] ?? 0) + 1;
    }
    return outcome;
  }

  async #rpc(name: string, args: Record<string, unknown>): Promise<unknown> {
    const { data, error } = await this.db.rpc(name, args);
    if (error) throw new Error(`${name}: ${error.message}`);
    return data;
  }
}

/** bKash's `2026-12-03T14:05:09:123 GMT+0600` as ISO 8601, or null when it is not that. */
export function parseBkashTime(value: unknown): string | null {
  const match = typeof value === "string" &&
    /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}):(\d{3}) GMT([+-]\d{2})(\d{2})$/.exec(value);
  if (!match) return null;
  return new Date(`${match[1]}.${match[2]}${match[3]}:${match[4]}`).toISOString();
}
