/**
 * Numbers, digits and dates in the reader's language: Bengali digits (০-৯) for `bn`, Western digits for
 * `en`, and times always in Bangladesh's zone whatever the server's.
 */
import type { Locale } from "./locales.ts";

export const BANGLADESH_TIME_ZONE = "Asia/Dhaka";

const BENGALI_DIGITS = "০১২৩৪৫৬৭৮৯";
const INTL_LOCALE: Record<Locale, string> = { bn: "bn-BD", en: "en-BD" };

/** Replaces Bengali digits with ASCII ones, leaving everything else as it is (for parsing input). */
export function toAsciiDigits(text: string): string {
  return text.replace(/[০-৯]/g, (digit) => String(BENGALI_DIGITS.indexOf(digit)));
}

/** Replaces ASCII digits with Bengali ones, leaving everything else as it is. */
export function toBengaliDigits(text: string): string {
  return text.replace(/[0-9]/g, (digit) => BENGALI_DIGITS[Number(digit)]);
}

/** Digit strings that are not quantities (phone numbers, codes, ward numbers) in the locale's digits. */
export function localDigits(text: string | number, locale: Locale): string {
  return locale === "bn" ? toBengaliDigits(String(text)) : toAsciiDigits(String(text));
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** A quantity with the locale's digits and grouping (`bn`: ১২,৩৪,৫৬৭). */
export function formatNumber(value: number, locale: Locale, options: Intl.NumberFormatOptions = {}): string {
  const key = `${locale}:${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALE[locale], options);
    numberFormats.set(key, format);
  }
  return format.format(value);
}

export type DateStyle = "date" | "dayMonth" | "dateTime" | "time";
/**
 * Times name the part of the day (সকাল, বিকাল, রাত্রি) rather than "AM"/"PM", which ICU's Bengali
 * `timeStyle` prints in Latin letters.
 */
const TIME_OPTIONS: Intl.DateTimeFormatOptions = { hour: "numeric", minute: "2-digit", dayPeriod: "short" };
const DATE_OPTIONS: Record<Locale, Record<DateStyle, Intl.DateTimeFormatOptions>> = {
  bn: {
    date: { dateStyle: "long" },
    dayMonth: { day: "numeric", month: "short" },
    dateTime: { day: "numeric", month: "short", year: "numeric", ...TIME_OPTIONS },
    time: TIME_OPTIONS,
  },
  en: {
    date: { dateStyle: "long" },
    dayMonth: { day: "numeric", month: "short" },
    dateTime: { dateStyle: "medium", timeStyle: "short" },
    time: { timeStyle: "short" },
  },
};
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A date and/or time as people in Bangladesh read it (Asia/Dhaka), e.g. `২৪ নভেম্বর, ২০২৬`. */
export function formatDate(date: Date | string, locale: Locale, style: DateStyle = "date"): string {
  const key = `${locale}:${style}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
      ...DATE_OPTIONS[locale][style],
      timeZone: BANGLADESH_TIME_ZONE,
    });
    dateFormats.set(key, format);
  }
  return format.format(typeof date === "string" ? new Date(date) : date);
}
