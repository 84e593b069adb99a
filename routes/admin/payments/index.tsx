/**
 * Every payment (super admins): filters in the address, the count and net taka, CSV of the same set; 200 a
 * page, newest first, the next page going on after the last payment shown (`after`, keyset paging).
 */
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { StaffState } from "@/lib/auth/guard.ts";
import { formatNumber } from "@/lib/i18n/mod.ts";
import { isUuid } from "@/lib/validation.ts";
import { type Payment, PAYMENT_STATES } from "@/lib/payments/repository.ts";
import {
  filterQuery,
  listAllPayments,
  PAGE_ROWS,
  type PaymentFilters,
  paymentKey,
  readPaymentFilters,
} from "@/lib/payments/admin.ts";
import { formatTaka } from "@/lib/payments/format.ts";
import { PaymentStateBadge } from "@/components/payments/StateBadge.tsx";
import { INPUT_SMALL, LabelledControl } from "@/components/FormField.tsx";
import { BUTTON_PRIMARY, BUTTON_SECONDARY, LINK, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";
import { DateTime } from "@/components/DateTime.tsx";

interface PaymentsAdminData {
  filters: PaymentFilters;
  ok: boolean;
  payments: Payment[];
  count: number;
  netPaid: number;
  /** Whether this is a later page. */
  paged: boolean;
  /** The last payment shown, when more follow. */
  next?: string;
}

export const handler: Handlers<PaymentsAdminData, StaffState> = {
  async GET(_req, ctx) {
    const { session } = ctx.state;
    const { filters, ok } = readPaymentFilters(ctx.url.searchParams);
    const afterId = ctx.url.searchParams.get("after");
    const from = afterId && isUuid(afterId) ? await paymentKey(session, afterId) : undefined;
    if (!ok || (afterId && !from)) {
      return ctx.render({ filters: {}, ok: false, payments: [], count: 0, netPaid: 0, paged: false }, {
        status: 400,
      });
    }
    return ctx.render({
      filters,
      ok,
      paged: !!from,
      ...await listAllPayments(session, filters, from ?? undefined),
    });
  },
};

export default function PaymentsAdminPage({ data, state }: PageProps<PaymentsAdminData, StaffState>) {
  const { t, locale } = state;
  const { filters } = data;
  return (
    <>
      <PageTitle title={t("payments_admin.title")} state={state} />
      <PageHeading title={t("payments_admin.title")} lead={t("payments_admin.lead")} />
      {!data.ok && <Notice kind="error">{t("payments_admin.filter.bad")}</Notice>}
      <form method="get" class="grid grid-cols-2 md:grid-cols-5 gap-3 items-end mb-4">
        <LabelledControl small label={t("payments_admin.filter.state")}>
          <select name="state" class={INPUT_SMALL}>
            <option value="">{t("payments_admin.filter.any")}</option>
            {PAYMENT_STATES.map((value) => (
              <option value={value} selected={filters.state === value}>{t(`payments.state.${value}`)}</option>
            ))}
          </select>
        </LabelledControl>
        <LabelledControl small label={t("payments_admin.filter.kind")}>
          <select name="kind" class={INPUT_SMALL}>
            <option value="">{t("payments_admin.filter.any")}</option>
            <option value="fee" selected={filters.kind === "fee"}>{t("payments.kind.fee")}</option>
            <option value="donation" selected={filters.kind === "donation"}>
              {t("payments.kind.donation")}
            </option>
          </select>
        </LabelledControl>
        <LabelledControl small label={t("payments_admin.filter.from")}>
          <input type="date" name="from" value={filters.from ?? ""} class={INPUT_SMALL} />
        </LabelledControl>
        <LabelledControl small label={t("payments_admin.filter.to")}>
          <input type="date" name="to" value={filters.to ?? ""} class={INPUT_SMALL} />
        </LabelledControl>
        <LabelledControl small class="col-span-2 md:col-span-1" label={t("payments_admin.filter.search")}>
          <input name="q" value={filters.q ?? ""} class={INPUT_SMALL} autoComplete="off" />
        </LabelledControl>
        <button type="submit" class={`${BUTTON_PRIMARY} col-span-2 md:col-span-1`}>
          {t("payments_admin.filter.show")}
        </button>
      </form>
      <div class="mb-4 flex flex-wrap gap-3 items-center justify-between">
        <p class="font-bold" role="status">
          {t("payments_admin.total", {
            count: formatNumber(data.count, locale),
            amount: formatTaka(data.netPaid, locale),
          })}
        </p>
        <a href={`/admin/payments/export?${filterQuery(filters)}`} class={BUTTON_SECONDARY} download>
          {t("payments_admin.export")}
        </a>
      </div>
      {data.payments.length === 0 ? <p>{t("payments_admin.empty")}</p> : (
        <ul class="space-y-2">
          {data.payments.map((payment) => (
            <li>
              <a
                href={`/admin/payments/${payment.id}`}
                class="block p-3 rounded-lg bg-white border border-gray-200 hover:border-green-700"
              >
                <span class="flex flex-wrap items-center justify-between gap-2">
                  <PaymentStateBadge state={payment.state} label={t(`payments.state.${payment.state}`)} />
                  <span class="font-bold">{formatTaka(payment.amount, locale)}</span>
                </span>
                <span class="block mt-1 font-mono text-sm break-all">
                  {payment.invoice_number}
                  {payment.trx_id ? ` · ${payment.trx_id}` : ""}
                </span>
                <span class="block text-sm text-gray-700">
                  {t(`payments.kind.${payment.kind}`)} · <DateTime at={payment.created_at} locale={locale} />
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {(data.next || data.paged) && (
        <nav aria-label={t("payments_admin.page.label")} class="mt-4 flex flex-wrap gap-3">
          {data.paged && (
            <a href={`/admin/payments?${filterQuery(filters)}`} class={BUTTON_SECONDARY}>
              {t("payments_admin.page.first")}
            </a>
          )}
          {data.next && (
            <a
              href={`/admin/payments?${
                [filterQuery(filters), `after=${data.next}`].filter(Boolean).join("&")
              }`}
              class={BUTTON_SECONDARY}
              rel="next"
            >
              {t("payments_admin.page.next", { count: formatNumber(PAGE_ROWS, locale) })}
            </a>
          )}
        </nav>
      )}
      <p class="mt-6 flex gap-4">
        <a href="/admin/fees" class={LINK}>{t("payments_admin.nav.fees")}</a>
        <a href="/admin/campaigns" class={LINK}>{t("payments_admin.nav.campaigns")}</a>
      </p>
    </>
  );
}
