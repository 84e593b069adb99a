/** The headline figures as tiles: a label, a big number in the reader's digits, and what it counts. */
export interface Kpi {
  label: string;
  value: string;
  note: string;
  /** Drawn in red: a figure that wants attention whatever its size (overdue). */
  alarm?: boolean;
}

export function KpiTiles({ label, items }: { label: string; items: Kpi[] }) {
  return (
    <ul aria-label={label} class="grid grid-cols-2 sm:grid-cols-4 xl:grid-cols-8 gap-3">
      {items.map((item) => (
        <li
          class={`p-3 rounded-xl border shadow-sm ${
            item.alarm ? "bg-red-50 border-red-200" : "bg-white border-gray-200"
          }`}
        >
          <p class="text-sm font-bold text-gray-800 leading-snug">{item.label}</p>
          <p class={`mt-1 text-3xl font-bold tabular-nums ${item.alarm ? "text-red-800" : "text-gray-900"}`}>
            {item.value}
          </p>
          <p class="mt-0.5 text-xs text-gray-600 leading-snug">{item.note}</p>
        </li>
      ))}
    </ul>
  );
}
