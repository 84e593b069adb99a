/**
 * A chart with its heading, an optional note and legend, and the same figures as a table the reader
 * opens below it (and screen readers reach in order).
 */
import type { ComponentChildren } from "preact";
import type { ChartProps } from "@/lib/charts/frame.tsx";
import { DataTable, type DataTableProps } from "./DataTable.tsx";

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
  /** Draws the chart with the id and accessible name given. */
  chart: (named: ChartProps) => ComponentChildren;
  /** The chart's figures; the table is named by the title. */
  table: Omit<DataTableProps, "caption" | "empty">;
  words: CardWords;
  /** Spans the whole row of the grid. */
  wide?: boolean;
}

/** The words every card uses. */
export interface CardWords {
  /** "Show the figures as a table". */
  tableToggle: string;
  /** Said by a table (and a chart) with nothing to show. */
  empty: string;
  /** A chart's accessible name from its card's title ("…: chart; the figures are in the table below"). */
  describe: (title: string) => string;
}

export const CARD = "p-4 rounded-xl bg-white border border-gray-200 shadow-sm";
/** Small print under headings; also used for the figures' time stamp. */
export const NOTE = "mt-1 text-sm text-gray-700 leading-relaxed";

export function ChartCard({ id, title, note, legend, chart, table, words, wide }: ChartCardProps) {
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
      <div class="mt-4">{chart({ id: `${id}-chart`, title: words.describe(title) })}</div>
      <details id={`${id}-table`} class="mt-3">
        <summary
          id={`${id}-table-toggle`}
          class="inline-flex items-center min-h-[44px] cursor-pointer font-bold text-green-800 underline underline-offset-2 hover:text-green-900"
        >
          {words.tableToggle}
        </summary>
        <DataTable caption={title} empty={words.empty} {...table} />
      </details>
    </section>
  );
}
