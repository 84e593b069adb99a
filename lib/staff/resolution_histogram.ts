/**
 * Resolution times as the database keeps them: a histogram of hours from filing to resolution in twelve
 * buckets (public.complaint_resolution_summary, bounds from private.resolution_bucket_bounds()), and
 * percentiles read from it. Inside a bucket the resolutions are taken to be spread evenly (linear
 * interpolation), so a percentile is an estimate within its bucket; the last bucket has no upper bound, so
 * a percentile that falls there is only "more than 720 hours".
 */

/** Upper bounds (hours) of buckets 1 to 11; bucket 12 holds everything longer. */
export const BUCKET_UPPER_HOURS = [2, 4, 8, 12, 24, 48, 72, 120, 168, 336, 720] as const;
export const BUCKET_COUNT = BUCKET_UPPER_HOURS.length + 1;

/** Counts per bucket: index 0 is bucket 1. */
export type Histogram = number[];

export interface Percentile {
  hours: number;
  /** It fell in the open last bucket: the time is more than `hours`. */
  over: boolean;
}

export function emptyHistogram(): Histogram {
  return new Array(BUCKET_COUNT).fill(0);
}

/** Adds `resolved` resolutions to bucket `bucket` (1 to 12). */
export function addToHistogram(histogram: Histogram, bucket: number, resolved: number): void {
  if (Number.isInteger(bucket) && bucket >= 1 && bucket <= BUCKET_COUNT) histogram[bucket - 1] += resolved;
}

/**
 * The time within which a share `p` (0 to 1) of the resolutions happened: the bucket where the running
 * count reaches p × total, and within it the point as far along as the rank is among the bucket's
 * resolutions. Null for an empty histogram.
 */
export function percentile(histogram: Histogram, p: number): Percentile | null {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  if (total <= 0) return null;
  const rank = p * total;
  let below = 0;
  for (const [index, count] of histogram.entries()) {
    if (count > 0 && below + count >= rank) {
      if (index >= BUCKET_UPPER_HOURS.length) return { hours: BUCKET_UPPER_HOURS.at(-1)!, over: true };
      const lower = index === 0 ? 0 : BUCKET_UPPER_HOURS[index - 1];
      const upper = BUCKET_UPPER_HOURS[index];
      return { hours: lower + (upper - lower) * Math.max(0, rank - below) / count, over: false };
    }
    below += count;
  }
  return { hours: BUCKET_UPPER_HOURS.at(-1)!, over: true };
}
