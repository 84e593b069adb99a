/** How payments read on pages and receipts: taka in the reader's digits, names in their language. */
import type { Locale } from "../i18n/locales.ts";
import { formatNumber } from "../i18n/format.ts";
import type { Campaign, Fee, Payment } from "./repository.ts";

/** `৳ ১,৫০০` / `৳ 1,500`; paisa only when there are any (`৳ ২৫০.৫০`). */
export function formatTaka(amount: number, locale: Locale): string {
  const fractional = Math.round(amount * 100) % 100 !== 0;
  return `৳ ${
    formatNumber(amount, locale, { minimumFractionDigits: fractional ? 2 : 0, maximumFractionDigits: 2 })
  }`;
}

export const feeName = (fee: Pick<Fee, "name_bn" | "name_en">, locale: Locale) =>
  locale === "bn" ? fee.name_bn : fee.name_en;

export const campaignTitle = (campaign: Pick<Campaign, "title_bn" | "title_en">, locale: Locale) =>
  locale === "bn" ? campaign.title_bn : campaign.title_en;

/** What a payment was for: the fee's name or the campaign's title (the code or id when unknown). */
export function paymentPurpose(
  payment: Pick<Payment, "kind" | "fee_code" | "campaign_id">,
  fees: ReadonlyMap<string, Fee>,
  campaigns: ReadonlyMap<string, Campaign>,
  locale: Locale,
  donationLabel: (title: string) => string,
): string {
  if (payment.kind === "fee") {
    const fee = fees.get(payment.fee_code!);
    return fee ? feeName(fee, locale) : payment.fee_code!;
  }
  const campaign = campaigns.get(payment.campaign_id!);
  return donationLabel(campaign ? campaignTitle(campaign, locale) : "");
}

/** Share of the goal reached, 0-100, whole percent. */
export function progressPercent(campaign: Pick<Campaign, "raised_amount" | "goal_amount">): number {
  return Math.min(100, Math.floor((Number(campaign.raised_amount) / Number(campaign.goal_amount)) * 100));
}
