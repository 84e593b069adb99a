/**
 * One payment for super admins: what the payer sees, its whole history with bKash (every request and answer,
 * secrets removed), "check with bKash" (its transaction, or its status, asked again and the answer kept in
 * the history), and the refund form (full or partial, with a reason, within bKash's window). A refund is
 * recorded in the database first, then sent to bKash by the bkash function.
 */
import { isUuid } from "@/lib/validation.ts";
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { StaffState } from "@/lib/auth/guard.ts";
import { formatDate, localDigits, type MessageKey } from "@/lib/i18n/mod.ts";
import { toAsciiDigits } from "@/lib/i18n/format.ts";
import { readForm } from "@/lib/http/body.ts";
import { redirect } from "@/lib/http/redirect.ts";
import {
  checkWithBkash,
  getPayment,
  type Payment,
  PaymentRefused,
  type Refund,
  refundsOf,
  requestRefund,
  sendRefund,
} from "@/lib/payments/repository.ts";
import { latestBkashAnswer, type PaymentEvent, paymentEvents } from "@/lib/payments/admin.ts";
import { formatTaka } from "@/lib/payments/format.ts";
import { PaymentStateBadge } from "@/components/payments/StateBadge.tsx";
import { BUTTON_PRIMARY, BUTTON_SECONDARY, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";
import { DateTime } from "@/components/DateTime.tsx";

interface AdminPaymentData {
  payment: Payment;
  refunds: Refund[];
  events: PaymentEvent[];
  requestId: string;
  error?: MessageKey;
  /** Which form the error is about. */
  errorFor?: "check" | "refund";
  values?: { amount: string; reason: string };
}

const REFUNDABLE = new Set(["completed", "partially_refunded"]);

async function load(ctx: { state: StaffState; params: Record<string, string> }) {
  const payment = await getPayment(ctx.state.session, ctx.params.id);
  if (!payment) return null;
  const [refunds, events] = await Promise.all([
    refundsOf(ctx.state.session, payment.id),
    paymentEvents(ctx.state.session, payment.id),
  ]);
  return { payment, refunds, events, requestId: crypto.randomUUID() };
}

export const handler: Handlers<AdminPaymentData, StaffState> = {
  async GET(_req, ctx) {
    const data = await load(ctx);
    return data ? ctx.render(data) : ctx.renderNotFound();
  },

  async POST(req, ctx) {
    const data = await load(ctx);
    if (!data) return ctx.renderNotFound();
    const form = await readForm(req);
    if (form.get("action") === "check") {
      try {
        await checkWithBkash(ctx.state.session, data.payment);
      } catch (error) {
        if (error instanceof PaymentRefused) {
          return ctx.render({ ...data, error: error.messageKey, errorFor: "check" }, { status: 503 });
        }
        throw error;
      }
      return redirect(`/admin/payments/${data.payment.id}?checked=1#check`);
    }
    const values = {
      amount: String(form.get("amount") ?? "").slice(0, 20),
      reason: String(form.get("reason") ?? "").slice(0, 300),
    };
    const again = (error: MessageKey, status: number) =>
      ctx.render({ ...data, error, errorFor: "refund", values }, { status });
    const typed = toAsciiDigits(values.amount).replace(/[,\s]/g, "");
    const requestId = String(form.get("request_id") ?? "");
    if (!isUuid(requestId)) return again("error.unreadable_form", 400);
    if (!/^\d{1,9}(\.\d{1,2})?$/.test(typed)) return again("payments.error.refund_amount", 422);
    try {
      const refundId = await requestRefund(ctx.state.session, {
        paymentId: data.payment.id,
        amount: Number(typed),
        reason: values.reason.trim(),
        requestId,
      });
      await sendRefund(ctx.state.session, refundId);
    } catch (error) {
      if (error instanceof PaymentRefused) return again(error.messageKey, 422);
      throw error;
    }
    return redirect(`/admin/payments/${data.payment.id}?refund=sent`);
  },
};

function eventLine(event: PaymentEvent, t: StaffState["t"]): string {
  if (event.kind === "state") {
    return t("payments_admin.event.state", {
      from: event.from_state ? t(`payments.state.${event.from_state}`) : "—",
      to: event.to_state ? t(`payments.state.${event.to_state}`) : "—",
    });
  }
  if (event.kind === "bkash") {
    return t("payments_admin.event.bkash", {
      api: event.api ?? "",
      status: String(event.http_status ?? "—"),
    });
  }
  return t("payments_admin.event.refused", { api: event.api ?? "" });
}

export default function AdminPaymentPage({ data, state, url }: PageProps<AdminPaymentData, StaffState>) {
  const { t, locale } = state;
  const { payment } = data;
  const left = Number(payment.amount) - Number(payment.refunded_amount);
  return (
    <>
      <PageTitle
        title={t("payments_admin.detail.title", { invoice: payment.invoice_number })}
        state={state}
      />
      <PageHeading title={t("payments_admin.detail.title", { invoice: payment.invoice_number })} />
      {url.searchParams.get("refund") === "sent" && (
        <Notice kind="info">{t("payments_admin.refund.sent")}</Notice>
      )}
      <dl class="p-4 rounded-lg bg-white border border-gray-300 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
        <dt class="text-gray-700">{t("payments.receipt.state")}</dt>
        <dd>
          <PaymentStateBadge state={payment.state} label={t(`payments.state.${payment.state}`)} />
        </dd>
        <dt class="text-gray-700">{t("payments.receipt.amount")}</dt>
        <dd class="font-bold">{formatTaka(payment.amount, locale)}</dd>
        <dt class="text-gray-700">{t("payments_admin.detail.refunded_so_far")}</dt>
        <dd>{formatTaka(payment.refunded_amount, locale)}</dd>
        <dt class="text-gray-700">{t("payments_admin.filter.kind")}</dt>
        <dd>
          {t(`payments.kind.${payment.kind}`)} ·{" "}
          <span class="font-mono">{payment.fee_code ?? payment.campaign_id}</span>
        </dd>
        <dt class="text-gray-700">{t("payments.receipt.trx")}</dt>
        <dd class="font-mono break-all">{payment.trx_id ?? "—"}</dd>
        <dt class="text-gray-700">{t("payments.receipt.wallet")}</dt>
        <dd>{payment.payer_wallet ? localDigits(payment.payer_wallet, locale) : "—"}</dd>
        <dt class="text-gray-700">{t("payments.receipt.date")}</dt>
        <dd>{payment.completed_at ? formatDate(payment.completed_at, locale, "dateTime") : "—"}</dd>
      </dl>

      {data.refunds.length > 0 && (
        <section class="mt-6">
          <h2 class="text-lg font-bold">{t("payments.refunds.title")}</h2>
          <ul class="mt-2 space-y-2">
            {data.refunds.map((refund) => (
              <li class="p-3 rounded bg-white border border-gray-200">
                <span class="font-bold">{formatTaka(refund.amount, locale)}</span> ·{" "}
                {t(`payments.refunds.state.${refund.state}`)}
                {refund.refund_trx_id && <span class="font-mono">· {refund.refund_trx_id}</span>}
                <span class="block text-sm text-gray-700">{refund.reason}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {payment.bkash_payment_id && (
        <CheckWithBkash
          answer={latestBkashAnswer(data.events)}
          checked={url.searchParams.has("checked")}
          error={data.errorFor === "check" ? data.error : undefined}
          state={state}
        />
      )}

      <section aria-labelledby="refund" class="mt-6">
        <h2 id="refund" class="text-lg font-bold">{t("payments_admin.refund.title")}</h2>
        {data.error && data.errorFor === "refund" && <Notice kind="error">{t(data.error)}</Notice>}
        {REFUNDABLE.has(payment.state) && left > 0
          ? (
            <form method="post" novalidate class="mt-2 space-y-3">
              <p class="text-gray-700">
                {t("payments_admin.refund.lead", { max: formatTaka(left, locale) })}
              </p>
              <input type="hidden" name="request_id" value={data.requestId} />
              <label class="block">
                <span class="block font-bold">{t("payments_admin.refund.amount")}</span>
                <input
                  name="amount"
                  inputMode="decimal"
                  value={data.values?.amount ?? ""}
                  class="w-full min-h-[48px] px-3 rounded-md border border-gray-400"
                />
              </label>
              <label class="block">
                <span class="block font-bold">{t("payments_admin.refund.reason")}</span>
                <textarea
                  name="reason"
                  rows={2}
                  maxLength={255}
                  class="w-full px-3 py-2 rounded-md border border-gray-400"
                >
                  {data.values?.reason ?? ""}
                </textarea>
              </label>
              <button type="submit" class={BUTTON_PRIMARY}>{t("payments_admin.refund.submit")}</button>
            </form>
          )
          : <p class="mt-2 text-gray-700">{t("payments_admin.refund.not_possible")}</p>}
      </section>

      <section aria-labelledby="events" class="mt-8">
        <h2 id="events" class="text-lg font-bold">{t("payments_admin.detail.events")}</h2>
        <ol class="mt-2 space-y-2">
          {data.events.map((event) => (
            <li class="p-3 rounded bg-white border border-gray-200 text-sm">
              <DateTime at={event.at} locale={locale} class="block text-gray-700" />
              <span class="font-bold">{eventLine(event, t)}</span>
              {event.note && <span class="block text-gray-700">{event.note}</span>}
              {(event.request || event.response) && (
                <details class="mt-1">
                  <summary class="cursor-pointer">JSON</summary>
                  <pre class="mt-1 overflow-x-auto text-xs whitespace-pre-wrap break-all">{JSON.stringify({ request: event.request, response: event.response }, null, 1)}</pre>
                </details>
              )}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

/** The "check with bKash" form and bKash's latest answer to such a question (kept in the history). */
function CheckWithBkash(
  { answer, checked, error, state: { t, locale } }: {
    answer?: PaymentEvent;
    checked: boolean;
    error?: MessageKey;
    state: StaffState;
  },
) {
  const response = (answer?.response ?? {}) as Record<string, unknown>;
  const field = (name: string) => typeof response[name] === "string" ? response[name] as string : undefined;
  const amount = field("amount");
  return (
    <section aria-labelledby="check" class="mt-6">
      <h2 id="check" class="text-lg font-bold">{t("payments_admin.check.title")}</h2>
      {error && <Notice kind="error">{t(error)}</Notice>}
      {checked && !error && <Notice kind="info">{t("payments_admin.check.done")}</Notice>}
      <p class="mt-1 text-gray-700">{t("payments_admin.check.lead")}</p>
      {answer && (
        <div class="mt-2 p-3 rounded bg-white border border-gray-200">
          <h3 class="font-bold">
            {t("payments_admin.check.answer")} · <span class="font-mono text-sm">{answer.api}</span>
          </h3>
          <DateTime at={answer.at} locale={locale} class="block text-sm text-gray-700" />
          {answer.response
            ? (
              <dl class="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
                <dt class="text-gray-700">{t("payments_admin.check.status_code")}</dt>
                <dd class="font-mono">{field("statusCode") ?? "—"} {field("statusMessage") ?? ""}</dd>
                <dt class="text-gray-700">{t("payments_admin.check.transaction_status")}</dt>
                <dd class="font-mono">{field("transactionStatus") ?? "—"}</dd>
                <dt class="text-gray-700">{t("payments.receipt.amount")}</dt>
                <dd>
                  {amount && Number.isFinite(Number(amount)) ? formatTaka(Number(amount), locale) : "—"}
                </dd>
                <dt class="text-gray-700">{t("payments.receipt.trx")}</dt>
                <dd class="font-mono break-all">{field("trxID") ?? "—"}</dd>
              </dl>
            )
            : <p class="mt-1">{t("payments_admin.check.no_answer")}</p>}
        </div>
      )}
      <form method="post" class="mt-2">
        <button type="submit" name="action" value="check" class={BUTTON_SECONDARY}>
          {t("payments_admin.check.submit")}
        </button>
      </form>
    </section>
  );
}
