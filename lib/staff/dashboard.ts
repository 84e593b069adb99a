/**
 * The staff dashboard's figures for the viewer's scope and a period: one call to
 * `public.dashboard_figures` as the viewer (their JWT, so RLS decides the scope; it reads the summary
 * tables, never the complaints, for super admins and ward admins), then totals, per-day series, counts
 * by status, category and ward, resolution-time percentiles from the histograms, and the ward league.
 */
import { z } from "zod";
import { createHash } from "node:crypto";
import type { SignedInUser, UserSession } from "../auth/session.ts";
import { userClient } from "../supabase.ts";
import { COMPLAINT_STATUSES, type ComplaintStatus, OPEN_STATUSES } from "../complaints/model.ts";
import {
  addDays,
  type DashboardQuery,
  type Period,
  periodDays,
  type QueryChoices,
} from "./dashboard_query.ts";
import {
  addToHistogram,
  emptyHistogram,
  type Histogram,
  type Percentile,
  percentile,
} from "./resolution_histogram.ts";
import { DataError } from "../data_error.ts";

export class DashboardDataError extends DataError {
  constructor(cause: { message: string; code?: string }) {
    super("reading the dashboard figures", cause);
  }
}

/** Resolutions in the period and how long they took. */
export interface Resolutions {
  resolved: number;
  resolvedOnTime: number;
  /** Half of them took at most this long (from the histogram). */
  p50: Percentile | null;
  /** Nine in ten took at most this long. */
  p90: Percentile | null;
}

export interface CategoryFigures extends Resolutions {
  category: string;
  received: number;
}

export interface WardFigures extends Resolutions {
  /** 0 for complaints with no ward. */
  wardId: number;
  received: number;
  /** Now, whatever the period. */
  open: number;
  overdue: number;
}

export interface DashboardFigures {
  period: Period;
  /** Asia/Dhaka, as the database saw it: open complaints due before it are overdue. */
  today: string;
  totals: Resolutions & { received: number; reopened: number; open: number; overdue: number };
  /** Every day of the period, in order. */
  days: { day: string; received: number; resolved: number }[];
  /** Every status, now. */
  statuses: { status: ComplaintStatus; complaints: number }[];
  /** The categories asked about, in the order given, then any others the figures hold. */
  categories: CategoryFigures[];
  /** The ward league: best share resolved on time first, then quickest median, then most resolved. */
  wards: WardFigures[];
}

/** Which rows to list: the categories in picker order, and the wards (null: those with any figures). */
export interface Listing {
  categories: readonly string[];
  wards: readonly number[] | null;
}

const amount = z.coerce.number();
const totalsRow = {
  received: amount,
  reopened: amount,
  resolved: amount,
  resolved_on_time: amount,
};
const bucketRow = { bucket: z.number().int(), resolved: amount };
const rpcAnswer = z.object({
  today: z.string(),
  days: z.array(z.object({ day: z.string(), received: amount, resolved: amount })),
  wards: z.array(z.object({ ward_id: z.number().int(), ...totalsRow })),
  categories: z.array(z.object({ category: z.string(), ...totalsRow })),
  ward_buckets: z.array(z.object({ ward_id: z.number().int(), ...bucketRow })),
  category_buckets: z.array(z.object({ category: z.string(), ...bucketRow })),
  statuses: z.array(
    z.object({
      ward_id: z.number().int(),
      status: z.enum(COMPLAINT_STATUSES),
      complaints: amount,
      overdue: amount,
    }),
  ),
});
export type RpcAnswer = z.infer<typeof rpcAnswer>;

/**
 * What a viewer may narrow the dashboard to: every ward for super admins, the wards they work in for other
 * staff (RLS decides again what the figures hold), and the categories there are.
 */
export function queryChoices(
  user: SignedInUser,
  wards: readonly number[],
  categories: readonly string[],
): QueryChoices {
  return { wards, scopeWards: user.role === "super_admin" ? wards : user.wards, categories };
}

/** The rows a view lists: the chosen category or all, the chosen ward or the viewer's (super admins: any). */
export function listingFor(
  user: SignedInUser,
  query: DashboardQuery,
  categories: readonly string[],
): Listing {
  return {
    categories: query.category === null ? categories : [query.category],
    wards: query.ward !== null ? [query.ward] : user.role === "super_admin" ? null : user.wards,
  };
}

/** The figures the viewer may see for `query`. */
export async function loadDashboard(
  session: UserSession,
  query: DashboardQuery,
  listing: Listing,
): Promise<DashboardFigures> {
  const { data, error } = await userClient(session.accessToken).rpc("dashboard_figures", {
    from_day: query.period.from,
    to_day: query.period.to,
    ward: query.ward,
    category: query.category,
  });
  if (error) throw new DashboardDataError(error);
  const answer = rpcAnswer.safeParse(data);
  if (!answer.success) throw new DashboardDataError({ message: answer.error.message });
  return dashboardFigures(query.period, answer.data, listing);
}

