import type { PageProps } from "$fresh/server.ts";
import type { AppState } from "@/lib/state.ts";
import { EmergencyNumbers } from "@/components/EmergencyNumbers.tsx";
import { BUTTON_PRIMARY, BUTTON_SECONDARY, LINK, PageHeading, PageTitle } from "@/components/ui.tsx";

export default function ServicesPage({ state }: PageProps<unknown, AppState>) {
  const { t } = state;
  return (
    <>
      <PageTitle title={t("services.title")} state={state} />
      <PageHeading title={t("services.title")} lead={t("services.lead")} />
      <section aria-labelledby="pay" class="mb-8">
        <h2 id="pay" class="mb-1 text-xl font-bold">{t("payments.services.title")}</h2>
        <p class="mb-3 text-gray-700">{t("payments.services.lead")}</p>
        <div class="flex flex-wrap gap-3 items-center">
          <a href="/payments/new" class={BUTTON_PRIMARY}>{t("payments.pay_fee")}</a>
          <a href="/campaigns" class={BUTTON_SECONDARY}>{t("payments.donate")}</a>
          <a href="/payments" class={LINK}>{t("payments.title")}</a>
        </div>
      </section>
      <section aria-labelledby="hotlines" class="mb-8">
        <h2 id="hotlines" class="mb-3 text-xl font-bold">{t("emergency.title")}</h2>
        <EmergencyNumbers state={state} />
      </section>
      <p class="text-gray-700">{t("services.more")}</p>
    </>
  );
}
