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
import { ChartCard, NOTE } from "./ChartCard.tsx";
import { DataTable } from "./DataTable.tsx";
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

export function DashboardFigures(
  { figures, readAt, wardNames, categories, t, locale }: DashboardFiguresProps,
) {
  const number = (value: number) => formatNumber(value, locale);
  const duration = (time: Parameters<typeof formatDuration>[0]) => formatDuration(time, t, locale);
  const categoryTitle = (code: string) => categoryName(categories.get(code), code, locale);
  const ward = (id: number) => wardTitle(id, wardNames, t, locale);
  const described = (title: string) => t("dashboard.chart.described", { title });
  const { totals } = figures;
  const tableToggle = t("dashboard.table.show");
  const empty = t("dashboard.chart.empty");
  const statuses = statusLabels(t);

  const byReceived = [...figures.categories].sort((a, b) => b.received - a.received);
  const wardsByReceived = figures.wards.filter((row) => row.received > 0)
    .sort((a, b) => b.received - a.received || a.wardId - b.wardId);
  const resolvedCategories = figures.categories.filter((row) => row.resolved > 0);

  return (
    <>
      <p class={NOTE}>{t("dashboard.as_of", { time: formatDate(readAt, locale, "dateTime") })}</p>
      <div class="mt-3">
        <KpiTiles
          label={t("dashboard.kpi.label")}
          items={[
            {
              label: t("dashboard.kpi.received"),
              value: number(totals.received),
              note: t("dashboard.kpi.received_note"),
            },
            {
              label: t("dashboard.kpi.resolved"),
              value: number(totals.resolved),
              note: t("dashboard.kpi.resolved_note"),
            },
            {
              label: t("dashboard.kpi.open"),
              value: number(totals.open),
              note: t("dashboard.kpi.open_note"),
            },
            {
              label: t("dashboard.kpi.overdue"),
              value: number(totals.overdue),
              note: t("dashboard.kpi.overdue_note"),
              alarm: true,
            },
            {
              label: t("dashboard.kpi.reopened"),
              value: number(totals.reopened),
              note: t("dashboard.kpi.reopened_note"),
            },
            {
              label: t("dashboard.kpi.on_time"),
              value: formatShare(totals.resolvedOnTime, totals.resolved, t, locale),
              note: t("dashboard.kpi.on_time_note"),
            },
            {
              label: t("dashboard.kpi.median"),
              value: duration(totals.p50),
              note: t("dashboard.kpi.median_note"),
            },
            { label: t("dashboard.kpi.p90"), value: duration(totals.p90), note: t("dashboard.kpi.p90_note") },
          ]}
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
          tableToggle={tableToggle}
          chart={
            <ColumnChart
              id="per-day-chart"
              title={described(t("dashboard.chart.per_day"))}
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
          }
          table={
            <DataTable
              caption={t("dashboard.chart.per_day")}
              columns={[
                { header: t("dashboard.table.day") },
                { header: t("dashboard.table.received"), numeric: true },
                { header: t("dashboard.table.resolved"), numeric: true },
              ]}
              rows={figures.days.map((
                day,
              ) => [formatDay(day.day, locale), number(day.received), number(day.resolved)])}
              total={[t("dashboard.table.total"), number(totals.received), number(totals.resolved)]}
              empty={empty}
            />
          }
        />

        <ChartCard
          id="status"
          title={t("dashboard.chart.status")}
          tableToggle={tableToggle}
          chart={
            <HorizontalBars
              id="status-chart"
              title={described(t("dashboard.chart.status"))}
              color={NEW_COLOR}
              empty={empty}
              rows={figures.statuses.map((row) => ({
                label: statuses[row.status],
                value: row.complaints,
                shown: number(row.complaints),
                color: STATUS_COLORS[row.status],
              }))}
            />
          }
          table={
            <DataTable
              caption={t("dashboard.chart.status")}
              columns={[{ header: t("dashboard.table.status") }, {
                header: t("dashboard.table.complaints"),
                numeric: true,
              }]}
              rows={figures.statuses.map((row) => [statuses[row.status], number(row.complaints)])}
              empty={empty}
            />
          }
        />

        <ChartCard
          id="category"
          title={t("dashboard.chart.category")}
          tableToggle={tableToggle}
          chart={
            <HorizontalBars
              id="category-chart"
              title={described(t("dashboard.chart.category"))}
              color={NEW_COLOR}
              empty={empty}
              rows={byReceived.map((row) => ({
                label: categoryTitle(row.category),
                value: row.received,
                shown: number(row.received),
              }))}
            />
          }
          table={
            <DataTable
              caption={t("dashboard.chart.category")}
              columns={[
                { header: t("dashboard.table.category") },
                { header: t("dashboard.table.received"), numeric: true },
                { header: t("dashboard.table.resolved"), numeric: true },
              ]}
              rows={byReceived.map((
                row,
              ) => [categoryTitle(row.category), number(row.received), number(row.resolved)])}
              empty={empty}
            />
          }
        />

        <ChartCard
          id="resolution"
          title={t("dashboard.chart.resolution")}
          legend={[
            { label: t("dashboard.series.p50"), color: RESOLVED_COLOR },
            { label: t("dashboard.series.p90"), color: RESOLVED_LIGHT },
          ]}
          tableToggle={tableToggle}
          chart={
            <HorizontalBars
              id="resolution-chart"
              title={described(t("dashboard.chart.resolution"))}
              color={RESOLVED_COLOR}
              behindColor={RESOLVED_LIGHT}
              empty={empty}
              rows={resolvedCategories.map((row) => ({
                label: categoryTitle(row.category),
                value: row.p50?.hours ?? 0,
                behind: row.p90?.hours ?? 0,
                shown: `${duration(row.p50)} · ${duration(row.p90)}`,
              }))}
            />
          }
          table={
            <DataTable
              caption={t("dashboard.chart.resolution")}
              columns={[
                { header: t("dashboard.table.category") },
                { header: t("dashboard.table.resolved"), numeric: true },
                { header: t("dashboard.table.p50"), numeric: true },
                { header: t("dashboard.table.p90"), numeric: true },
              ]}
              rows={resolvedCategories.map((row) => [
                categoryTitle(row.category),
                number(row.resolved),
                duration(row.p50),
                duration(row.p90),
              ])}
              total={[
                t("dashboard.table.total"),
                number(totals.resolved),
                duration(totals.p50),
                duration(totals.p90),
              ]}
              empty={empty}
            />
          }
        />

        <ChartCard
          id="ward"
          title={t("dashboard.chart.ward")}
          note={wardsByReceived.length > TOP_WARDS
            ? t("dashboard.chart.ward_top", { count: TOP_WARDS })
            : undefined}
          tableToggle={tableToggle}
          chart={
            <HorizontalBars
              id="ward-chart"
              title={described(t("dashboard.chart.ward"))}
              color={NEW_COLOR}
              empty={empty}
              rows={wardsByReceived.slice(0, TOP_WARDS).map((row) => ({
                label: ward(row.wardId),
                value: row.received,
                shown: number(row.received),
              }))}
            />
          }
          table={
            <DataTable
              caption={t("dashboard.chart.ward")}
              columns={[
                { header: t("dashboard.table.ward") },
                { header: t("dashboard.table.received"), numeric: true },
                { header: t("dashboard.table.resolved"), numeric: true },
              ]}
              rows={wardsByReceived.map((
                row,
              ) => [ward(row.wardId), number(row.received), number(row.resolved)])}
              empty={empty}
            />
          }
        />
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
