/**
 * A bulky pickup's fee: the amount from the fee catalogue (never from this page) and a plain form that
 * starts paying exactly that fee through bKash for this request (linked to it, so the ward office sees it
 * paid); once paid, or while a payment is on its way, it says so.
 */
import type { AppState } from "@/lib/state.ts";
import type { Fee } from "@/lib/payments/repository.ts";
import type { PickupRequest } from "@/lib/waste/repository.ts";
import { formatTaka } from "@/lib/payments/format.ts";
import { BUTTON_SECONDARY } from "@/components/ui.tsx";

export function PickupFee({ state, fee, request }: { state: AppState; fee: Fee; request: PickupRequest }) {
  const { t, locale } = state;
  if (request.fee_state === "paid") {
    return <p class="mt-2 font-bold text-green-800">{t("waste.fee_state.paid")}</p>;
  }
  return (
    <form method="post" action="/waste/pickup" class="mt-2">
      <input type="hidden" name="action" value="pay" />
      <input type="hidden" name="request" value={request.id} />
      <input type="hidden" name="request_id" value={crypto.randomUUID()} />
      <p>
        {t("waste.pickup.fee_amount", { amount: formatTaka(fee.amount, locale) })}{" "}
        {request.fee_state === "pending" && t("waste.fee_state.pending")}
      </p>
      <button type="submit" class={`${BUTTON_SECONDARY} mt-2`}>
        {request.fee_state === "pending" ? t("waste.pickup.continue_payment") : t("waste.pickup.pay_fee")}
      </button>
    </form>
  );
}
