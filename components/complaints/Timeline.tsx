/** A complaint's history, oldest first: each status it reached, when, and any note staff left. */
import type { ComplaintStatus, TimelineEntry } from "@/lib/complaints/model.ts";
import type { Locale } from "@/lib/i18n/locales.ts";
import { DateTime } from "@/components/DateTime.tsx";

/** The colour of a status on a timeline (the words carry the meaning). */
export const STATUS_DOT: Record<ComplaintStatus, string> = {
  submitted: "bg-blue-600",
  in_progress: "bg-amber-500",
  resolved: "bg-green-600",
  closed: "bg-gray-500",
  rejected: "bg-red-600",
};

interface TimelineProps {
  entries: TimelineEntry[];
  statusLabels: Record<ComplaintStatus, string>;
  locale: Locale;
}

export function Timeline({ entries, statusLabels, locale }: TimelineProps) {
  return (
    <ol class="relative ml-2 border-l-2 border-gray-300">
      {entries.map((entry, index) => (
        <li
          key={`${entry.at}-${entry.status}`}
          class="relative pl-5 pb-4 last:pb-0"
          data-status={entry.status}
        >
          <span
            class={`absolute -left-[7px] top-1.5 w-3 h-3 rounded-full ring-2 ring-white ${
              STATUS_DOT[entry.status]
            }`}
            aria-hidden="true"
          />
          <p class={`font-bold ${index === entries.length - 1 ? "text-gray-900" : "text-gray-700"}`}>
            {statusLabels[entry.status]}
          </p>
          <p class="text-sm text-gray-600">
            <DateTime at={entry.at} locale={locale} />
          </p>
          {entry.comment && <p class="mt-1 text-gray-800 whitespace-pre-line">{entry.comment}</p>}
        </li>
      ))}
    </ol>
  );
}
