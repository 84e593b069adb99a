/**
 * The figures behind a chart (or the ward league) as a table: a header row, one row per item with its
 * name as the row header, numbers aligned right. Its classes are the same whatever the figures, so
 * figures swapped in live are styled by the page's stylesheet.
 */
export interface TableColumn {
  header: string;
  /** Right-aligned figures. */
  numeric?: boolean;
}

export interface DataTableProps {
  /** Names the table for screen readers. */
  caption: string;
  columns: TableColumn[];
  /** Cells as shown; the first cell of each row names it. */
  rows: string[][];
  /** Shown in a single row when there are no rows. */
  empty: string;
  /** A totals row. */
  total?: string[];
  /** Makes the scrolling box focusable by keyboard (for wide tables); needs a page-unique id. */
  scrollId?: string;
}

const CELL = "px-3 py-2 border-b border-gray-200 whitespace-nowrap";
const HEAD = `${CELL} font-bold text-gray-900 bg-gray-50`;
const ROW_HEAD = `${CELL} font-normal text-gray-900 text-left`;
const FIGURE = `${CELL} text-right tabular-nums`;

const alignment = (column: TableColumn) => column.numeric ? "text-right tabular-nums" : "text-left";

export function DataTable({ caption, columns, rows, empty, total, scrollId }: DataTableProps) {
  return (
    <div
      id={scrollId}
      tabIndex={scrollId ? 0 : undefined}
      class="mt-2 overflow-x-auto rounded-lg border border-gray-200 focus:outline-none focus:ring-2 focus:ring-green-700"
    >
      <table class="w-full text-sm border-collapse">
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" class={`${HEAD} ${alignment(column)}`}>{column.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0
            ? (
              <tr>
                <td colSpan={columns.length} class={ROW_HEAD}>{empty}</td>
              </tr>
            )
            : rows.map((row) => (
              <tr>
                {row.map((cell, i) =>
                  i === 0
                    ? <th key={i} scope="row" class={ROW_HEAD}>{cell}</th>
                    : <td key={i} class={FIGURE}>{cell}</td>
                )}
              </tr>
            ))}
        </tbody>
        {total && (
          <tfoot>
            <tr>
              {total.map((cell, i) =>
                i === 0
                  ? <th key={i} scope="row" class={`${HEAD} text-left`}>{cell}</th>
                  : <td key={i} class={`${HEAD} text-right tabular-nums`}>{cell}</td>
              )}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
