/**
 * Horizontal bars, one row per item: its label on the left and its figure on the right above a bar
 * whose length is the value against the largest. A row may carry a second, larger value drawn as a
 * lighter bar behind the first (a median inside its 90th percentile). Labels never need to fit beside
 * the bars, so long Bengali names read as well on a 360 px phone as on a desktop.
 */
import { ChartFrame, type ChartProps, Label, MUTED_INK, SMALL_FONT_SIZE, TRACK } from "./frame.tsx";

export interface BarRow {
  label: string;
  value: number;
  /** The value as shown (locale digits, units). */
  shown: string;
  /** The bar's colour; the chart's own when absent. */
  color?: string;
  /** A second value drawn behind, in the lighter colour (at least `value`). */
  behind?: number;
}

export interface HorizontalBarsProps extends ChartProps {
  rows: BarRow[];
  color: string;
  /** The colour of the bars behind. */
  behindColor?: string;
  /** Shown when there are no rows. */
  empty: string;
}

const ROW_HEIGHT = 42;
const LABEL_BASELINE = 15;
const BAR_TOP = 22;
const BAR_HEIGHT = 12;

const percent = (value: number, max: number) => `${max > 0 ? Math.max(0, (value / max) * 100) : 0}%`;

export function HorizontalBars({ id, title, rows, color, behindColor, empty }: HorizontalBarsProps) {
  if (rows.length === 0) {
    return (
      <ChartFrame id={id} title={title} height={ROW_HEIGHT}>
        <Label x="50%" y={ROW_HEIGHT / 2 + 5} anchor="middle" color={MUTED_INK} size={SMALL_FONT_SIZE + 2}>
          {empty}
        </Label>
      </ChartFrame>
    );
  }
  const max = Math.max(...rows.map((row) => Math.max(row.value, row.behind ?? 0)));
  return (
    <ChartFrame id={id} title={title} height={rows.length * ROW_HEIGHT}>
      {rows.map((row, i) => {
        const top = i * ROW_HEIGHT;
        /** A bar `width` long on this row (all of them start at the left). */
        const bar = (width: string, fill?: string) => (
          <rect x={0} y={top + BAR_TOP} width={width} height={BAR_HEIGHT} rx={3} fill={fill} />
        );
        return (
          <g key={i}>
            <title>{`${row.label}: ${row.shown}`}</title>
            <Label x={0} y={top + LABEL_BASELINE}>{row.label}</Label>
            <Label x="100%" y={top + LABEL_BASELINE} anchor="end" weight="bold">{row.shown}</Label>
            {bar("100%", TRACK)}
            {row.behind !== undefined && bar(percent(row.behind, max), behindColor)}
            {bar(percent(row.value, max), row.color ?? color)}
          </g>
        );
      })}
    </ChartFrame>
  );
}
