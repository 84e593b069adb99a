/**
 * Pay a fee in two plain steps: choose a service from the catalogue (its amount shown, never typed), then
 * confirm on a page whose pay button states the amount as the database has it, and go on to bKash. Both are
 * plain forms (the choice is a GET, so `?fee=` links from receipts and the waste pages land on the
 * confirmation); the hidden request id makes a double click one payment.
 */
import { isUuid } from "@/lib/validation.ts";
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import type { MessageKey } from "@/lib/i18n/mod.ts";
import { readForm } from "@/lib/http/body.ts";
import { type Fee, listFees, PaymentRefused, startFeePayment } from "@/lib/payments/repository.ts";
import { feeName, formatTaka } from "@/lib/payments/format.ts";
import { redirectToBkash } from "@/lib/payments/checkout.ts";
import { BUTTON_PRIMARY, LINK, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";

interface PayFeeData {
  fees: Fee[];
  requestId: string;
  /** The fee being confirmed (active, from the catalogue). */
  confirming?: Fee;
  /** The fee chosen last, to check it again in the list. */
  chosen?: string;
  error?: MessageKey;
}

export const handler: Handlers<PayFeeData, SignedInState> = {
  async GET(_req, ctx) {
    const fees = await listFees();
    const chosen = ctx.url.searchParams.get("fee") ?? undefined;
    const confirming = fees.find((fee) => fee.code === chosen);
    return ctx.render({
      fees,
      requestId: crypto.randomUUID(),
      confirming,
      chosen,
      error: chosen !== undefined && !confirming ? "payments.error.unknown_fee" : undefined,
    });
  },

  async POST(req, ctx) {
    const { session } = ctx.state;
    const form = await readForm(req);
    const feeCode = String(form.get("fee") ?? "");
    const requestId = String(form.get("request_id") ?? "");
    const again = async (error: MessageKey, status: number) => {
      const fees = await listFees();
      return ctx.render({
        fees,
        requestId: crypto.randomUUID(),
        confirming: fees.find((fee) => fee.code === feeCode),
        chosen: feeCode,
        error,
      }, { status });
    };
    if (!isUuid(requestId)) return again("error.unreadable_form", 400);
    let paymentId: string;
    try {
      paymentId = await startFeePayment(session, feeCode, requestId);
    } catch (error) {
      if (error instanceof PaymentRefused) return again(error.messageKey, 422);
      throw error;
    }
    return redirectToBkash(session, paymentId);
  },
};

export default function PayFeePage({ data, state }: PageProps<PayFeeData, SignedInState>) {
  const { t, locale } = state;
  const fee = data.confirming;
  return (
    <>
      <PageTitle title={t("payments.fee.title")} state={state} />
      <PageHeading title={t("payments.fee.title")} lead={t("payments.fee.lead")} />
      {data.error && <Notice kind="error">{t(data.error)}</Notice>}
      {fee
        ? (
          <form method="post" novalidate>
            <input type="hidden" name="request_id" value={data.requestId} />
            <input type="hidden" name="fee" value={fee.code} />
            <section aria-labelledby="confirm" class="p-4 rounded-lg bg-white border border-green-700">
              <h2 id="confirm" class="text-sm text-gray-700">{t("payments.fee.confirm")}</h2>
              <p class="mt-1 text-lg font-bold text-gray-900">{feeName(fee, locale)}</p>
              <p class="text-sm text-gray-700">{t(`payments.fee.corporation.${fee.corporation}`)}</p>
              <p class="mt-2 text-3xl font-bold text-gray-900">{formatTaka(fee.amount, locale)}</p>
            </section>
            <p class="mt-3 text-sm text-gray-700">{t("payments.fee.amount_note")}</p>
            <button type="submit" class={`${BUTTON_PRIMARY} w-full mt-4`}>
              {t("payments.fee.pay_amount", { amount: formatTaka(fee.amount, locale) })}
            </button>
            <p class="mt-4 text-center">
              <a href="/payments/new" class={LINK}>{t("payments.fee.change")}</a>
            </p>
          </form>
        )
        : data.fees.length === 0
        ? <p>{t("payments.fee.none")}</p>
        : (
          <form method="get" novalidate>
            <fieldset>
              <legend class="mb-3 text-lg font-bold">{t("payments.fee.choose")}</legend>
              <ul class="space-y-2">
                {data.fees.map((fee, i) => (
                  <li>
                    <label class="flex items-start gap-3 p-3 rounded-lg bg-white border border-gray-300 has-[:checked]:border-green-700 has-[:checked]:bg-green-50">
                      <input
                        type="radio"
                        name="fee"
                        value={fee.code}
                        checked={data.chosen ? data.chosen === fee.code : i === 0}
                        class="mt-1.5 w-5 h-5 accent-green-700"
                      />
                      <span class="flex-1">
                        <span class="block font-bold text-gray-900">{feeName(fee, locale)}</span>
                        <span class="block text-sm text-gray-700">
                          {t(`payments.fee.corporation.${fee.corporation}`)}
                        </span>
                      </span>
                      <span class="font-bold text-lg text-gray-900 whitespace-nowrap">
                        {formatTaka(fee.amount, locale)}
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
            <p class="mt-3 text-sm text-gray-700">{t("payments.fee.amount_note")}</p>
            <button type="submit" class={`${BUTTON_PRIMARY} w-full mt-4`}>
              {t("payments.fee.continue")}
            </button>
          </form>
        )}
    </>
  );
}
