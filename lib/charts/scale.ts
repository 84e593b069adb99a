/** Axis scales for the charts: evenly spaced round ticks from 0 up to at least the largest value. */

export interface Axis {
  /** The axis runs from 0 to this. */
  top: number;
  /** 0, one step, two steps, … up to `top`. */
  ticks: number[];
}

/**
 * A whole-number step of 1, 2, 2.5 or 5 × 10ⁿ, the smallest that reaches `max` in at most `divisions`
 * steps; `max` of 0 or less gives the axis 0 to 1.
 */
export function axisFor(max: number, divisions = 5): Axis {
  const wanted = Math.max(max, 1) / divisions;
  const magnitude = 10 ** Math.floor(Math.log10(wanted));
  const step = [1, 2, 2.5, 5, 10].map((factor) => factor * magnitude)
    .find((candidate) => candidate >= wanted && Number.isInteger(candidate)) ?? Math.ceil(wanted);
  const count = Math.max(1, Math.ceil(max / step));
  return { top: step * count, ticks: Array.from({ length: count + 1 }, (_, i) => step * i) };
}
