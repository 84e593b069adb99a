/** Donation campaigns, open to everyone: each with its photo, progress and a link to give. */
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { AppState } from "@/lib/state.ts";
import { formatDate, formatNumber } from "@/lib/i18n/mod.ts";
import { type Campaign, listCampaigns } from "@/lib/payments/repository.ts";
import { campaignTitle, formatTaka, progressPercent } from "@/lib/payments/format.ts";
import { BUTTON_PRIMARY, PageHeading, PageTitle } from "@/components/ui.tsx";

export const handler: Handlers<Campaign[], AppState> = {
  async GET(_req, ctx) {
    return ctx.render((await listCampaigns()).filter((campaign) => campaign.active));
  },
};

export default function CampaignsPage({ data, state }: PageProps<Campaign[], AppState>) {
  const { t, locale } = state;
  return (
    <>
      <PageTitle title={t("campaigns.title")} state={state} />
      <PageHeading title={t("campaigns.title")} lead={t("campaigns.lead")} />
      {data.length === 0 ? <p>{t("campaigns.empty")}</p> : (
        <ul class="space-y-4">
          {data.map((campaign) => {
            const percent = progressPercent(campaign);
            return (
              <li class="rounded-lg bg-white border border-gray-300 overflow-hidden">
                {campaign.photo_path && (
                  <img src={campaign.photo_path} alt="" class="w-full h-40 object-cover" />
                )}
                <div class="p-4">
                  <h2 class="text-lg font-bold">{campaignTitle(campaign, locale)}</h2>
                  <p class="mt-1 text-gray-800">
                    {t("campaigns.raised", {
                      raised: formatTaka(campaign.raised_amount, locale),
                      goal: formatTaka(campaign.goal_amount, locale),
                    })}
                  </p>
                  <div class="mt-2 h-3 rounded-full bg-gray-200 overflow-hidden" aria-hidden="true">
                    <div class="h-full bg-green-700" style={{ width: `${percent}%` }} />
                  </div>
                  <p class="mt-1 text-sm text-gray-700">
                    {t("campaigns.progress", { percent: formatNumber(percent, locale) })} ·{" "}
                    {t("campaigns.deadline", { date: formatDate(campaign.deadline, locale) })}
                  </p>
                  <a href={`/campaigns/${campaign.id}`} class={`${BUTTON_PRIMARY} mt-3 w-full`}>
                    {t("campaigns.open")}
                  </a>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
