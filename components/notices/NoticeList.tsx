/** Notices as a list of cards: title (linked), category, urgent and pinned marks, wards, date. */
import type { AppState } from "@/lib/state.ts";
import { type Notice, noticeText } from "@/lib/notices/repository.ts";
import { plainText } from "@/lib/notices/rich_text.ts";
import { type Ward, wardName } from "@/lib/wards.ts";
import { DateTime } from "@/components/DateTime.tsx";

/** The places a notice is for: "সারা শহর" or its wards' names. */
export function noticePlaces(notice: Notice, wards: readonly Ward[], state: AppState): string {
  if (notice.ward_ids.length === 0) return state.t("notices.city_wide");
  const byId = new Map(wards.map((ward) => [ward.id, ward]));
  return notice.ward_ids.map((id) => {
    const ward = byId.get(id);
    return ward
      ? `${state.t(`complaint.city.${ward.city_corporation}`)} ${wardName(ward, state.locale)}`
      : "";
  }).filter(Boolean).join(", ");
}

/** The small marks above a notice's title. */
export function NoticeMarks({ notice, state }: { notice: Notice; state: AppState }) {
  const { t } = state;
  return (
    <p class="flex flex-wrap gap-2 text-sm">
      {notice.urgent && (
        <span class="px-2 py-0.5 rounded bg-red-700 text-white font-bold">{t("notices.urgent")}</span>
      )}
      {notice.pinned && (
        <span class="px-2 py-0.5 rounded bg-amber-100 text-amber-900">{t("notices.pinned")}</span>
      )}
      <span class="px-2 py-0.5 rounded bg-gray-100 text-gray-800">
        {t(`notices.category.${notice.category}`)}
      </span>
    </p>
  );
}

export function NoticeList(
  { notices, wards, state, excerpt = true }: {
    notices: Notice[];
    wards: readonly Ward[];
    state: AppState;
    excerpt?: boolean;
  },
) {
  const { t, locale } = state;
  if (notices.length === 0) return <p class="p-4 rounded-lg bg-gray-50 text-gray-700">{t("notices.none")}</p>;
  return (
    <ul class="space-y-3">
      {notices.map((notice) => {
        const { title, body } = noticeText(notice, locale);
        const summary = plainText(body);
        return (
          <li
            class={`p-4 rounded-lg bg-white border ${notice.urgent ? "border-red-700" : "border-gray-200"}`}
          >
            <NoticeMarks notice={notice} state={state} />
            <h3 class="mt-2 text-lg font-bold leading-snug">
              <a href={`/notices/${notice.id}`} class="text-green-900 underline underline-offset-2">
                {title}
              </a>
            </h3>
            {excerpt && (
              <p class="mt-1 text-gray-700 leading-relaxed">
                {summary.length > 160 ? `${summary.slice(0, 160)}…` : summary}
              </p>
            )}
            <p class="mt-2 text-sm text-gray-600">
              {noticePlaces(notice, wards, state)} · <DateTime at={notice.publish_at} locale={locale} />
            </p>
          </li>
        );
      })}
    </ul>
  );
}
