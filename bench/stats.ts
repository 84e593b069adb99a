/** Summaries the benchmarks print: medians and percentiles over noisy samples, and their formatting. */

/** The value below which `fraction` of the samples fall (nearest rank), e.g. 0.9 for p90. */
export function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Times `run`: `warmUps` calls first, unmeasured, then `measured` calls one after another, each sample its
 * duration in ms. `run` gets the call's number (0, 1, … over both), to vary its input where it wants to.
 */
export async function timeRuns(
  run: (i: number) => Promise<unknown>,
  warmUps: number,
  measured: number,
): Promise<number[]> {
  for (let i = 0; i < warmUps; i++) await run(i);
  const samples: number[] = [];
  for (let i = 0; i < measured; i++) {
    const started = performance.now();
    await run(warmUps + i);
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Times every variant in turn, call for call, so drift on the machine touches all alike; samples by name. */
export async function timeInterleaved(
  variants: Record<string, () => Promise<unknown>>,
  warmUps: number,
  measured: number,
): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = Object.fromEntries(
    Object.keys(variants).map((name) => [name, []]),
  );
  for (let i = 0; i < warmUps + measured; i++) {
    for (const [name, run] of Object.entries(variants)) {
      const started = performance.now();
      await run();
      if (i >= warmUps) samples[name].push(performance.now() - started);
    }
  }
  return samples;
}

/** Times `a` and `b` in turn, call for call (`timeInterleaved` of two). */
export async function timeSideBySide(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  warmUps: number,
  measured: number,
): Promise<[number[], number[]]> {
  const samples = await timeInterleaved({ a, b }, warmUps, measured);
  return [samples.a, samples.b];
}

/** Each variant's median and p90, and its median's ratio to `baseline`'s. */
export function comparisonTable(what: string, samples: Record<string, number[]>, baseline: string): string {
  const base = median(samples[baseline]);
  return table(
    [what, "median", "p90", `÷ ${baseline}`],
    Object.entries(samples).map(([name, values]) => [
      name,
      ms(median(values)),
      ms(percentile(values, 0.9)),
      ratio(median(values) / base),
    ]),
  );
}

export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
/** Seconds since a performance.now() reading, for progress lines. */
export const secondsSince = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
export const ratio = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)}×`;

export function kib(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

/** A plain-text table: the first column left-aligned, the figures after it right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i].length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}

/** What the figures were measured on, for the line above them. */
export function machineSummary(): string {
  const memoryGiB = Deno.systemMemoryInfo().total / 1024 ** 3;
  return `${
    new Date().toISOString().slice(0, 16).replace("T", " ")
  } UTC, ${navigator.hardwareConcurrency} cores, ` +
    `${memoryGiB.toFixed(0)} GiB RAM, Deno ${Deno.version.deno}`;
}
