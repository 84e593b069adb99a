/** The ward league: every ward in scope ranked by the share it resolved by the deadline, then speed. */
import type { Locale, Translate } from "@/lib/i18n/mod.ts";
import { formatNumber } from "@/lib/i18n/mod.ts";
import type { Ward } from "@/lib/wards.ts";
import type { WardFigures } from "@/lib/staff/dashboard.ts";
import { formatDuration, formatShare, wardTitle } from "@/lib/staff/dashboard_labels.ts";
import { CARD, NOTE } from "./ChartCard.tsx";
import { DataTable } from "./DataTable.tsx";

export interface LeagueTableProps {
  /** In league order. */
  rows: WardFigures[];
  wardNames: ReadonlyMap<number, Ward>;
  t: Translate;
  locale: Locale;
}

export function LeagueTable({ rows, wardNames, t, locale }: LeagueTableProps) {
  const number = (value: number) => formatNumber(value, locale);
  return (
    <section aria-labelledby="league-heading" class={`${CARD} mt-4`}>
      <h2 id="league-heading" class="text-lg font-bold text-gray-900 leading-snug">
        {t("dashboard.league.title")}
      </h2>
      <p class={NOTE}>{t("dashboard.league.lead")}</p>
      <DataTable
        caption={t("dashboard.league.title")}
        scrollId="league-table"
        columns={[
          { header: t("dashboard.table.ward") },
          { header: t("dashboard.league.rank"), numeric: true },
          { header: t("dashboard.league.on_time"), numeric: true },
          { header: t("dashboard.table.p50"), numeric: true },
          { header: t("dashboard.table.resolved"), numeric: true },
          { header: t("dashboard.table.received"), numeric: true },
          { header: t("dashboard.league.open"), numeric: true },
          { header: t("dashboard.league.overdue"), numeric: true },
        ]}
        rows={rows.map((ward, i) => [
          wardTitle(ward.wardId, wardNames, t, locale),
          ward.resolved > 0 ? number(i + 1) : t("dashboard.none"),
          formatShare(ward.resolvedOnTime, ward.resolved, t, locale),
          formatDuration(ward.p50, t, locale),
          number(ward.resolved),
          number(ward.received),
          number(ward.open),
          number(ward.overdue),
        ])}
        empty={t("dashboard.league.empty")}
      />
    </section>
  );
}
