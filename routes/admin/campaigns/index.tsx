/** Donation campaigns (super admins): create one, or change a campaign's text, photo, goal, deadline or state. */
import { isUuid } from "@/lib/validation.ts";
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { StaffState } from "@/lib/auth/guard.ts";
import { formatNumber } from "@/lib/i18n/mod.ts";
import { readForm } from "@/lib/http/body.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { type Campaign, listCampaigns } from "@/lib/payments/repository.ts";
import { saveCampaign } from "@/lib/payments/admin.ts";
import { formatTaka } from "@/lib/payments/format.ts";
import { INPUT_SMALL, LabelledControl } from "@/components/FormField.tsx";
import { BUTTON_PRIMARY, LINK, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";

interface CampaignsData {
  campaigns: Campaign[];
  failed?: boolean;
}

export const handler: Handlers<CampaignsData, StaffState> = {
  async GET(_req, ctx) {
    return ctx.render({ campaigns: await listCampaigns(ctx.state.session) });
  },
  async POST(req, ctx) {
    const form = await readForm(req);
    const id = String(form.get("id") ?? "");
    const saved = await saveCampaign(ctx.state.session, form, isUuid(id) ? id : undefined);
    if (!saved) {
      return ctx.render({ campaigns: await listCampaigns(ctx.state.session), failed: true }, { status: 422 });
    }
    return redirect("/admin/campaigns?saved=1");
  },
};

function CampaignForm({ campaign, state }: { campaign?: Campaign; state: StaffState }) {
  const { t, locale } = state;
  const text = (name: "title_bn" | "title_en", label: Parameters<typeof t>[0]) => (
    <LabelledControl small label={t(label)}>
      <input name={name} required value={campaign?.[name]} class={INPUT_SMALL} />
    </LabelledControl>
  );
  const story = (name: "story_bn" | "story_en", label: Parameters<typeof t>[0]) => (
    <LabelledControl small class="sm:col-span-2" label={t(label)}>
      <textarea name={name} required rows={3} class="w-full px-3 py-2 rounded-md border border-gray-400">
        {campaign?.[name] ?? ""}
      </textarea>
    </LabelledControl>
  );
  return (
    <form method="post" class="p-4 rounded-lg bg-white border border-gray-300 grid gap-3 sm:grid-cols-2">
      {campaign && <input type="hidden" name="id" value={campaign.id} />}
      {campaign && (
        <p class="sm:col-span-2 text-sm text-gray-700">
          {formatTaka(campaign.raised_amount, locale)} · {formatNumber(campaign.donor_count, locale)} ·{" "}
          <a class={LINK} href={`/campaigns/${campaign.id}`}>{campaign.title_bn}</a>
        </p>
      )}
      {text("title_bn", "payments_admin.campaigns.title_bn")}
      {text("title_en", "payments_admin.campaigns.title_en")}
      {story("story_bn", "payments_admin.campaigns.story_bn")}
      {story("story_en", "payments_admin.campaigns.story_en")}
      <LabelledControl small label={t("payments_admin.campaigns.photo")}>
        <input name="photo_path" value={campaign?.photo_path ?? ""} class={INPUT_SMALL} />
      </LabelledControl>
      <LabelledControl small label={t("payments_admin.campaigns.goal")}>
        <input
          name="goal_amount"
          required
          inputMode="numeric"
          value={campaign ? String(campaign.goal_amount) : ""}
          class={INPUT_SMALL}
        />
      </LabelledControl>
      <LabelledControl small label={t("payments_admin.campaigns.deadline")}>
        <input type="date" name="deadline" required value={campaign?.deadline} class={INPUT_SMALL} />
      </LabelledControl>
      <label class="flex items-center gap-2">
        <input
          type="checkbox"
          name="active"
          checked={campaign ? campaign.active : true}
          class="w-5 h-5 accent-green-700"
        />
        {t("payments_admin.campaigns.active")}
      </label>
      <button type="submit" class={`${BUTTON_PRIMARY} sm:col-span-2`}>
        {t(campaign ? "payments_admin.campaigns.save" : "payments_admin.campaigns.add")}
      </button>
    </form>
  );
}

export default function CampaignsAdminPage({ data, state, url }: PageProps<CampaignsData, StaffState>) {
  const { t } = state;
  return (
    <>
      <PageTitle title={t("payments_admin.campaigns.title")} state={state} />
      <PageHeading title={t("payments_admin.campaigns.title")} lead={t("payments_admin.campaigns.lead")} />
      {url.searchParams.has("saved") && !data.failed && (
        <Notice kind="info">{t("payments_admin.campaigns.saved")}</Notice>
      )}
      {data.failed && <Notice kind="error">{t("payments_admin.campaigns.error")}</Notice>}
      <h2 class="mb-3 text-xl font-bold">{t("payments_admin.campaigns.add")}</h2>
      <CampaignForm state={state} />
      <ul class="mt-8 space-y-4">
        {data.campaigns.map((campaign) => (
          <li>
            <CampaignForm campaign={campaign} state={state} />
          </li>
        ))}
      </ul>
    </>
  );
}
