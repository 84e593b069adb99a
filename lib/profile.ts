/**
 * The signed-in person's profile (`public.profiles`), read and written through PostgREST with their own
 * JWT: RLS and column grants decide what they may see and change.
 */
import type { UserSession } from "./auth/session.ts";
import type { MessageKey } from "./i18n/mod.ts";
import { isLocale, type Locale } from "./i18n/mod.ts";
import { normalizeNid } from "./nid.ts";
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

const MAX_NAME_LENGTH = 100;
const MAX_ADDRESS_LENGTH = 500;

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
  const values = Object.fromEntries(
    PROFILE_FIELDS.map((field) => [field, String(form.get(field) ?? "").trim()]),
  ) as ProfileFormValues;
  const errors: ProfileErrors = {};

  const fullName = values.full_name.replace(/\s+/g, " ");
  if (fullName === "") errors.full_name = "profile.name_required";
  else if ([...fullName].length > MAX_NAME_LENGTH) errors.full_name = "profile.name_too_long";

  let nid: string | null = null;
  if (values.nid !== "") {
    const result = normalizeNid(values.nid);
    if (result.ok) nid = result.nid;
    else errors.nid = result.error;
  }

  let wardId: number | null = null;
  if (values.ward_id !== "") {
    wardId = Number(values.ward_id);
    if (!wardIds.has(wardId)) errors.ward_id = "profile.ward_invalid";
  }

  if ([...values.address].length > MAX_ADDRESS_LENGTH) errors.address = "profile.address_too_long";

  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  return {
    ok: true,
    values,
    input: {
      full_name: fullName,
      nid,
      ward_id: wardId,
      address: values.address || null,
      preferred_language: isLocale(language) ? language : "bn",
    },
  };
}
