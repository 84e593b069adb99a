/** Words for complaint codes in the reader's language. Safe to import from islands. */
import type { Locale, Translate } from "../i18n/mod.ts";
import { type Category, COMPLAINT_STATUSES, type ComplaintStatus } from "./model.ts";

export function statusLabels(t: Translate): Record<ComplaintStatus, string> {
  const labels = COMPLAINT_STATUSES.map((status) => [status, t(`complaint.status.${status}`)]);
  return Object.fromEntries(labels) as Record<ComplaintStatus, string>;
}

export function categoryName(category: Category | undefined, code: string, locale: Locale): string {
  if (!category) return code;
  return locale === "bn" ? category.name_bn : category.name_en;
}
