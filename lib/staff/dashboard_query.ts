/**
 * What the dashboard shows, from its URL: a period (the last 7, 30 or 90 days, or from and to dates) in
 * Asia/Dhaka days, and optionally one ward and one category. Checked with zod against the wards and
 * categories that exist and the wards in the viewer's scope; mistakes come back as catalogue keys next to
 * their fields. Two things are corrected rather than refused, and said: a period reaching past today ends
 * today, and one longer than a year keeps its last year.
 */
import { z } from "zod";
import { BANGLADESH_TIME_ZONE, toAsciiDigits } from "../i18n/format.ts";
import type { MessageKey } from "../i18n/mod.ts";
import { fieldErrors, optionalField } from "../validation.ts";

export const PERIOD_PRESETS = ["7", "30", "90"] as const;
export type PeriodPreset = typeof PERIOD_PRESETS[number];
export const DEFAULT_PRESET: PeriodPreset = "30";
/** The longest period shown at once, in days (a year, leap or not). */
export const MAX_PERIOD_DAYS = 366;

export const DASHBOARD_FIELDS = ["period", "from", "to", "ward", "category"] as const;
export type DashboardField = typeof DASHBOARD_FIELDS[number];

/** Days are ISO dates (YYYY-MM-DD) in Asia/Dhaka. */
export interface Period {
  from: string;
  to: string;
  /** The preset it came from; null for dates chosen. */
  preset: PeriodPreset | null;
}

export interface DashboardQuery {
  period: Period;
  ward: number | null;
  category: string | null;
  /** Corrections made to what was asked, to tell the reader. */
  notices: ("dashboard.notice.year" | "dashboard.notice.future")[];
}

/** What may be asked for: the viewer's wards and the categories there are. */
export interface QueryChoices {
  /** Every ward id there is. */
  wards: readonly number[];
  /** The wards in the viewer's scope (all of them for super admins). */
  scopeWards: readonly number[];
  categories: readonly string[];
}

export type QueryOutcome =
  | { ok: true; query: DashboardQuery }
  | { ok: false; errors: Partial<Record<DashboardField, MessageKey>> };

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today in Asia/Dhaka, as YYYY-MM-DD. */
export function dhakaToday(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: BANGLADESH_TIME_ZONE }).format(now);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** How many days from `from` to `to`, both counted. */
export function periodDays({ from, to }: Pick<Period, "from" | "to">): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** A calendar day that exists, typed with ASCII or Bengali digits. */
const day = z.preprocess(
  (value) => typeof value === "string" ? toAsciiDigits(value.trim()) : value,
  z.string().refine((text) => {
    const parts = ISO_DAY.exec(text);
    if (!parts) return false;
    const date = new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])));
    return date.toISOString().slice(0, 10) === text;
  }, { error: "dashboard.error.date" }),
);

function querySchema(choices: QueryChoices) {
  return z.object({
    period: optionalField(z.enum([...PERIOD_PRESETS, "custom"], { error: "dashboard.error.period" })),
    from: optionalField(day),
    to: optionalField(day),
    ward: optionalField(
      z.preprocess(
        (value) => typeof value === "string" ? toAsciiDigits(value.trim()) : value,
        z.string().regex(/^\d{1,6}$/, { error: "dashboard.error.ward" })
          .transform(Number)
          .refine((id) => choices.wards.includes(id), { error: "dashboard.error.ward" })
          .refine((id) => choices.scopeWards.includes(id), { error: "dashboard.error.ward_scope" }),
      ),
    ),
    category: optionalField(
      z.string().refine((code) => choices.categories.includes(code), { error: "dashboard.error.category" }),
    ),
  }).superRefine((query, context) => {
    if (query.period !== "custom") return;
    if (!query.from && !query.to) {
      context.addIssue({ code: "custom", path: ["from"], message: "dashboard.error.dates_needed" });
    } else if (query.from && query.to && query.from > query.to) {
      context.addIssue({ code: "custom", path: ["from"], message: "dashboard.error.order" });
    }
  });
}

/** The query the URL asks for, corrected where it reaches past today or over a year, or what is wrong. */
export function parseDashboardQuery(
  params: URLSearchParams,
  choices: QueryChoices,
  today = dhakaToday(),
): QueryOutcome {
  const values = Object.fromEntries(DASHBOARD_FIELDS.map((field) => [field, params.get(field) ?? ""]));
  const parsed = querySchema(choices).safeParse(values);
  if (!parsed.success) return { ok: false, errors: fieldErrors<DashboardField>(parsed.error.issues) };

  const { period: asked = DEFAULT_PRESET, from, to, ward, category } = parsed.data;
  const notices: DashboardQuery["notices"] = [];
  let period: Period;
  if (asked === "custom") {
    let end = to ?? today;
    if (end > today) {
      end = today;
      notices.push("dashboard.notice.future");
    }
    let start = from ?? addDays(end, -(Number(DEFAULT_PRESET) - 1));
    if (start > end) start = end;
    if (periodDays({ from: start, to: end }) > MAX_PERIOD_DAYS) {
      start = addDays(end, -(MAX_PERIOD_DAYS - 1));
      notices.push("dashboard.notice.year");
    }
    period = { from: start, to: end, preset: null };
  } else {
    period = { from: addDays(today, -(Number(asked) - 1)), to: today, preset: asked };
  }
  return { ok: true, query: { period, ward: ward ?? null, category: category ?? null, notices } };
}
