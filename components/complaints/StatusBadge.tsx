/** A complaint's status as a coloured label: the words carry the meaning, the colour only helps. */
import type { ComplaintStatus } from "@/lib/complaints/model.ts";

const STYLES: Record<ComplaintStatus, string> = {
  submitted: "bg-blue-100 text-blue-900 border-blue-300",
  in_progress: "bg-amber-100 text-amber-900 border-amber-300",
  resolved: "bg-green-100 text-green-900 border-green-300",
  closed: "bg-gray-200 text-gray-800 border-gray-300",
  rejected: "bg-red-100 text-red-900 border-red-300",
};

export function StatusBadge({ status, label }: { status: ComplaintStatus; label: string }) {
  return (
    <span
      class={`inline-block px-2.5 py-0.5 rounded-full border text-sm font-bold whitespace-nowrap ${
        STYLES[status]
      }`}
      data-status={status}
    >
      {label}
    </span>
  );
}
