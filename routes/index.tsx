import { defineRoute } from "$fresh/server.ts";
import type { AppState } from "@/lib/state.ts";
import { displayPhone } from "@/lib/phone.ts";
import type { MessageKey } from "@/lib/i18n/mod.ts";
import { Icon, type IconName } from "@/components/Icon.tsx";
import { loadHomePage } from "@/lib/home_page.ts";
import { loadWards } from "@/lib/wards.ts";
import { CityServicesHome } from "@/components/home/CityServicesHome.tsx";
import { CityServiceLinks } from "@/components/CityServiceLinks.tsx";
import { BUTTON_PRIMARY, PageTitle } from "@/components/ui.tsx";

const FEATURES: MessageKey[] = [
  "home.feature_complaints",
  "home.feature_payments",
  "home.feature_waste",
  "home.feature_notices",
];

export default defineRoute<AppState>(async (_req, ctx) => {
  const { t, locale, session } = ctx.state;
  // One round of queries: the city services' data (lib/home_page.ts) and the wards (kept in memory).
  const [{ home, hotlines }, wards] = await Promise.all([loadHomePage(session), loadWards()]);
  const greetingName = session ? home.full_name ?? displayPhone(session.user.phone ?? "", locale) : undefined;

  return (
    <>
      <PageTitle state={ctx.state} />
      <section class="mb-8">
        {greetingName && (
          <p class="mb-2 text-lg font-bold text-green-800">{t("home.greeting", { name: greetingName })}</p>
        )}
        <h1 class="text-3xl font-bold leading-tight text-gray-900">{t("home.title")}</h1>
        <p class="mt-3 text-lg leading-relaxed text-gray-700">{t("home.lead")}</p>
      </section>

      <div class="grid gap-3 sm:grid-cols-2 mb-8">
        <BigAction
          href="/complaints/new"
          icon="plus"
          title={t("home.file_complaint")}
          hint={t("home.file_complaint_hint")}
          primary
        />
        <BigAction
          href="/complaints"
          icon="search"
          title={t("home.track_complaint")}
          hint={t("home.track_complaint_hint")}
        />
      </div>

      {!session && (
        <div class="mb-8 p-4 rounded-lg bg-green-50 border border-green-200">
          <p class="mb-3 text-gray-800">{t("home.sign_in_prompt")}</p>
          <a href="/login" class={BUTTON_PRIMARY}>
            {t("shell.sign_in")}
            <Icon name="arrow" class="w-5 h-5" />
          </a>
        </div>
      )}

      <CityServicesHome state={ctx.state} home={home} hotlines={hotlines} wards={wards} />
      <div class="mb-8">
        <CityServiceLinks state={ctx.state} />
      </div>

      <section aria-labelledby="features-heading">
        <h2 id="features-heading" class="mb-3 text-xl font-bold">{t("home.features_title")}</h2>
        <ul class="space-y-2">
          {FEATURES.map((text) => (
            <li class="flex items-start gap-3 p-3 rounded-lg bg-white border border-gray-200">
              <span class="mt-2 flex-none w-2 h-2 rounded-full bg-green-700" aria-hidden="true" />
              <span class="flex-1">{t(text)}</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
});

function BigAction(
  { href, icon, title, hint, primary = false }: {
    href: string;
    icon: IconName;
    title: string;
    hint: string;
    primary?: boolean;
  },
) {
  const colours = primary
    ? "bg-green-700 text-white border-2 border-green-700 hover:bg-green-800"
    : "bg-white text-green-900 border-2 border-green-700 hover:bg-green-50";
  return (
    <a href={href} class={`flex items-center gap-4 min-h-[80px] p-4 rounded-xl ${colours}`}>
      <span
        class={`flex-none flex items-center justify-center w-12 h-12 rounded-full ${
          primary ? "bg-green-800" : "bg-green-100"
        }`}
      >
        <Icon name={icon} class="w-7 h-7" />
      </span>
      <span class="flex-1">
        <span class="block text-xl font-bold">{title}</span>
        <span class={`block text-sm ${primary ? "text-green-50" : "text-gray-700"}`}>{hint}</span>
      </span>
    </a>
  );
}
