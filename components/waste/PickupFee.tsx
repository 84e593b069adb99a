/**
 * A bulky pickup's fee and the way to pay it: the amount from the fee catalogue (never from this page) and
 * a link to pay exactly that fee through bKash.
 */
import type { AppState } from "@/lib/state.ts";
import type { Fee } from "@/lib/payments/repository.ts";
import { formatTaka } from "@/lib/payments/format.ts";
import { LINK } from "@/components/ui.tsx";

export function PickupFee({ state, fee }: { state: AppState; fee: Fee }) {
  const { t, locale } = state;
  return (
    <p class="mt-2">
      {t("waste.pickup.fee_amount", { amount: formatTaka(fee.amount, locale) })}{" "}
      <a href={`/payments/new?${new URLSearchParams({ fee: fee.code })}`} class={LINK}>
        {t("waste.pickup.pay_fee")}
      </a>
    </p>
  );
}
