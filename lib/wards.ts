/**
 * The city corporations' wards (`public.wards`): reference data every feature shares (profiles,
 * complaints, and later notices, waste collection and emergency contacts). Read as anon and kept for a
 * while, since wards change about once a decade.
 */
import { visitorClient } from "./supabase.ts";
import { cachedFor, REFERENCE_TTL_MS } from "./cache.ts";
import type { Locale, Translate } from "./i18n/mod.ts";

export const CITY_CORPORATIONS = ["DNCC", "DSCC"] as const;
export type CityCorporation = typeof CITY_CORPORATIONS[number];

export interface Ward {
  id: number;
  city_corporation: CityCorporation;
  number: number;
  name_bn: string;
  name_en: string;
}

/** A `<select>` option group: one city corporation's wards. */
export interface WardGroup {
  label: string;
  options: { value: string; label: string }[];
}

/** All wards, DNCC then DSCC, by number. */
export const loadWards = cachedFor(REFERENCE_TTL_MS, async () => {
  const { data, error } = await visitorClient()
    .from("wards").select("id, city_corporation, number, name_bn, name_en").order("id");
  if (error) throw new Error(`reading wards failed: ${error.message}`);
  return data as Ward[];
});

/** The ward's name in the reader's language. */
export function wardName(ward: Pick<Ward, "name_bn" | "name_en">, locale: Locale): string {
  return locale === "bn" ? ward.name_bn : ward.name_en;
}

/** "ঢাকা উত্তর সিটি কর্পোরেশন-এর ওয়ার্ড ১২" / "Ward 12, Dhaka North City Corporation". */
export function wardLabel(ward: Ward, t: Translate, locale: Locale): string {
  return t("complaint.ward_label", {
    city: t(`complaint.city.${ward.city_corporation}`),
    ward: wardName(ward, locale),
  });
}

/** Wards grouped by city corporation, for a ward picker. */
export function wardGroups(wards: readonly Ward[], t: Translate, locale: Locale): WardGroup[] {
  return CITY_CORPORATIONS.map((city) => ({
    label: t(`complaint.city.${city}`),
    options: wards.filter((ward) => ward.city_corporation === city).map((ward) => ({
      value: String(ward.id),
      label: wardName(ward, locale),
    })),
  }));
}
