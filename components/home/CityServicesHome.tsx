/**
 * The city's services on the home page: the urgent notice, the next collection in the person's ward,
 * their open complaints, the latest notices for their ward (city-wide ones for visitors) and the
 * emergency numbers.
 */
import type { AppState } from "@/lib/state.ts";
import type { HomePageData } from "@/lib/home_page.ts";
import type { EmergencyContact } from "@/lib/emergency/repository.ts";
import { noticeTitle } from "@/lib/notices/repository.ts";
import { statusLabels } from "@/lib/complaints/labels.ts";
import type { Ward } from "@/lib/wards.ts";
import { EmergencyNumbers } from "@/components/EmergencyNumbers.tsx";
import { NoticeList } from "@/components/notices/NoticeList.tsx";
import { NextCollection } from "@/components/waste/NextCollection.tsx";
import { LINK } from "@/components/ui.tsx";

export function CityServicesHome(
  { state, home, hotlines, wards }: {
    state: AppState;
    home: HomePageData;
    hotlines: EmergencyContact[];
    wards: readonly Ward[];
  },
) {
  const { t, locale, session } = state;
  const labels = statusLabels(t);
  return (
    <>
      {/* Signed-in people have the live banner above every page (components/notices/UrgentNotices.tsx). */}
      {!session &&
        home.urgent.map((notice) => (
          <section aria-label={t("notices.banner.label")} class="mb-6 p-4 rounded-lg bg-red-700 text-white">
            <p class="font-bold">{t("notices.banner.label")}</p>
            <p class="text-lg">
              <a href={`/notices/${notice.id}`} class="underline underline-offset-2">
                {noticeTitle(notice, locale)}
              </a>
            </p>
          </section>
        ))}

      {session && home.next_collection && (
        <section
          aria-labelledby="collection-heading"
          class="mb-6 p-4 rounded-lg bg-white border-2 border-green-700"
        >
          <h2 id="collection-heading" class="font-bold text-gray-800">{t("waste.next_in_ward")}</h2>
          <NextCollection collection={home.next_collection} state={state} />
          <a href="/waste" class={LINK}>{t("city.waste")}</a>
        </section>
      )}

      {home.open_complaints.length > 0 && (
        <section aria-labelledby="open-heading" class="mb-6">
          <h2 id="open-heading" class="mb-3 text-xl font-bold">{t("city.open_complaints")}</h2>
          <ul class="space-y-2">
            {home.open_complaints.map((complaint) => (
              <li class="p-3 rounded-lg bg-white border border-gray-200">
                <a href={`/complaints/${complaint.id}`} class={LINK}>{complaint.title}</a>
                <span class="block text-sm text-gray-700">{labels[complaint.status]}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="notices-heading" class="mb-8">
        <h2 id="notices-heading" class="mb-3 text-xl font-bold">{t("notices.latest_title")}</h2>
        <NoticeList notices={home.notices} wards={wards} state={state} excerpt={false} />
        <p class="mt-3">
          <a href="/notices" class={LINK}>{t("notices.all")}</a>
        </p>
      </section>

      <section class="mb-8" aria-labelledby="emergency-heading">
        <h2 id="emergency-heading" class="mb-3 text-xl font-bold">{t("emergency.title")}</h2>
        <EmergencyNumbers state={state} contacts={hotlines} />
        <p class="mt-3">
          <a href="/emergency" class={LINK}>{t("city.emergency")}</a>
        </p>
      </section>
    </>
  );
}
