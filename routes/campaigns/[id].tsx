/**
 * A campaign: its story and photo, progress that moves live as donations complete, the latest donors (names
 * hidden for those who asked), and the donation form. Anyone may read it; giving needs signing in, so the
 * receipt lands in the donor's payments. The form is a plain post; the amount is checked by the database.
 */
import { isUuid } from "@/lib/validation.ts";
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { AppState } from "@/lib/state.ts";
import { formatDate, islandMessages, type MessageKey } from "@/lib/i18n/mod.ts";
import { toAsciiDigits } from "@/lib/i18n/format.ts";
import { readForm } from "@/lib/http/body.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { config } from "@/lib/config.ts";
import {
  type Campaign,
  campaignDonors,
  type Donor,
  getCampaign,
  PaymentRefused,
  startDonation,
} from "@/lib/payments/repository.ts";
import { campaignTitle, formatTaka } from "@/lib/payments/format.ts";
import { redirectToBkash } from "@/lib/payments/checkout.ts";
import CampaignProgress from "@/islands/CampaignProgress.tsx";
import { BUTTON_PRIMARY, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";

interface CampaignData {
  campaign: Campaign;
  donors: Donor[];
  requestId: string;
  amount?: string;
  anonymous?: boolean;
  error?: MessageKey;
}

const isOpen = (campaign: Campaign) =>
  campaign.active && campaign.deadline >= new Date(Date.now() + 6 * 3_600_000).toISOString().slice(0, 10);

export const handler: Handlers<CampaignData, AppState> = {
  async GET(_req, ctx) {
    const campaign = await getCampaign(ctx.params.id);
    if (!campaign) return ctx.renderNotFound();
    return ctx.render({
      campaign,
      donors: await campaignDonors(campaign.id),
      requestId: crypto.randomUUID(),
    });
  },

  async POST(req, ctx) {
    const campaign = await getCampaign(ctx.params.id);
    if (!campaign) return ctx.renderNotFound();
    const { session } = ctx.state;
    if (!session) return redirect(`/login?${new URLSearchParams({ next: `/campaigns/${campaign.id}` })}`);
    const form = await readForm(req);
    const typed = toAsciiDigits(String(form.get("amount") ?? "")).replace(/[,\s]/g, "");
    const anonymous = form.get("anonymous") === "on";
    const requestId = String(form.get("request_id") ?? "");
    const again = async (error: MessageKey, status: number) =>
      ctx.render({
        campaign,
        donors: await campaignDonors(campaign.id),
        requestId: crypto.randomUUID(),
        amount: String(form.get("amount") ?? "").slice(0, 20),
        anonymous,
        error,
      }, { status });
    if (!isUuid(requestId)) return again("error.unreadable_form", 400);
    if (!/^\d{1,7}$/.test(typed)) return again("payments.error.donation_amount", 422);
    let paymentId: string;
    try {
      paymentId = await startDonation(session, {
        campaignId: campaign.id,
        amount: Number(typed),
        anonymous,
        requestId,
      });
    } catch (error) {
      if (error instanceof PaymentRefused) return again(error.messageKey, 422);
      throw error;
    }
    return redirectToBkash(session, paymentId);
  },
};

export default function CampaignPage({ data, state }: PageProps<CampaignData, AppState>) {
  const { t, locale, session } = state;
  const { campaign } = data;
  const title = campaignTitle(campaign, locale);
  return (
    <>
      <PageTitle title={title} state={state} />
      {campaign.photo_path && (
        <img src={campaign.photo_path} alt="" class="w-full h-48 object-cover rounded-lg mb-4" />
      )}
      <PageHeading title={title} lead={locale === "bn" ? campaign.story_bn : campaign.story_en} />
      <p class="mb-3 text-gray-800">
        {t("campaigns.deadline", { date: formatDate(campaign.deadline, locale) })}
      </p>
      <CampaignProgress
        campaignId={campaign.id}
        initial={{
          raised_amount: campaign.raised_amount,
          donor_count: campaign.donor_count,
          goal_amount: campaign.goal_amount,
        }}
        source={{ supabaseUrl: config.supabaseUrl, anonKey: config.supabaseAnonKey }}
        locale={locale}
        messages={islandMessages(locale, ["campaigns."])}
      />

      <section aria-labelledby="donate" class="mt-6">
        <h2 id="donate" class="mb-3 text-xl font-bold">{t("campaigns.donate.title")}</h2>
        {data.error && <Notice kind="error">{t(data.error)}</Notice>}
        {!isOpen(campaign)
          ? <p>{t("campaigns.donate.closed")}</p>
          : session
          ? (
            <form method="post" novalidate class="space-y-4">
              <input type="hidden" name="request_id" value={data.requestId} />
              <div>
                <label for="amount" class="block font-bold">{t("campaigns.donate.amount")}</label>
                <p id="amount-hint" class="text-sm text-gray-700">{t("campaigns.donate.amount_hint")}</p>
                <input
                  id="amount"
                  name="amount"
                  inputMode="numeric"
                  autoComplete="off"
                  value={data.amount ?? ""}
                  aria-describedby="amount-hint"
                  aria-invalid={data.error === "payments.error.donation_amount" ? "true" : undefined}
                  class="mt-1 w-full min-h-[48px] px-3 rounded-md border border-gray-400 text-lg"
                />
              </div>
              <label class="flex items-start gap-3">
                <input
                  type="checkbox"
                  name="anonymous"
                  checked={data.anonymous}
                  class="mt-1 w-5 h-5 accent-green-700"
                />
                <span>{t("campaigns.donate.anonymous")}</span>
              </label>
              <button type="submit" class={`${BUTTON_PRIMARY} w-full`}>{t("campaigns.donate.submit")}</button>
            </form>
          )
          : (
            <a
              href={`/login?${new URLSearchParams({ next: `/campaigns/${campaign.id}` })}`}
              class={BUTTON_PRIMARY}
            >
              {t("campaigns.donate.sign_in")}
            </a>
          )}
      </section>

      {
        /* Only when there are donors: the list is drawn once, while progress above moves live, so an empty
          list's "nobody yet" would soon contradict it. */
      }
      {data.donors.length > 0 && (
        <section aria-labelledby="donors" class="mt-8">
          <h2 id="donors" class="mb-3 text-xl font-bold">{t("campaigns.donors.title")}</h2>
          <ul class="divide-y divide-gray-200 rounded-lg bg-white border border-gray-200">
            {data.donors.map((donor) => (
              <li class="flex justify-between gap-3 p-3">
                <span>{donor.donor_name ?? t("campaigns.donors.anonymous")}</span>
                <span class="font-bold whitespace-nowrap">{formatTaka(donor.amount, locale)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
