import { defineRoute } from "$fresh/server.ts";
import type { AppState } from "@/lib/state.ts";
import { loadNationalContacts } from "@/lib/emergency/repository.ts";
import { EmergencyNumbers } from "@/components/EmergencyNumbers.tsx";
import { CityServiceLinks } from "@/components/CityServiceLinks.tsx";
import { BUTTON_PRIMARY, BUTTON_SECONDARY, LINK, PageHeading, PageTitle } from "@/components/ui.tsx";

export default defineRoute<AppState>(async (_req, ctx) => {
  const { t } = ctx.state;
  const national = await loadNationalContacts();
  return (
    <>
      <PageTitle title={t("services.title")} state={ctx.state} />
      <PageHeading title={t("services.title")} />
      <CityServiceLinks state={ctx.state} />
      <section aria-labelledby="pay" class="mt-8">
        <h2 id="pay" class="mb-1 text-xl font-bold">{t("payments.services.title")}</h2>
        <p class="mb-3 text-gray-700">{t("payments.services.lead")}</p>
        <div class="flex flex-wrap gap-3 items-center">
          <a href="/payments/new" class={BUTTON_PRIMARY}>{t("payments.pay_fee")}</a>
          <a href="/campaigns" class={BUTTON_SECONDARY}>{t("payments.donate")}</a>
          <a href="/payments" class={LINK}>{t("payments.title")}</a>
        </div>
      </section>
      <section aria-labelledby="hotlines" class="mt-8">
        <h2 id="hotlines" class="mb-1 text-xl font-bold">{t("emergency.title")}</h2>
        <p class="mb-3 text-gray-700">{t("services.lead")}</p>
        <EmergencyNumbers state={ctx.state} contacts={national} />
      </section>
    </>
  );
});
