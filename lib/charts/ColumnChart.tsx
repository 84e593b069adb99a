/**
 * A column per day (or any sequence), with an optional line for a second series over the same axis:
 * received as columns, resolved as a line. The columns and line are drawn in a nested SVG whose viewBox
 * is the data itself (one unit per column, the axis top in height) stretched to the chart's width, so
 * any number of days fills any width; grid labels and dates stay in pixels around it.
 */
import { ChartFrame, type ChartProps, GRID, Label, MUTED_INK, SMALL_FONT_SIZE } from "./frame.tsx";
import { axisFor } from "./scale.ts";

export interface Column {
  value: number;
  /** The second series at this column, drawn as the line. */
  line?: number;
  /** Its short name under the axis (the first, middle and last columns show theirs). */
  label: string;
  /** Read out and shown as the column's tooltip, e.g. "২৯ নভেম্বর: নতুন ৭, সমাধান ২". */
  description: string;
}

export interface ColumnChartProps extends ChartProps {
  columns: Column[];
  color: string;
  lineColor: string;
  /** Tick values in the locale's digits. */
  formatTick: (value: number) => string;
}

const TOP = 14;
const PLOT_HEIGHT = 170;
const AXIS_LABEL_SPACE = 24;
/** Each side of a column, in column widths, when there are few columns; none at all for many. */
const gapFor = (columns: number) => columns > 120 ? 0 : columns > 45 ? 0.1 : 0.18;

export function ColumnChart(
  { id, title, columns, color, lineColor, formatTick }: ColumnChartProps,
) {
  const axis = axisFor(Math.max(0, ...columns.flatMap((column) => [column.value, column.line ?? 0])));
  const y = (value: number) => TOP + PLOT_HEIGHT - (value / axis.top) * PLOT_HEIGHT;
  const gap = gapFor(columns.length);
  const linePoints = columns.every((column) => column.line !== undefined) && columns.length > 1
    ? columns.map((column, i) => `${i + 0.5},${axis.top - column.line!}`).join(" ")
    : null;
  return (
    <ChartFrame id={id} title={title} height={TOP + PLOT_HEIGHT + AXIS_LABEL_SPACE}>
      {axis.ticks.map((tick) => (
        <line x1={0} x2="100%" y1={y(tick)} y2={y(tick)} stroke={GRID} stroke-width={1} />
      ))}
      <svg
        x={0}
        y={TOP}
        width="100%"
        height={PLOT_HEIGHT}
        viewBox={`0 0 ${Math.max(columns.length, 1)} ${axis.top}`}
        preserveAspectRatio="none"
      >
        {columns.map((column, i) => (
          <rect
            x={i + gap}
            y={axis.top - column.value}
            width={1 - 2 * gap}
            height={column.value}
            fill={color}
          >
            <title>{column.description}</title>
          </rect>
        ))}
        {linePoints && (
          <polyline
            points={linePoints}
            fill="none"
            stroke={lineColor}
            stroke-width={2.5}
            stroke-linejoin="round"
            vector-effect="non-scaling-stroke"
          />
        )}
      </svg>
      {axis.ticks.slice(1).map((tick) => (
        <Label x={2} y={y(tick) - 3} size={SMALL_FONT_SIZE} color={MUTED_INK}>{formatTick(tick)}</Label>
      ))}
      <line x1={0} x2="100%" y1={y(0)} y2={y(0)} stroke={MUTED_INK} stroke-width={1} />
      {axisLabels(columns).map(({ x, anchor, text }) => (
        <Label x={x} y={TOP + PLOT_HEIGHT + 17} anchor={anchor} size={SMALL_FONT_SIZE} color={MUTED_INK}>
          {text}
        </Label>
      ))}
    </ChartFrame>
  );
}

/** The first column's label at the left edge, the last one's at the right, and the middle one's under it. */
function axisLabels(columns: Column[]) {
  const count = columns.length;
  const labels: { x: string; anchor: "start" | "middle" | "end"; text: string }[] = [];
  if (count > 0) labels.push({ x: "0", anchor: "start", text: columns[0].label });
  if (count > 2) {
    const middle = Math.floor((count - 1) / 2);
    labels.push({ x: `${((middle + 0.5) / count) * 100}%`, anchor: "middle", text: columns[middle].label });
  }
  if (count > 1) labels.push({ x: "100%", anchor: "end", text: columns[count - 1].label });
  return labels;
}
