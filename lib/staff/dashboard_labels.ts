/** The dashboard's figures in words and the reader's digits: durations, shares, ward and day names. */
import { formatDate, formatNumber, type Locale, type Translate } from "../i18n/mod.ts";
import { type Ward, wardName } from "../wards.ts";
import type { Percentile } from "./resolution_histogram.ts";

/** Hours under two days as hours, longer as days; "over 30 days" past the histogram's last bound. */
export function formatDuration(time: Percentile | null, t: Translate, locale: Locale): string {
  if (!time) return t("dashboard.none");
  const days = (value: number) => formatNumber(value / 24, locale, { maximumFractionDigits: 1 });
  if (time.over) return t("dashboard.duration.over", { value: days(time.hours) });
  if (time.hours < 48) {
    const hours = formatNumber(time.hours, locale, { maximumFractionDigits: time.hours < 10 ? 1 : 0 });
    return t("dashboard.duration.hours", { value: hours });
  }
  return t("dashboard.duration.days", { value: days(time.hours) });
}

/** `part` of `whole` as a percentage ("৮৫%"), or a dash when there is no whole. */
export function formatShare(part: number, whole: number, t: Translate, locale: Locale): string {
  return whole > 0 ? formatNumber(part / whole, locale, { style: "percent" }) : t("dashboard.none");
}

/** A ward's short name with its city corporation ("ওয়ার্ড ১২, উত্তর"); 0 is complaints with no ward. */
export function wardTitle(
  wardId: number,
  wards: ReadonlyMap<number, Ward>,
  t: Translate,
  locale: Locale,
): string {
  const ward = wards.get(wardId);
  if (!ward) return wardId === 0 ? t("dashboard.no_ward") : formatNumber(wardId, locale);
  return t(`dashboard.ward_name.${ward.city_corporation}`, { ward: wardName(ward, locale) });
}

/** A day (YYYY-MM-DD) as "২৯ নভেম্বর, ২০২৬", or shortly as "২৯ নভে". */
export function formatDay(day: string, locale: Locale, short = false): string {
  return formatDate(`${day}T12:00:00+06:00`, locale, short ? "dayMonth" : "date");
}
