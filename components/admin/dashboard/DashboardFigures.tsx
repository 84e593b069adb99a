/**
 * Everything on the dashboard that comes from the figures: headline tiles, the charts (each with its
 * table), the ward league and how things are counted. Rendered into the page and, for live updates, on
 * its own (routes/admin/index.tsx answers it as JSON); its classes do not depend on the figures, so the
 * page's stylesheet fits every later rendering too.
 */
import type { Category } from "@/lib/complaints/model.ts";
import { categoryName, statusLabels } from "@/lib/complaints/labels.ts";
import { formatDate, formatNumber, type Locale, type Translate } from "@/lib/i18n/mod.ts";
import type { Ward } from "@/lib/wards.ts";
import type { DashboardFigures as Figures } from "@/lib/staff/dashboard.ts";
import { formatDay, formatDuration, formatShare, wardTitle } from "@/lib/staff/dashboard_labels.ts";
import { ColumnChart } from "@/lib/charts/ColumnChart.tsx";
import { HorizontalBars } from "@/lib/charts/HorizontalBars.tsx";
import { type CardWords, ChartCard, NOTE } from "./ChartCard.tsx";
import { KpiTiles } from "./KpiTiles.tsx";
import { LeagueTable } from "./LeagueTable.tsx";

export interface DashboardFiguresProps {
  figures: Figures;
  /** When the figures were read. */
  readAt: Date;
  wardNames: ReadonlyMap<number, Ward>;
  categories: ReadonlyMap<string, Category>;
  t: Translate;
  locale: Locale;
}

/** New complaints in blue, resolutions in green, as the statuses' colours. */
const NEW_COLOR = "#2563eb";
const RESOLVED_COLOR = "#15803d";
const RESOLVED_LIGHT = "#86efac";
const STATUS_COLORS = {
  submitted: "#2563eb",
  in_progress: "#d97706",
  resolved: "#16a34a",
  closed: "#6b7280",
  rejected: "#dc2626",
} as const;
/** Wards in the chart; the table has them all. */
const TOP_WARDS = 10;
/** The headline tiles, each with its label and note in the catalogue. */
const KPIS = ["received", "resolved", "open", "overdue", "reopened", "on_time", "median", "p90"] as const;

/** A row of a chart of complaints received, with its resolved count for the table. */
interface Received {
  name: string;
  received: number;
  resolved: number;
}

