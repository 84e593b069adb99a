import type { PaymentState } from "@/lib/payments/repository.ts";

const STYLE: Record<PaymentState, string> = {
  initiated: "bg-gray-100 text-gray-800 border-gray-400",
  redirected: "bg-amber-50 text-amber-900 border-amber-600",
  completed: "bg-green-50 text-green-900 border-green-700",
  failed: "bg-red-50 text-red-900 border-red-700",
  cancelled: "bg-gray-100 text-gray-800 border-gray-500",
  expired: "bg-gray-100 text-gray-800 border-gray-500",
  disputed: "bg-amber-50 text-amber-900 border-amber-600",
  refund_requested: "bg-blue-50 text-blue-900 border-blue-700",
  partially_refunded: "bg-blue-50 text-blue-900 border-blue-700",
  refunded: "bg-blue-50 text-blue-900 border-blue-700",
};

/** A payment's state as a labelled badge (colour never the only sign: the label says it). */
export function PaymentStateBadge({ state, label }: { state: PaymentState; label: string }) {
  return (
    <span class={`inline-block px-2 py-0.5 rounded border text-sm font-bold ${STYLE[state]}`}>{label}</span>
  );
}
