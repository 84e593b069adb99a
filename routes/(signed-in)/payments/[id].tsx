/**
 * One payment: where it stands after bKash sent the payer back (the result page), and once paid its
 * printable Bengali receipt with bKash's TrxID and our invoice number. Asking bKash again, or going on to
 * bKash for a payment not yet made, are plain form posts.
 */
import type { Handlers, PageProps } from "$fresh/server.ts";
import { Head } from "$fresh/runtime.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { localDigits, type MessageKey } from "@/lib/i18n/mod.ts";
import { readForm } from "@/lib/http/body.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { HttpError } from "@/lib/http/errors.ts";
import {
  type Campaign,
  type Fee,
  getPayment,
  listCampaigns,
  listFees,
  type Payment,
  PaymentRefused,
  type Refund,
  refundsOf,
  settlePayment,
} from "@/lib/payments/repository.ts";
import { formatTaka, paymentPurpose } from "@/lib/payments/format.ts";
import { redirectToBkash } from "@/lib/payments/checkout.ts";
import { CATALOGUES } from "@/lib/i18n/catalogues.ts";
import { PaymentStateBadge } from "@/components/payments/StateBadge.tsx";
import PrintButton from "@/islands/PrintButton.tsx";
import { BUTTON_PRIMARY, BUTTON_SECONDARY, LINK, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";
import { DateTime } from "@/components/DateTime.tsx";

interface PaymentPageData {
  payment: Payment;
  purpose: string;
  refunds: Refund[];
  problem?: MessageKey;
}

const PAID = new Set(["completed", "refund_requested", "partially_refunded", "refunded"]);

/** Only the payment messages may come back in the address (nothing else is reflected). */
function problemFrom(url: URL): MessageKey | undefined {
  const key = url.searchParams.get("problem");
  return key?.startsWith("payments.error.") && key in CATALOGUES.bn ? key as MessageKey : undefined;
}

export const handler: Handlers<PaymentPageData, SignedInState> = {
  async GET(_req, ctx) {
    const { session, locale, t } = ctx.state;
    const payment = await getPayment(session, ctx.params.id);
    if (!payment) return ctx.renderNotFound();
    const [fees, campaigns, refunds] = await Promise.all([
      listFees(),
      listCampaigns(),
      refundsOf(session, payment.id),
    ]);
    const purpose = paymentPurpose(
      payment,
      new Map<string, Fee>(fees.map((fee) => [fee.code, fee])),
      new Map<string, Campaign>(campaigns.map((campaign) => [campaign.id, campaign])),
      locale,
      (title) => t("payments.for_campaign", { title }),
    );
    return ctx.render({ payment, purpose, refunds, problem: problemFrom(ctx.url) });
  },

  async POST(req, ctx) {
    const { session } = ctx.state;
    const payment = await getPayment(session, ctx.params.id);
    if (!payment) return ctx.renderNotFound();
    const action = (await readForm(req)).get("action");
    if (action === "continue" && (payment.state === "initiated" || payment.state === "redirected")) {
      return redirectToBkash(session, payment.id);
    }
    if (action !== "check") throw new HttpError(400, "error.unreadable_form");
    try {
      await settlePayment(session, payment.id);
    } catch (error) {
      if (!(error instanceof PaymentRefused)) throw error;
      return redirect(`/payments/${payment.id}?problem=${error.messageKey}`);
    }
    return redirect(`/payments/${payment.id}`);
  },
};

function outcomeMessage(payment: Payment): MessageKey {
  if (payment.state === "completed") return "payments.result.completed";
  if (payment.state === "failed") return "payments.result.failed";
  if (payment.state === "cancelled") return "payments.result.cancelled";
  if (payment.state === "expired") return "payments.result.expired";
  if (payment.state === "disputed") return "payments.result.disputed";
  if (PAID.has(payment.state)) return "payments.result.refunds";
  return "payments.result.pending";
}

export default function PaymentPage({ data, state }: PageProps<PaymentPageData, SignedInState>) {
  const { t, locale } = state;
  const { payment } = data;
  const paid = PAID.has(payment.state);
  const open = payment.state === "initiated" || payment.state === "redirected";
  const title = paid ? t("payments.receipt.title") : t("payments.result.title");
  const outcome = outcomeMessage(payment);
  return (
    <>
      <PageTitle title={title} state={state} />
      <Head>
        <style>
          {"@media print { header, nav, footer { display: none !important; } body { background: #fff; } }"}
        </style>
      </Head>
      <PageHeading title={title} />
      {data.problem && <Notice kind="error">{t(data.problem)}</Notice>}
      <div class="print:hidden">
        <Notice kind={payment.state === "failed" || payment.state === "expired" ? "error" : "info"}>
          {t(outcome)}
        </Notice>
      </div>

      <section aria-labelledby="receipt-title" class="p-4 rounded-lg bg-white border border-gray-300">
        <h2 id="receipt-title" class="text-lg font-bold">{t("payments.receipt.issuer")}</h2>
        <dl class="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
          <dt class="text-gray-700">{t("payments.receipt.for")}</dt>
          <dd class="font-bold">{data.purpose}</dd>
          <dt class="text-gray-700">{t("payments.receipt.amount")}</dt>
          <dd class="font-bold text-xl">{formatTaka(payment.amount, locale)}</dd>
          <dt class="text-gray-700">{t("payments.receipt.invoice")}</dt>
          <dd class="font-mono break-all">{payment.invoice_number}</dd>
          {payment.trx_id && (
            <>
              <dt class="text-gray-700">{t("payments.receipt.trx")}</dt>
              <dd class="font-mono font-bold break-all">{payment.trx_id}</dd>
            </>
          )}
          {payment.completed_at && (
            <>
              <dt class="text-gray-700">{t("payments.receipt.date")}</dt>
              <dd>
                <DateTime at={payment.completed_at} locale={locale} />
              </dd>
            </>
          )}
          {payment.payer_wallet && (
            <>
              <dt class="text-gray-700">{t("payments.receipt.wallet")}</dt>
              <dd>{localDigits(payment.payer_wallet, locale)}</dd>
            </>
          )}
          <dt class="text-gray-700">{t("payments.receipt.state")}</dt>
          <dd>
            <PaymentStateBadge state={payment.state} label={t(`payments.state.${payment.state}`)} />
          </dd>
          {payment.refunded_amount > 0 && (
            <>
              <dt class="text-gray-700">{t("payments.receipt.refunded")}</dt>
              <dd>{formatTaka(payment.refunded_amount, locale)}</dd>
            </>
          )}
        </dl>
      </section>

      {data.refunds.length > 0 && (
        <section class="mt-4">
          <h2 class="text-lg font-bold">{t("payments.refunds.title")}</h2>
          <ul class="mt-2 space-y-1">
            {data.refunds.map((refund) => (
              <li>
                {t("payments.refunds.item", {
                  amount: formatTaka(refund.amount, locale),
                  state: t(`payments.refunds.state.${refund.state}`),
                })}
              </li>
            ))}
          </ul>
        </section>
      )}

      <div class="mt-6 flex flex-wrap gap-3 print:hidden">
        {paid && <PrintButton label={t("payments.receipt.print")} />}
        {open && (
          <form method="post">
            <button type="submit" name="action" value="continue" class={BUTTON_PRIMARY}>
              {t("payments.result.continue")}
            </button>
          </form>
        )}
        {payment.state === "redirected" && (
          <form method="post">
            <button type="submit" name="action" value="check" class={BUTTON_SECONDARY}>
              {t("payments.result.check_again")}
            </button>
          </form>
        )}
        {(payment.state === "failed" || payment.state === "cancelled" || payment.state === "expired") && (
          <a
            href={payment.kind === "fee"
              ? `/payments/new?fee=${payment.fee_code}`
              : `/campaigns/${payment.campaign_id}`}
            class={BUTTON_PRIMARY}
          >
            {t("payments.result.try_again")}
          </a>
        )}
        <a href="/payments" class={`${LINK} self-center`}>{t("payments.result.all")}</a>
      </div>
    </>
  );
}
