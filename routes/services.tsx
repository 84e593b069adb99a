import type { PageProps } from "$fresh/server.ts";
import type { AppState } from "@/lib/state.ts";
import { EmergencyNumbers } from "@/components/EmergencyNumbers.tsx";
import { PageHeading, PageTitle } from "@/components/ui.tsx";

export default function ServicesPage({ state }: PageProps<unknown, AppState>) {
  const { t } = state;
  return (
    <>
      <PageTitle title={t("services.title")} state={state} />
      <PageHeading title={t("services.title")} lead={t("services.lead")} />
      <section aria-labelledby="hotlines" class="mb-8">
        <h2 id="hotlines" class="mb-3 text-xl font-bold">{t("emergency.title")}</h2>
        <EmergencyNumbers state={state} />
      </section>
      <p class="text-gray-700">{t("services.more")}</p>
    </>
  );
}
