/**
 * Where a bulky pickup's fee is paid. The request row names its fee (`fee_code`, `bulky_waste_pickup` in
 * the payments feature's fee catalogue); once that catalogue and its bKash checkout are merged, the link
 * to pay the fee for a request goes here, with the amount from the catalogue, never from this page.
 */
import type { AppState } from "@/lib/state.ts";

export function PickupFee({ state }: { state: AppState }) {
  return (
    <p class="mb-5 p-3 rounded-lg bg-amber-50 border border-amber-300 text-gray-800">
      {state.t("waste.pickup.fee")}
    </p>
  );
}
