/** An SOS's steps (sent, acknowledged, closed) as an ordered list, the reached ones marked done. */
import type { Translate } from "@/lib/i18n/translate.ts";
import type { Locale } from "@/lib/i18n/locales.ts";
import { formatDate } from "@/lib/i18n/format.ts";
import { SOS_STATUSES, type SosReport } from "@/lib/emergency/model.ts";

export type SosProgress = Pick<
  SosReport,
  "status" | "outcome" | "outcome_note" | "created_at" | "acknowledged_at" | "closed_at"
>;

export function SosSteps({ report, t, locale }: { report: SosProgress; t: Translate; locale: Locale }) {
  const reached = SOS_STATUSES.indexOf(report.status);
  const times = [report.created_at, report.acknowledged_at, report.closed_at];
  return (
    <ol class="space-y-3">
      {SOS_STATUSES.map((status, index) => {
        const done = index <= reached;
        return (
          <li
            class={`flex gap-3 p-3 rounded-lg border-2 ${
              done ? "border-green-700 bg-green-50" : "border-gray-300 bg-white"
            }`}
          >
            <span
              aria-hidden="true"
              class={`flex-none w-8 h-8 rounded-full flex items-center justify-center font-bold ${
                done ? "bg-green-700 text-white" : "bg-gray-200 text-gray-700"
              }`}
            >
              {done ? "✓" : index + 1}
            </span>
            <span class="flex-1">
              <span class="block font-bold">{t(`sos.step.${status}`)}</span>
              <span class="block text-sm text-gray-700">
                {done ? t("sos.step_done") : t("sos.step_waiting")}
                {done && times[index] && ` · ${formatDate(times[index]!, locale, "time")}`}
              </span>
              {status === "closed" && report.outcome && (
                <span class="block mt-1">
                  {t("sos.outcome", { outcome: t(`sos.outcome.${report.outcome}`) })}
                  {report.outcome_note && ` — ${report.outcome_note}`}
                </span>
              )}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
