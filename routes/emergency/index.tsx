/**
 * Emergency help: call 999 first when a life is in danger (said plainly, at the top), the national
 * numbers, the chosen ward's own numbers (the signed-in person's home ward unless another is picked),
 * and the way to send an SOS to the ward office.
 */
import { defineRoute } from "$fresh/server.ts";
import type { AppState } from "@/lib/state.ts";
import { getProfile } from "@/lib/profile.ts";
import { loadNationalContacts, loadWardContacts } from "@/lib/emergency/repository.ts";
import { wardFilter } from "@/lib/notices/repository.ts";
import { loadWards, wardLabel } from "@/lib/wards.ts";
import { WardChooser } from "@/components/WardChooser.tsx";
import { EmergencyNumbers } from "@/components/EmergencyNumbers.tsx";
import { LifeDanger } from "@/components/emergency/LifeDanger.tsx";
import { BUTTON_PRIMARY, PageHeading, PageTitle } from "@/components/ui.tsx";

export default defineRoute<AppState>(async (_req, ctx) => {
  const { t, locale, session } = ctx.state;
  const [wards, national, profile] = await Promise.all([
    loadWards(),
    loadNationalContacts(),
    session ? getProfile(session).catch(() => null) : null,
  ]);
  const chosen = wardFilter(ctx.url.searchParams.get("ward"), new Set(wards.map((ward) => ward.id)));
  const wardId = chosen === undefined ? profile?.ward_id ?? null : chosen;
  const ward = wards.find((candidate) => candidate.id === wardId);
  const local = ward ? await loadWardContacts(ward.id) : [];

  return (
    <>
      <PageTitle title={t("emergency.page_title")} state={ctx.state} />
      <PageHeading title={t("emergency.page_title")} />
      <LifeDanger state={ctx.state} />

      <section aria-labelledby="sos-heading" class="mb-8 p-4 rounded-lg bg-white border-2 border-red-700">
        <h2 id="sos-heading" class="text-xl font-bold">{t("emergency.sos_title")}</h2>
        <p class="mt-2 mb-4 text-gray-800">{t("emergency.sos_lead")}</p>
        <a href="/emergency/sos" class={`${BUTTON_PRIMARY} bg-red-700 hover:bg-red-800`}>
          {session ? t("emergency.sos_button") : t("emergency.sos_sign_in")}
        </a>
      </section>

      <section aria-labelledby="national-heading" class="mb-8">
        <h2 id="national-heading" class="mb-3 text-xl font-bold">{t("emergency.national")}</h2>
        <EmergencyNumbers state={ctx.state} contacts={national} />
      </section>

      <section aria-labelledby="ward-heading" class="mb-8">
        <WardChooser
          state={ctx.state}
          wards={wards}
          selected={wardId}
          label="notices.ward_filter"
          cityLabel="sos.ward_placeholder"
        />
        {ward && (
          <>
            <h2 id="ward-heading" class="mb-3 text-xl font-bold">
              {t("emergency.ward_contacts", { ward: wardLabel(ward, t, locale) })}
            </h2>
            {local.length
              ? <EmergencyNumbers state={ctx.state} contacts={local} />
              : <p class="p-4 rounded-lg bg-gray-50 text-gray-700">{t("emergency.ward_contacts_none")}</p>}
          </>
        )}
      </section>
    </>
  );
});
