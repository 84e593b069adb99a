/**
 * What every chart shares: an inline SVG the width of its container (text stays at its real size at any
 * width; shapes stretch), named for screen readers by its <title>, and the palette.
 */
import type { ComponentChildren } from "preact";

export const INK = "#1f2937";
export const MUTED_INK = "#4b5563";
export const GRID = "#e5e7eb";
export const TRACK = "#f3f4f6";
export const FONT_SIZE = 13;
export const SMALL_FONT_SIZE = 11;

export interface ChartProps {
  /** Unique on the page: the <title> gets `<id>-title`. */
  id: string;
  /** What the chart shows, read by screen readers (and shown as a tooltip). */
  title: string;
}

/** The chart's root element: `height` pixels tall, as wide as its container. */
export function ChartFrame(
  { id, title, height, children }: ChartProps & { height: number; children: ComponentChildren },
) {
  return (
    <svg
      id={id}
      role="img"
      aria-labelledby={`${id}-title`}
      width="100%"
      height={height}
      font-size={FONT_SIZE}
      fill={INK}
      class="block overflow-visible"
    >
      <title id={`${id}-title`}>{title}</title>
      {children}
    </svg>
  );
}

/** A line of text on the chart, with a white halo so it stays readable over bars and grid lines. */
export function Label(
  { x, y, anchor = "start", size = FONT_SIZE, weight, color = INK, children }: {
    x: string | number;
    y: number;
    anchor?: "start" | "middle" | "end";
    size?: number;
    weight?: "bold";
    color?: string;
    children: ComponentChildren;
  },
) {
  return (
    <text
      x={x}
      y={y}
      text-anchor={anchor}
      font-size={size}
      font-weight={weight}
      fill={color}
      stroke="#ffffff"
      stroke-width={3}
      stroke-linejoin="round"
      paint-order="stroke"
    >
      {children}
    </text>
  );
}
