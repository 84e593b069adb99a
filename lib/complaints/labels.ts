/** Words for complaint codes in the reader's language, and the message subsets islands receive as props. */
import type { Locale, MessageKey, MessageParams, Translate } from "../i18n/mod.ts";
import { formatNumber } from "../i18n/format.ts";
import { bn as complaintMessages } from "../i18n/messages/complaints.ts";
import { type Category, COMPLAINT_STATUSES, type ComplaintStatus, type Ward } from "./model.ts";

export function statusLabels(t: Translate): Record<ComplaintStatus, string> {
  return Object.fromEntries(
    COMPLAINT_STATUSES.map((status) => [status, t(`complaint.status.${status}`)]),
  ) as Record<
    ComplaintStatus,
    string
  >;
}

export function categoryName(category: Category | undefined, code: string, locale: Locale): string {
  if (!category) return code;
  return locale === "bn" ? category.name_bn : category.name_en;
}

/** "ঢাকা উত্তর সিটি কর্পোরেশন-এর ওয়ার্ড ১২" / "Ward 12, Dhaka North City Corporation". */
export function wardLabel(ward: Ward, t: Translate, locale: Locale): string {
  return t("complaint.ward_label", {
    city: t(`complaint.city.${ward.city_corporation}`),
    ward: locale === "bn" ? ward.name_bn : ward.name_en,
  });
}

/** The complaint messages whose keys start with one of `prefixes`, translated: what an island needs. */
export function messagesFor(t: Translate, prefixes: string[]): Record<string, string> {
  const keys = (Object.keys(complaintMessages) as MessageKey[]).filter((key) =>
    prefixes.some((p) => key.startsWith(p))
  );
  return Object.fromEntries(keys.map((key) => [key, t(key)]));
}

/** `t()` for islands, over the messages they were given: fills `{name}` and writes numbers in local digits. */
export function islandTranslator(messages: Record<string, string>, locale: Locale) {
  return (key: string, params?: MessageParams): string =>
    (messages[key] ?? key).replace(/\{(\w+)\}/g, (placeholder, name: string) => {
      const value = params?.[name];
      if (value === undefined) return placeholder;
      return typeof value === "number" ? formatNumber(value, locale) : value;
    });
}