export function DashboardFigures(
  { figures, readAt, wardNames, categories, t, locale }: DashboardFiguresProps,
) {
  const number = (value: number) => formatNumber(value, locale);
  const duration = (time: Parameters<typeof formatDuration>[0]) => formatDuration(time, t, locale);
  const categoryTitle = (code: string) => categoryName(categories.get(code), code, locale);
  const words: CardWords = {
    tableToggle: t("dashboard.table.show"),
    empty: t("dashboard.chart.empty"),
    describe: (title) => t("dashboard.chart.described", { title }),
  };
  const { totals } = figures;
  const statuses = statusLabels(t);
  const kpiValues: Record<typeof KPIS[number], string> = {
    received: number(totals.received),
    resolved: number(totals.resolved),
    open: number(totals.open),
    overdue: number(totals.overdue),
    reopened: number(totals.reopened),
    on_time: formatShare(totals.resolvedOnTime, totals.resolved, t, locale),
    median: duration(totals.p50),
    p90: duration(totals.p90),
  };
  const resolvedCategories = figures.categories.filter((row) => row.resolved > 0);
  const byReceived = (rows: Received[]) => rows.sort((a, b) => b.received - a.received);
  const wards = byReceived(
    figures.wards.filter((row) => row.received > 0)
      .map((row) => ({ ...row, name: wardTitle(row.wardId, wardNames, t, locale) })),
  );

  /** New complaints per item as bars (the first `shown`), and received and resolved in the table. */
  const receivedCard = (
    id: string,
    title: string,
    nameHeader: string,
    rows: Received[],
    shown = rows.length,
  ) => (
    <ChartCard
      id={id}
      title={title}
      note={rows.length > shown ? t("dashboard.chart.ward_top", { count: shown }) : undefined}
      words={words}
      chart={(named) => (
        <HorizontalBars
          {...named}
          color={NEW_COLOR}
          empty={words.empty}
          rows={rows.slice(0, shown).map((row) => ({
            label: row.name,
            value: row.received,
            shown: number(row.received),
          }))}
        />
      )}
      table={{
        columns: [
          { header: nameHeader },
          { header: t("dashboard.table.received"), numeric: true },
          { header: t("dashboard.table.resolved"), numeric: true },
        ],
        rows: rows.map((row) => [row.name, number(row.received), number(row.resolved)]),
      }}
    />
  );

  return (
    <>
      <p class={NOTE}>{t("dashboard.as_of", { time: formatDate(readAt, locale, "dateTime") })}</p>
      <div class="mt-3">
        <KpiTiles
          label={t("dashboard.kpi.label")}
          items={KPIS.map((kpi) => ({
            label: t(`dashboard.kpi.${kpi}`),
            value: kpiValues[kpi],
            note: t(`dashboard.kpi.${kpi}_note`),
            alarm: kpi === "overdue",
          }))}
        />
      </div>

      <div class="mt-4 grid gap-4 lg:grid-cols-2">
        <ChartCard
          id="per-day"
          wide
          title={t("dashboard.chart.per_day")}
          legend={[
            { label: t("dashboard.series.received"), color: NEW_COLOR },
            { label: t("dashboard.series.resolved"), color: RESOLVED_COLOR, line: true },
          ]}
          words={words}
          chart={(named) => (
            <ColumnChart
              {...named}
              color={NEW_COLOR}
              lineColor={RESOLVED_COLOR}
              formatTick={number}
              columns={figures.days.map((day) => ({
                value: day.received,
                line: day.resolved,
                label: formatDay(day.day, locale, true),
                description: `${formatDay(day.day, locale)}: ${t("dashboard.series.received")} ${
                  number(day.received)
                }, ${t("dashboard.series.resolved")} ${number(day.resolved)}`,
              }))}
            />
          )}
          table={{
            columns: [
              { header: t("dashboard.table.day") },
              { header: t("dashboard.table.received"), numeric: true },
              { header: t("dashboard.table.resolved"), numeric: true },
            ],
            rows: figures.days.map((
              day,
            ) => [formatDay(day.day, locale), number(day.received), number(day.resolved)]),
            total: [t("dashboard.table.total"), number(totals.received), number(totals.resolved)],
          }}
        />

        <ChartCard
          id="status"
          title={t("dashboard.chart.status")}
          words={words}
          chart={(named) => (
            <HorizontalBars
              {...named}
              color={NEW_COLOR}
              empty={words.empty}
              rows={figures.statuses.map((row) => ({
                label: statuses[row.status],
                value: row.complaints,
                shown: number(row.complaints),
                color: STATUS_COLORS[row.status],
              }))}
            />
          )}
          table={{
            columns: [
              { header: t("dashboard.table.status") },
              { header: t("dashboard.table.complaints"), numeric: true },
            ],
            rows: figures.statuses.map((row) => [statuses[row.status], number(row.complaints)]),
          }}
        />

        {receivedCard(
          "category",
          t("dashboard.chart.category"),
          t("dashboard.table.category"),
          byReceived(figures.categories.map((row) => ({ ...row, name: categoryTitle(row.category) }))),
        )}

        <ChartCard
          id="resolution"
          title={t("dashboard.chart.resolution")}
          legend={[
            { label: t("dashboard.series.p50"), color: RESOLVED_COLOR },
            { label: t("dashboard.series.p90"), color: RESOLVED_LIGHT },
          ]}
          words={words}
          chart={(named) => (
            <HorizontalBars
              {...named}
              color={RESOLVED_COLOR}
              behindColor={RESOLVED_LIGHT}
              empty={words.empty}
              rows={resolvedCategories.map((row) => ({
                label: categoryTitle(row.category),
                value: row.p50?.hours ?? 0,
                behind: row.p90?.hours ?? 0,
                shown: `${duration(row.p50)} · ${duration(row.p90)}`,
              }))}
            />
          )}
          table={{
            columns: [
              { header: t("dashboard.table.category") },
              { header: t("dashboard.table.resolved"), numeric: true },
              { header: t("dashboard.table.p50"), numeric: true },
              { header: t("dashboard.table.p90"), numeric: true },
            ],
            rows: resolvedCategories.map((row) => [
              categoryTitle(row.category),
              number(row.resolved),
              duration(row.p50),
              duration(row.p90),
            ]),
            total: [
              t("dashboard.table.total"),
              number(totals.resolved),
              duration(totals.p50),
              duration(totals.p90),
            ],
          }}
        />

        {receivedCard("ward", t("dashboard.chart.ward"), t("dashboard.table.ward"), wards, TOP_WARDS)}
      </div>

      <LeagueTable rows={figures.wards} wardNames={wardNames} t={t} locale={locale} />

      <section aria-labelledby="notes-heading" class="mt-4 p-4 rounded-xl bg-gray-50 border border-gray-200">
        <h2 id="notes-heading" class="text-base font-bold text-gray-900">{t("dashboard.notes")}</h2>
        <p class={NOTE}>{t("dashboard.note.period")}</p>
        <p class={NOTE}>{t("dashboard.note.percentiles")}</p>
        <p class={NOTE}>{t("dashboard.note.overdue")}</p>
      </section>
    </>
  );
}
