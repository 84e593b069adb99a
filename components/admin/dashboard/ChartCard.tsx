/**
 * A chart with its heading, an optional note and legend, and the same figures as a table the reader
 * opens below it (and screen readers reach in order).
 */
import type { ComponentChildren } from "preact";

export interface LegendItem {
  label: string;
  color: string;
  /** Drawn as a bar (default) or a line, as in the chart. */
  line?: boolean;
}

export interface ChartCardProps {
  /** Unique on the page: the heading, table and its toggle take ids from it. */
  id: string;
  title: string;
  note?: string;
  legend?: LegendItem[];
  /** "Show the figures as a table". */
  tableToggle: string;
  chart: ComponentChildren;
  table: ComponentChildren;
  /** Spans the whole row of the grid. */
  wide?: boolean;
}

export const CARD = "p-4 rounded-xl bg-white border border-gray-200 shadow-sm";
/** Small print under headings; also used for the figures' time stamp. */
export const NOTE = "mt-1 text-sm text-gray-700 leading-relaxed";

export function ChartCard({ id, title, note, legend, tableToggle, chart, table, wide }: ChartCardProps) {
  return (
    <section aria-labelledby={`${id}-heading`} class={`${CARD} min-w-0 ${wide ? "lg:col-span-2" : ""}`}>
      <h2 id={`${id}-heading`} class="text-lg font-bold text-gray-900 leading-snug">{title}</h2>
      {note && <p class={NOTE}>{note}</p>}
      {legend && (
        <ul class="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-gray-800">
          {legend.map((item) => (
            <li class="inline-flex items-center gap-2">
              <svg width="18" height="12" aria-hidden="true">
                {item.line
                  ? (
                    <line
                      x1="1"
                      x2="17"
                      y1="6"
                      y2="6"
                      stroke={item.color}
                      stroke-width="3"
                      stroke-linecap="round"
                    />
                  )
                  : <rect width="18" height="12" rx="2" fill={item.color} />}
              </svg>
              {item.label}
            </li>
          ))}
        </ul>
      )}
      <div class="mt-4">{chart}</div>
      <details id={`${id}-table`} class="mt-3">
        <summary
          id={`${id}-table-toggle`}
          class="inline-flex items-center min-h-[44px] cursor-pointer font-bold text-green-800 underline underline-offset-2 hover:text-green-900"
        >
          {tableToggle}
        </summary>
        {table}
      </details>
    </section>
  );
}