const isOpen = (status: ComplaintStatus) => OPEN_STATUSES.includes(status);

function resolutions(resolved: number, resolvedOnTime: number, histogram: Histogram): Resolutions {
  return { resolved, resolvedOnTime, p50: percentile(histogram, 0.5), p90: percentile(histogram, 0.9) };
}

/** Histograms per key from rows of (key, bucket, resolved). */
function histograms<Key>(rows: { key: Key; bucket: number; resolved: number }[]): Map<Key, Histogram> {
  const byKey = new Map<Key, Histogram>();
  for (const { key, bucket, resolved } of rows) {
    let histogram = byKey.get(key);
    if (!histogram) byKey.set(key, histogram = emptyHistogram());
    addToHistogram(histogram, bucket, resolved);
  }
  return byKey;
}

const sum = <T>(rows: readonly T[], value: (row: T) => number) =>
  rows.reduce((total, row) => total + value(row), 0);

/** On-time share, or -1 for a ward that resolved nothing (ranked last). */
const onTimeShare = (ward: Resolutions) => ward.resolved > 0 ? ward.resolvedOnTime / ward.resolved : -1;

/** Ranks wards for the league. */
export function compareWards(a: WardFigures, b: WardFigures): number {
  return onTimeShare(b) - onTimeShare(a) ||
    (a.p50?.hours ?? Infinity) - (b.p50?.hours ?? Infinity) ||
    b.resolved - a.resolved ||
    a.wardId - b.wardId;
}

/** The dashboard's figures from the database's answer. Pure: the tests feed it answers of their own. */
export function dashboardFigures(period: Period, answer: RpcAnswer, listing: Listing): DashboardFigures {
  const byDay = new Map(answer.days.map((row) => [row.day, row]));
  const days = Array.from({ length: periodDays(period) }, (_, i) => {
    const day = addDays(period.from, i);
    const row = byDay.get(day);
    return { day, received: row?.received ?? 0, resolved: row?.resolved ?? 0 };
  });

  const categoryHistograms = histograms(
    answer.category_buckets.map((row) => ({ key: row.category, bucket: row.bucket, resolved: row.resolved })),
  );
  const categoryRows = new Map(answer.categories.map((row) => [row.category, row]));
  const categoryCodes = [...new Set([...listing.categories, ...categoryRows.keys()])];
  const categories = categoryCodes.map((category): CategoryFigures => {
    const row = categoryRows.get(category);
    return {
      category,
      received: row?.received ?? 0,
      ...resolutions(row?.resolved ?? 0, row?.resolved_on_time ?? 0, categoryHistograms.get(category) ?? []),
    };
  });

  const wardHistograms = histograms(
    answer.ward_buckets.map((row) => ({ key: row.ward_id, bucket: row.bucket, resolved: row.resolved })),
  );
  const wardRows = new Map(answer.wards.map((row) => [row.ward_id, row]));
  const openStatuses = answer.statuses.filter((row) => isOpen(row.status));
  const wardIds = listing.wards ??
    [...new Set([...wardRows.keys(), ...openStatuses.map((row) => row.ward_id)])];
  const wards = wardIds.map((wardId): WardFigures => {
    const row = wardRows.get(wardId);
    const open = openStatuses.filter((status) => status.ward_id === wardId);
    return {
      wardId,
      received: row?.received ?? 0,
      open: sum(open, (status) => status.complaints),
      overdue: sum(open, (status) => status.overdue),
      ...resolutions(row?.resolved ?? 0, row?.resolved_on_time ?? 0, wardHistograms.get(wardId) ?? []),
    };
  }).sort(compareWards);

  const allHistogram = emptyHistogram();
  for (const row of answer.category_buckets) addToHistogram(allHistogram, row.bucket, row.resolved);
  const statuses = COMPLAINT_STATUSES.map((status) => ({
    status,
    complaints: sum(answer.statuses.filter((row) => row.status === status), (row) => row.complaints),
  }));

  return {
    period,
    today: answer.today,
    totals: {
      received: sum(answer.categories, (row) => row.received),
      reopened: sum(answer.categories, (row) => row.reopened),
      open: sum(openStatuses, (row) => row.complaints),
      overdue: sum(openStatuses, (row) => row.overdue),
      ...resolutions(
        sum(answer.categories, (row) => row.resolved),
        sum(answer.categories, (row) => row.resolved_on_time),
        allHistogram,
      ),
    },
    days,
    statuses,
    categories,
    wards,
  };
}

/** Changes exactly when the figures do: a live page swaps its figures only when this differs. */
export function figuresDigest(figures: DashboardFigures): string {
  return createHash("sha256").update(JSON.stringify(figures)).digest("hex").slice(0, 32);
}
