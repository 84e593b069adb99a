/**
 * Waste collection for a ward (the signed-in person's home ward unless another is chosen): the next
 * collection, the weekly schedule, the transfer stations, what goes where, and bulky pickups.
 */
import { defineRoute } from "$fresh/server.ts";
import type { AppState } from "@/lib/state.ts";
import { localDigits } from "@/lib/i18n/mod.ts";
import { getProfile } from "@/lib/profile.ts";
import { wardFilter } from "@/lib/notices/repository.ts";
import { clock, loadSchedule, loadStations, nextCollections } from "@/lib/waste/repository.ts";
import { loadWards, wardLabel } from "@/lib/wards.ts";
import { WardChooser } from "@/components/WardChooser.tsx";
import { BinGuide } from "@/components/waste/BinGuide.tsx";
import { NextCollection, WEEKDAYS } from "@/components/waste/NextCollection.tsx";
import { BUTTON_PRIMARY, LINK, PageHeading, PageTitle } from "@/components/ui.tsx";

export default defineRoute<AppState>(async (_req, ctx) => {
  const { t, locale, session } = ctx.state;
  const [wards, profile] = await Promise.all([
    loadWards(),
    session ? getProfile(session).catch(() => null) : null,
  ]);
  const chosen = wardFilter(ctx.url.searchParams.get("ward"), new Set(wards.map((ward) => ward.id)));
  const wardId = chosen === undefined ? profile?.ward_id ?? null : chosen;
  const ward = wards.find((candidate) => candidate.id === wardId);
  const [schedule, next, stations] = ward
    ? await Promise.all([loadSchedule(ward.id), nextCollections(ward.id, 1), loadStations(ward.id)])
    : [[], [], []];

  return (
    <>
      <PageTitle title={t("waste.title")} state={ctx.state} />
      <PageHeading title={t("waste.title")} lead={t("waste.lead")} />
      <WardChooser
        state={ctx.state}
        wards={wards}
        selected={wardId}
        label="waste.ward"
        cityLabel="waste.ward"
      />

      {!ward ? <p class="mb-8 p-4 rounded-lg bg-gray-50">{t("waste.choose_ward")}</p> : (
        <>
          <section
            aria-labelledby="next-heading"
            class="mb-8 p-4 rounded-lg bg-white border-2 border-green-700"
          >
            <h2 id="next-heading" class="text-lg font-bold">
              {t("waste.next")} — {wardLabel(ward, t, locale)}
            </h2>
            {next[0]
              ? <NextCollection collection={next[0]} state={ctx.state} />
              : <p>{t("waste.no_schedule")}</p>}
          </section>

          {schedule.length > 0 && (
            <section aria-labelledby="schedule-heading" class="mb-8">
              <h2 id="schedule-heading" class="mb-3 text-xl font-bold">{t("waste.schedule")}</h2>
              <table class="w-full text-left bg-white border border-gray-200 rounded-lg">
                <caption class="sr-only">
                  {t("waste.schedule_caption", { ward: wardLabel(ward, t, locale) })}
                </caption>
                <thead>
                  <tr class="border-b border-gray-300">
                    <th scope="col" class="p-2">{t("waste.day")}</th>
                    <th scope="col" class="p-2">{t("waste.time")}</th>
                    <th scope="col" class="p-2">{t("waste.what")}</th>
                  </tr>
                </thead>
                <tbody>
                  {schedule.map((entry) => (
                    <tr class="border-b border-gray-100">
                      <th scope="row" class="p-2 font-normal">{t(WEEKDAYS[entry.weekday])}</th>
                      <td class="p-2 whitespace-nowrap">
                        {localDigits(`${clock(entry.starts_at)}–${clock(entry.ends_at)}`, locale)}
                      </td>
                      <td class="p-2">{t(`waste.stream.${entry.stream}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}

          <section aria-labelledby="stations-heading" class="mb-8">
            <h2 id="stations-heading" class="mb-3 text-xl font-bold">{t("waste.stations")}</h2>
            {stations.length === 0
              ? <p class="p-4 rounded-lg bg-gray-50">{t("waste.stations_none")}</p>
              : (
                <ul class="space-y-3">
                  {stations.map((station) => (
                    <li class="p-3 rounded-lg bg-white border border-gray-200">
                      <p class="font-bold">{locale === "bn" ? station.name_bn : station.name_en}</p>
                      {station.address_bn && <p>{station.address_bn}</p>}
                      {station.hours_bn && (
                        <p class="text-sm text-gray-700">
                          {t("waste.station_hours", { hours: station.hours_bn })}
                        </p>
                      )}
                      {station.latitude !== null && (
                        <a
                          href={`https://www.openstreetmap.org/?mlat=${station.latitude}&mlon=${station.longitude}#map=17/${station.latitude}/${station.longitude}`}
                          class={LINK}
                          rel="noopener noreferrer"
                        >
                          {t("waste.station_map")}
                        </a>
                      )}
                    </li>
                  ))}
                </ul>
              )}
          </section>
        </>
      )}

      <section aria-labelledby="bins-heading" class="mb-8">
        <h2 id="bins-heading" class="mb-3 text-xl font-bold">{t("waste.bins")}</h2>
        <BinGuide state={ctx.state} />
      </section>

      <section aria-labelledby="pickup-heading" class="mb-8">
        <h2 id="pickup-heading" class="mb-2 text-xl font-bold">{t("waste.pickup.title")}</h2>
        <p class="mb-3 text-gray-700">{t("waste.pickup.lead")}</p>
        <a href="/waste/pickup" class={BUTTON_PRIMARY}>{t("waste.pickup.link")}</a>
      </section>
    </>
  );
});
