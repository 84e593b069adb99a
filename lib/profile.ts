/**
 * The signed-in person's profile (`public.profiles`), read and written through PostgREST with their own
 * JWT: RLS and column grants decide what they may see and change.
 */
import type { UserSession } from "./auth/session.ts";
import type { MessageKey } from "./i18n/mod.ts";
import { isLocale, type Locale } from "./i18n/mod.ts";
import { z } from "zod";
import { normalizeNid } from "./nid.ts";
import { fieldErrors, formStrings, optionalField, typedText } from "./validation.ts";
import { userClient } from "./supabase.ts";

export interface Profile {
  id: string;
  phone: string | null;
  full_name: string | null;
  nid: string | null;
  ward_id: number | null;
  address: string | null;
  preferred_language: Locale;
}

/** What the person may edit themselves. */
export interface ProfileInput {
  full_name: string;
  nid: string | null;
  ward_id: number | null;
  address: string | null;
  preferred_language: Locale;
}

export const PROFILE_FIELDS = ["full_name", "nid", "ward_id", "address"] as const;
export type ProfileField = typeof PROFILE_FIELDS[number];
export type ProfileFormValues = Record<ProfileField, string>;
export type ProfileErrors = Partial<Record<ProfileField, MessageKey>>;

/** Lengths the database enforces too (public.profiles' checks). */
export const PROFILE_LIMITS = { fullNameMax: 100, addressMax: 500 } as const;

export async function getProfile(session: UserSession): Promise<Profile | null> {
  const { data, error } = await userClient(session.accessToken)
    .from("profiles")
    .select("id, phone, full_name, nid, ward_id, address, preferred_language")
    .eq("id", session.user.id)
    .maybeSingle();
  if (error) throw new Error(`reading the profile failed: ${error.message}`);
  return data as Profile | null;
}

export function updateProfile(session: UserSession, input: ProfileInput): Promise<void> {
  return patchProfile(session, input);
}

/** Remembers the language the person chose, for pages on other devices and for SMS. */
export function savePreferredLanguage(session: UserSession, language: Locale): Promise<void> {
  return patchProfile(session, { preferred_language: language });
}

async function patchProfile(session: UserSession, fields: Partial<ProfileInput>): Promise<void> {
  const { error } = await userClient(session.accessToken)
    .from("profiles")
    .update(fields)
    .eq("id", session.user.id);
  if (error) throw new Error(`saving the profile failed: ${error.message}`);
}

/** Counts what a person sees as characters (a Bengali conjunct is several code points, as in Postgres). */
const length = (text: string) => [...text].length;

function profileSchema(language: string, wardIds: ReadonlySet<number>) {
  return z.object({
    full_name: typedText("error.control_characters")
      .transform((name) => name.replace(/\s+/g, " ").trim())
      .pipe(
        z.string()
          .min(1, { error: "profile.name_required" })
          .refine((name) => length(name) <= PROFILE_LIMITS.fullNameMax, { error: "profile.name_too_long" }),
      ),
    nid: optionalField(
      z.string().transform((typed, ctx) => {
        const result = normalizeNid(typed);
        if (result.ok) return result.nid;
        ctx.addIssue({ code: "custom", message: result.error });
        return z.NEVER;
      }),
    ),
    ward_id: optionalField(
      z.coerce.number({ error: "profile.ward_invalid" }).refine((id) => wardIds.has(id), {
        error: "profile.ward_invalid",
      }),
    ),
    address: optionalField(
      typedText("error.control_characters").trim()
        .refine((address) => length(address) <= PROFILE_LIMITS.addressMax, {
          error: "profile.address_too_long",
        }),
    ),
  }).transform((profile): ProfileInput => ({
    full_name: profile.full_name,
    nid: profile.nid ?? null,
    ward_id: profile.ward_id ?? null,
    address: profile.address ?? null,
    preferred_language: isLocale(language) ? language : "bn",
  }));
}

/**
 * Validates the onboarding form; errors are catalogue keys, values are echoed back to the form.
 * `wardIds` are the wards that exist (`public.wards`).
 */
export function parseProfileForm(
  form: FormData,
  language: string,
  wardIds: ReadonlySet<number>,
):
  | { ok: true; input: ProfileInput; values: ProfileFormValues }
  | { ok: false; errors: ProfileErrors; values: ProfileFormValues } {
  const submitted = formStrings(form, PROFILE_FIELDS);
  const values = Object.fromEntries(
    PROFILE_FIELDS.map((field) => [field, submitted[field].trim()]),
  ) as ProfileFormValues;
  const parsed = profileSchema(language, wardIds).safeParse(values);
  return parsed.success
    ? { ok: true, input: parsed.data, values }
    : { ok: false, errors: fieldErrors<ProfileField>(parsed.error.issues), values };
}
