/**
 * A complaint's full history for staff, oldest first: status changes, replies to the citizen and internal
 * notes, each with when and by whom; notes are marked as staff-only, comments shown on the tracking page
 * as public.
 */
import { type Locale, type Translate } from "@/lib/i18n/mod.ts";
import { displayPhone } from "@/lib/phone.ts";
import { statusLabels } from "@/lib/complaints/labels.ts";
import type { Person, WorkspaceEntry } from "@/lib/staff/workspace.ts";
import { STATUS_DOT } from "@/components/complaints/Timeline.tsx";
import { DateTime } from "@/components/DateTime.tsx";

interface WorkspaceTimelineProps {
  entries: WorkspaceEntry[];
  people: Record<string, Person>;
  t: Translate;
  locale: Locale;
}

const BADGE = "inline-block ml-2 px-2 py-0.5 rounded-full border text-xs font-bold align-middle";

export function WorkspaceTimeline({ entries, people, t, locale }: WorkspaceTimelineProps) {
  const labels = statusLabels(t);
  return (
    <ol class="relative ml-2 border-l-2 border-gray-300">
      {entries.map((entry, index) => {
        const author = entry.authorId ? people[entry.authorId] : undefined;
        const authorName = author?.full_name ?? (author?.phone ? displayPhone(author.phone, locale) : null);
        const heading = entry.kind !== "status"
          ? t(`workspace.entry.${entry.kind}`)
          : index === 0
          ? t("workspace.entry.filed")
          : t("workspace.entry.status", { status: labels[entry.status] });
        return (
          <li key={entry.id} class="relative pl-5 pb-5 last:pb-0" data-kind={entry.kind}>
            <span
              class={`absolute -left-[7px] top-1.5 w-3 h-3 rounded-full ring-2 ring-white ${
                entry.kind === "note"
                  ? "bg-amber-600"
                  : entry.kind === "reply"
                  ? "bg-green-800"
                  : STATUS_DOT[entry.status]
              }`}
              aria-hidden="true"
            />
            <p class="font-bold text-gray-900">
              {heading}
              {entry.kind === "note" && (
                <span class={`${BADGE} bg-amber-100 text-amber-900 border-amber-400`}>
                  {t("workspace.entry.internal")}
                </span>
              )}
              {entry.isPublic && (
                <span class={`${BADGE} bg-blue-50 text-blue-900 border-blue-300`}>
                  {t("workspace.entry.public")}
                </span>
              )}
            </p>
            <p class="text-sm text-gray-600">
              <DateTime at={entry.at} locale={locale} />
              {authorName && ` · ${authorName}`}
            </p>
            {entry.comment && (
              <p
                class={`mt-1 whitespace-pre-line text-gray-900 ${
                  entry.kind === "note" ? "p-2 rounded border border-amber-300 bg-amber-50" : ""
                }`}
              >
                {entry.comment}
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
