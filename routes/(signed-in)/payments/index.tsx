/** My payments: fees and donations, newest first, each opening its result page or receipt. */
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import {
  type Campaign,
  type Fee,
  listCampaigns,
  listFees,
  myPayments,
  type Payment,
} from "@/lib/payments/repository.ts";
import { formatTaka, paymentPurpose } from "@/lib/payments/format.ts";
import { PaymentStateBadge } from "@/components/payments/StateBadge.tsx";
import { BUTTON_PRIMARY, BUTTON_SECONDARY, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";
import { DateTime } from "@/components/DateTime.tsx";

interface MyPaymentsData {
  payments: (Payment & { purpose: string })[];
}

export const handler: Handlers<MyPaymentsData, SignedInState> = {
  async GET(_req, ctx) {
    const { session, locale, t } = ctx.state;
    const [payments, fees, campaigns] = await Promise.all([myPayments(session), listFees(), listCampaigns()]);
    const feeMap = new Map<string, Fee>(fees.map((fee) => [fee.code, fee]));
    const campaignMap = new Map<string, Campaign>(campaigns.map((campaign) => [campaign.id, campaign]));
    const label = (title: string) => t("payments.for_campaign", { title });
    return ctx.render({
      payments: payments.map((payment) => ({
        ...payment,
        purpose: paymentPurpose(payment, feeMap, campaignMap, locale, label),
      })),
    });
  },
};

export default function MyPaymentsPage({ data, state, url }: PageProps<MyPaymentsData, SignedInState>) {
  const { t, locale } = state;
  return (
    <>
      <PageTitle title={t("payments.title")} state={state} />
      <PageHeading title={t("payments.title")} lead={t("payments.lead")} />
      {url.searchParams.has("unknown") && <Notice kind="error">{t("payments.unknown_return")}</Notice>}
      <div class="mb-6 flex flex-wrap gap-3">
        <a href="/payments/new" class={BUTTON_PRIMARY}>{t("payments.pay_fee")}</a>
        <a href="/campaigns" class={BUTTON_SECONDARY}>{t("payments.donate")}</a>
      </div>
      {data.payments.length === 0
        ? <p class="p-4 rounded-lg bg-white border border-gray-200">{t("payments.empty")}</p>
        : (
          <ul class="space-y-3">
            {data.payments.map((payment) => (
              <li>
                <a
                  href={`/payments/${payment.id}`}
                  class="block p-4 rounded-lg bg-white border border-gray-200 hover:border-green-700"
                >
                  <div class="flex items-center justify-between gap-2">
                    <PaymentStateBadge state={payment.state} label={t(`payments.state.${payment.state}`)} />
                    <span class="font-bold">{formatTaka(payment.amount, locale)}</span>
                  </div>
                  <p class="mt-2 font-bold text-gray-900">{payment.purpose}</p>
                  <p class="text-sm text-gray-700">
                    <DateTime at={payment.created_at} locale={locale} />
                    {" · "}
                    <span class="font-mono">{payment.invoice_number}</span>
                  </p>
                </a>
              </li>
            ))}
          </ul>
        )}
    </>
  );
}
