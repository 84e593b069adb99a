/**
 * What a complaint is, as the app sees it: codes as stored in the database, the shapes read back, and the
 * rules shared by server and browser (tracking numbers, limits). Safe to import from islands.
 */
import { toAsciiDigits } from "../i18n/format.ts";

export const COMPLAINT_STATUSES = ["submitted", "in_progress", "resolved", "closed", "rejected"] as const;
export type ComplaintStatus = typeof COMPLAINT_STATUSES[number];

/** Statuses in which a complaint is still being dealt with (others can be followed no longer). */
export const OPEN_STATUSES: readonly ComplaintStatus[] = ["submitted", "in_progress"];

/** How urgently staff should act, most urgent first. */
export const COMPLAINT_PRIORITIES = ["high", "medium", "low"] as const;
export type ComplaintPriority = typeof COMPLAINT_PRIORITIES[number];

/** How long after a resolution its citizen may confirm it or say it is not fixed (the database's rule). */
const RESOLUTION_ANSWER_MS = 7 * 24 * 60 * 60 * 1000;

/** Until when a resolved complaint's citizen may answer; null when it is not resolved. */
export function resolutionAnswerUntil(
  complaint: { status: ComplaintStatus; resolved_at: string | null },
): Date | null {
  if (complaint.status !== "resolved" || complaint.resolved_at === null) return null;
  return new Date(Date.parse(complaint.resolved_at) + RESOLUTION_ANSWER_MS);
}

/** Limits the database enforces too (see the complaints migration). */
export const LIMITS = {
  titleMin: 3,
  titleMax: 200,
  descriptionMin: 10,
  descriptionMax: 2000,
  locationMax: 200,
  /** A comment, reply, note or reason in a complaint's history. */
  commentMax: 2000,
  photosMax: 5,
  /** The complaint-photos bucket's file_size_limit (5 MiB). */
  photoBytesMax: 5 * 1024 * 1024,
} as const;

export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type PhotoType = typeof PHOTO_TYPES[number];

export interface Category {
  code: string;
  name_bn: string;
  name_en: string;
}

/** One entry of a complaint's history. */
export interface TimelineEntry {
  status: ComplaintStatus;
  /** ISO timestamp. */
  at: string;
  comment: string | null;
}

/** Tracking numbers: "CC-" and 8 characters from an alphabet without look-alikes (no 0 O 1 I L U). */
export const TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
const TRACKING_PATTERN = new RegExp(`^CC-[${TRACKING_ALPHABET}]{8}$`);

/**
 * The canonical form of a tracking number as someone typed it: any case, Bengali or ASCII digits, with or
 * without the "CC" prefix, dashes and spaces. Null when it cannot be a tracking number. Mirrors
 * `public.normalize_tracking_number` in SQL.
 */
export function normalizeTrackingNumber(typed: string): string | null {
  const cleaned = toAsciiDigits(typed).toUpperCase().replace(/[^0-9A-Z]/g, "");
  const code = cleaned.length === 10 && cleaned.startsWith("CC")
    ? cleaned.slice(2)
    : cleaned.length === 8
    ? cleaned
    : null;
  if (code === null) return null;
  const candidate = `CC-${code}`;
  return TRACKING_PATTERN.test(candidate) ? candidate : null;
}

/** The place on OpenStreetMap, zoomed in to the street, with a marker. */
export function openStreetMapLink(latitude: number, longitude: number): string {
  return `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=18/${latitude}/${longitude}`;
}

/** Bangladesh's extent, generously: coordinates outside it are a device error, not a complaint location. */
export const BANGLADESH_BOUNDS = { south: 20.5, north: 26.7, west: 88.0, east: 92.7 } as const;

export function isInBangladesh(latitude: number, longitude: number): boolean {
  const b = BANGLADESH_BOUNDS;
  return latitude >= b.south && latitude <= b.north && longitude >= b.west && longitude <= b.east;
}
