/**
 * Reading the new-complaint form, with or without JavaScript: fields are validated with zod and every
 * problem comes back as a catalogue key next to the field it concerns. Photos are checked by their bytes,
 * not by the name or type the browser claims.
 */
import { z } from "zod";
import type { MessageKey } from "../i18n/mod.ts";
import { fieldErrors, formStrings, optionalField, typedText, writtenText } from "../validation.ts";
import { isInBangladesh, LIMITS, PHOTO_TYPES, type PhotoType } from "./model.ts";
import { withoutLocation } from "./photo_privacy.ts";
import { imageTypeOf } from "../image_type.ts";

export const FORM_FIELDS = [
  "category",
  "title",
  "description",
  "latitude",
  "longitude",
  "ward_id",
  "location",
] as const;
export type FormField = typeof FORM_FIELDS[number];
/** What the form shows again after a failed submit. */
export type ComplaintFormValues = Record<FormField | "client_request_id", string>;
/** Field → message; `form` is for problems that belong to no single field; `photos` to the photo picker. */
export type ComplaintFormErrors = Partial<Record<FormField | "photos" | "form", MessageKey>>;

/** A valid complaint, ready for `submit_complaint`. */
export interface ComplaintInput {
  clientRequestId: string;
  category: string;
  title: string;
  description: string;
  location: string | null;
  latitude: number | null;
  longitude: number | null;
  wardId: number | null;
}

/** What the form may choose from (active categories, existing wards). */
export interface FormChoices {
  categoryCodes: readonly string[];
  wardIds: ReadonlySet<number>;
}

function textSchema(categoryCodes: readonly string[]) {
  return z.object({
    client_request_id: z.uuid({ error: "complaint.error.request" }),
    category: z.string().refine((code) => categoryCodes.includes(code), {
      error: "complaint.error.category",
    }),
    title: typedText("error.control_characters")
      .transform((title) => title.replace(/\s+/g, " ").trim())
      .pipe(
        z.string()
          .min(LIMITS.titleMin, { error: "complaint.error.title_short" })
          .max(LIMITS.titleMax, { error: "complaint.error.title_long" }),
      ),
    description: typedText("error.control_characters")
      .transform((text) => text.replace(/\r\n?/g, "\n").trim())
      .pipe(
        z.string()
          .min(LIMITS.descriptionMin, { error: "complaint.error.description_short" })
          .max(LIMITS.descriptionMax, { error: "complaint.error.description_long" }),
      ),
  });
}

/** Where: coordinates from the device (inside Bangladesh), or a ward and an address. */
function placeSchema(wardIds: ReadonlySet<number>) {
  const coordinate = z.coerce.number({ error: "complaint.error.location_needed" });
  return z.object({
    latitude: optionalField(coordinate),
    longitude: optionalField(coordinate),
    ward_id: optionalField(
      z.coerce.number({ error: "complaint.error.ward" }).refine((id) => wardIds.has(id), {
        error: "complaint.error.ward",
      }),
    ),
    location: optionalField(
      typedText("error.control_characters").trim().max(LIMITS.locationMax, {
        error: "complaint.error.address_long",
      }),
    ),
  }).superRefine((place, ctx) => {
    const problem = (path: FormField, message: MessageKey) =>
      ctx.addIssue({ code: "custom", path: [path], message });
    const { latitude, longitude } = place;
    if (latitude !== undefined && longitude !== undefined) {
      if (!isInBangladesh(latitude, longitude)) problem("latitude", "complaint.error.outside_bangladesh");
    } else if (latitude !== undefined || longitude !== undefined) {
      problem("latitude", "complaint.error.location_needed");
    } else if (place.ward_id === undefined) {
      problem("ward_id", "complaint.error.location_needed");
    } else if (place.location === undefined) {
      problem("location", "complaint.error.address_needed");
    }
  });
}

/** The submitted text fields as strings (missing ones empty), to validate and to show again. */
export function formValues(form: FormData): ComplaintFormValues {
  return formStrings(form, [...FORM_FIELDS, "client_request_id"]);
}

export function parseComplaintForm(
  values: ComplaintFormValues,
  choices: FormChoices,
): { ok: true; input: ComplaintInput } | { ok: false; errors: ComplaintFormErrors } {
  const text = textSchema(choices.categoryCodes).safeParse(values);
  const place = placeSchema(choices.wardIds).safeParse(values);
  if (!text.success || !place.success) {
    const issues = [...(text.error?.issues ?? []), ...(place.error?.issues ?? [])];
    const errors: ComplaintFormErrors = fieldErrors(
      issues,
      (field) =>
        field === "client_request_id" ? "form" : field === "longitude" ? "latitude" : field as FormField,
    );
    return { ok: false, errors };
  }
  const round = (degrees: number | undefined) =>
    // ~10 cm is more than a phone can tell.
    degrees === undefined ? null : Math.round(degrees * 1e6) / 1e6;
  return {
    ok: true,
    input: {
      clientRequestId: text.data.client_request_id,
      category: text.data.category,
      title: text.data.title,
      description: text.data.description,
      location: place.data.location || null,
      latitude: round(place.data.latitude),
      longitude: round(place.data.longitude),
      wardId: place.data.ward_id ?? null,
    },
  };
}

/** A photo's real type from its first bytes: JPEG, PNG or WebP, else null. */
export function sniffPhotoType(head: Uint8Array): PhotoType | null {
  const type = imageTypeOf(head);
  return PHOTO_TYPES.find((photoType) => photoType === type) ?? null;
}

/** A photo checked by content, with its location metadata taken out (photo_privacy.ts): safe to store. */
export interface CheckedPhoto {
  bytes: Uint8Array<ArrayBuffer>;
  type: PhotoType;
}

/** The photo as it may be stored, or null when it is not a JPEG, PNG or WebP whose structure holds. */
export function checkPhoto(bytes: Uint8Array<ArrayBuffer>): CheckedPhoto | null {
  const type = sniffPhotoType(bytes);
  const cleaned = type && withoutLocation(bytes);
  return type && cleaned ? { bytes: cleaned, type } : null;
}

/** Checks photos sent with the form (browsers without JavaScript): count, size, real type. */
export async function checkPhotoFiles(
  files: File[],
  alreadyUploaded: number,
): Promise<{ ok: true; photos: CheckedPhoto[] } | { ok: false; error: MessageKey }> {
  const chosen = files.filter((file) => file.size > 0);
  if (chosen.length + alreadyUploaded > LIMITS.photosMax) {
    return { ok: false, error: "complaint.error.photos_too_many" };
  }
  const photos: CheckedPhoto[] = [];
  for (const file of chosen) {
    if (file.size > LIMITS.photoBytesMax) return { ok: false, error: "complaint.error.photo_size" };
    const photo = checkPhoto(new Uint8Array(await file.arrayBuffer()));
    if (!photo) return { ok: false, error: "complaint.error.photo_type" };
    photos.push(photo);
  }
  return { ok: true, photos };
}

const reopenReasonSchema = writtenText(LIMITS.commentMax, "complaint.resolution.error.reason_long")
  .pipe(z.string().min(1, { error: "complaint.resolution.error.reason" }));

/** What the citizen says is still wrong with a resolved complaint. */
export function parseReopenReason(
  typed: string,
): { ok: true; reason: string } | { ok: false; error: MessageKey } {
  const parsed = reopenReasonSchema.safeParse(typed);
  return parsed.success
    ? { ok: true, reason: parsed.data }
    : { ok: false, error: parsed.error.issues[0].message as MessageKey };
}
