/**
 * Emergency help for the server: the directory (read as anon; kept by staff), SOS reports (sent by
 * citizens, handled by their ward's staff), and each ward's duty phone. Everything runs as the person
 * asking, so RLS and the sos_reports triggers decide; their refusals come back as catalogue keys.
 */
import { z } from "zod";
import type { UserSession } from "../auth/session.ts";
import type { MessageKey } from "../i18n/mod.ts";
import { toAsciiDigits } from "../i18n/format.ts";
import { cachedFor } from "../cache.ts";
import { userClient, visitorClient } from "../supabase.ts";
import { isInBangladesh } from "../complaints/model.ts";
import { fieldErrors, optionalField, writtenText } from "../validation.ts";
import {
  CONTACT_KINDS,
  type EmergencyContact,
  SOS_KINDS,
  SOS_OUTCOMES,
  type SosOutcome,
  type SosReport,
} from "./model.ts";
import { DataError } from "../data_error.ts";

export * from "./model.ts";

export class EmergencyDataError extends DataError {}

const asUser = (session: UserSession) => userClient(session.accessToken);
const CONTACT_COLUMNS = "id, ward_id, kind, name_bn, name_en, phone, address_bn";
/** The directory changes rarely and every page with the hotlines reads it. */
const DIRECTORY_TTL_MS = 60_000;

/** The national numbers, in their order, as every page with the hotlines shows them (kept a minute). */
export const loadNationalContacts = cachedFor(DIRECTORY_TTL_MS, () => loadWardContacts(null));

/** A ward's own numbers (the national ones for null), in their order, as stored now. */
export async function loadWardContacts(wardId: number | null): Promise<EmergencyContact[]> {
  const query = visitorClient().from("emergency_contacts").select(CONTACT_COLUMNS);
  const { data, error } = await (wardId === null ? query.is("ward_id", null) : query.eq("ward_id", wardId))
    .order("sort_order").order("id");
  if (error) throw new EmergencyDataError("reading emergency numbers", error);
  return data as EmergencyContact[];
}

// ---------------------------------------------------------------------------------------------------
// SOS: the citizen's side
// ---------------------------------------------------------------------------------------------------

export const SOS_FIELDS = ["id", "kind", "ward_id", "latitude", "longitude", "details"] as const;
export type SosField = typeof SOS_FIELDS[number] | "form";
export type SosFormValues = Record<typeof SOS_FIELDS[number], string>;
export type SosErrors = Partial<Record<SosField, MessageKey>>;

const coordinate = z.string().transform((typed) => Number(toAsciiDigits(typed).trim()))
  .pipe(z.number({ error: "sos.error.location" }).finite({ error: "sos.error.location" }));

function sosSchema(wardIds: ReadonlySet<number>) {
  return z.object({
    id: z.uuid({ error: "sos.error.failed" }),
    kind: z.enum(SOS_KINDS, { error: "sos.error.kind" }),
    ward_id: z.string().transform((typed) => Number(toAsciiDigits(typed)))
      .refine((id) => wardIds.has(id), { error: "sos.error.ward" }),
    latitude: optionalField(coordinate),
    longitude: optionalField(coordinate),
    details: optionalField(writtenText(500, "sos.error.details_long")),
  }).superRefine((sos, context) => {
    const { latitude, longitude } = sos;
    const given = latitude !== undefined || longitude !== undefined;
    if (
      given && !(latitude !== undefined && longitude !== undefined && isInBangladesh(latitude, longitude))
    ) {
      context.addIssue({ code: "custom", path: ["latitude"], message: "sos.error.location" });
    }
  });
}

export type SosInput = z.output<ReturnType<typeof sosSchema>>;

export function parseSosForm(
  values: SosFormValues,
  wardIds: ReadonlySet<number>,
): { ok: true; input: SosInput } | { ok: false; errors: SosErrors } {
  const parsed = sosSchema(wardIds).safeParse(values);
  if (parsed.success) return { ok: true, input: parsed.data };
  return {
    ok: false,
    errors: fieldErrors<SosField>(
      parsed.error.issues,
      (field) => field === "longitude" ? "latitude" : field === "id" ? "form" : field as SosField,
    ),
  };
}

/**
 * Sends the SOS as the citizen. Its id comes from the form, so sending the same form twice (a double tap,
 * a retry after a dropped connection) sends it once: the second time finds the first.
 */
export async function sendSos(
  session: UserSession,
  input: SosInput,
): Promise<{ ok: true; id: string } | { ok: false; errors: SosErrors }> {
  const { error } = await asUser(session).from("sos_reports").insert({
    id: input.id,
    kind: input.kind,
    ward_id: input.ward_id,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    details: input.details ?? null,
  });
  if (!error) return { ok: true, id: input.id };
  if (error.code === "23505" && await getSos(session, input.id)) return { ok: true, id: input.id };
  if (error.code === "SOS429") return { ok: false, errors: { form: "sos.error.too_many" } };
  if (error.code === "23503") return { ok: false, errors: { ward_id: "sos.error.ward" } };
  throw new EmergencyDataError("sending an SOS", error);
}

const SOS_COLUMNS =
  "id, kind, ward_id, latitude, longitude, details, status, outcome, outcome_note, citizen_phone, created_at, acknowledged_at, closed_at";

/** One report as the person may see it (their own, or their wards' as staff); null otherwise. */
export async function getSos(session: UserSession, id: string): Promise<SosReport | null> {
  const { data, error } = await asUser(session).from("sos_reports").select(SOS_COLUMNS).eq("id", id)
    .maybeSingle();
  if (error) throw new EmergencyDataError("reading an SOS", error);
  return data as SosReport | null;
}

// ---------------------------------------------------------------------------------------------------
// SOS: the staff's side
// ---------------------------------------------------------------------------------------------------

/** Open reports in the staff member's wards (every ward for super admins), newest first. */
export async function listOpenSos(session: UserSession): Promise<SosReport[]> {
  let query = asUser(session).from("sos_reports").select(SOS_COLUMNS).neq("status", "closed");
  // Their own reports as residents stay out of the desk.
  if (session.user.role !== "super_admin") query = query.in("ward_id", session.user.wards);
  const { data, error } = await query.order("created_at", { ascending: false }).limit(100);
  if (error) throw new EmergencyDataError("listing open SOS reports", error);
  return data as SosReport[];
}

export type SosAction = { status: "acknowledged" } | {
  status: "closed";
  outcome: SosOutcome;
  outcome_note: string | null;
};

const closeSchema = z.object({
  outcome: z.enum(SOS_OUTCOMES, { error: "sos.admin.error.outcome" }),
  outcome_note: optionalField(writtenText(500, "sos.error.details_long")),
});

/** The staff form's action: acknowledge, or close with an outcome. */
export function parseSosAction(
  form: FormData,
): { ok: true; action: SosAction } | { ok: false; error: MessageKey } {
  if (form.get("action") === "acknowledge") return { ok: true, action: { status: "acknowledged" } };
  const parsed = closeSchema.safeParse({
    outcome: form.get("outcome") ?? "",
    outcome_note: form.get("outcome_note") ?? "",
  });
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0].message as MessageKey };
  return {
    ok: true,
    action: {
      status: "closed",
      outcome: parsed.data.outcome,
      outcome_note: parsed.data.outcome_note ?? null,
    },
  };
}

/**
 * Moves a report on as the staff member: acknowledging only one still sent, closing one not closed. False
 * when nothing changed (not in their wards, or someone moved it first).
 */
export async function handleSos(session: UserSession, id: string, action: SosAction): Promise<boolean> {
  const from = action.status === "acknowledged" ? ["sent"] : ["sent", "acknowledged"];
  const { data, error } = await asUser(session).from("sos_reports").update(action).eq("id", id)
    .in("status", from).select("id");
  if (error) throw new EmergencyDataError("handling an SOS", error);
  return (data ?? []).length > 0;
}

// ---------------------------------------------------------------------------------------------------
// The directory and duty phones: the staff's side
// ---------------------------------------------------------------------------------------------------

/** The duty phone of each of these wards that has one (RLS: the staff member's wards only). */
export async function loadDutyPhones(session: UserSession, wardIds: number[]): Promise<Map<number, string>> {
  const { data, error } = await asUser(session).from("ward_duty_phones").select("ward_id, phone")
    .in("ward_id", wardIds);
  if (error) throw new EmergencyDataError("reading duty phones", error);
  return new Map((data as { ward_id: number; phone: string }[]).map((row) => [row.ward_id, row.phone]));
}

/** Sets a ward's duty phone as the staff member; false when RLS refused (not their ward). */
export async function saveDutyPhone(session: UserSession, wardId: number, phone: string): Promise<boolean> {
  const { error } = await asUser(session).from("ward_duty_phones").upsert({ ward_id: wardId, phone });
  if (error?.code === "42501") return false;
  if (error) throw new EmergencyDataError("saving a duty phone", error);
  return true;
}

const contactSchema = z.object({
  kind: z.enum(CONTACT_KINDS, { error: "emergency.admin.error.kind" }),
  name_bn: writtenText(150, "emergency.admin.error.name").pipe(
    z.string().min(1, { error: "emergency.admin.error.name" }),
  ),
  name_en: writtenText(150, "emergency.admin.error.name").pipe(
    z.string().min(1, { error: "emergency.admin.error.name" }),
  ),
  phone: z.string().transform((typed) => toAsciiDigits(typed).replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^\+?[0-9]{3,15}$/, { error: "emergency.admin.error.phone" })),
  address_bn: optionalField(writtenText(300, "emergency.admin.error.address")),
});

export type ContactInput = Omit<EmergencyContact, "id" | "ward_id">;

/**
 * The contact form, for a ward (`national` false: one of the ward kinds) or the national numbers (their
 * kind is always national).
 */
export function parseContactForm(
  form: FormData,
  national: boolean,
): { ok: true; input: ContactInput } | { ok: false; error: MessageKey } {
  const parsed = contactSchema.safeParse({
    kind: national ? "national" : form.get("kind") ?? "",
    name_bn: form.get("name_bn") ?? "",
    name_en: form.get("name_en") ?? "",
    phone: form.get("phone") ?? "",
    address_bn: form.get("address_bn") ?? "",
  });
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0].message as MessageKey };
  if (!national && parsed.data.kind === "national") return { ok: false, error: "emergency.admin.error.kind" };
  return { ok: true, input: { ...parsed.data, address_bn: parsed.data.address_bn ?? null } };
}

/** Adds a contact to a ward (null: a national number) as the staff member; false when RLS refused. */
export async function addContact(
  session: UserSession,
  wardId: number | null,
  input: ContactInput,
): Promise<boolean> {
  const { error } = await asUser(session).from("emergency_contacts").insert({ ...input, ward_id: wardId });
  if (error?.code === "42501") return false;
  if (error) throw new EmergencyDataError("adding a contact", error);
  return true;
}

/**
 * Changes a contact of this ward (null: a national number) as the staff member; false when RLS hid it or
 * it is not that ward's (so a national number never turns into a ward's, nor the other way).
 */
export async function updateContact(
  session: UserSession,
  wardId: number | null,
  id: number,
  input: ContactInput,
): Promise<boolean> {
  const query = asUser(session).from("emergency_contacts").update(input).eq("id", id);
  const { data, error } = await (wardId === null ? query.is("ward_id", null) : query.eq("ward_id", wardId))
    .select("id");
  if (error) throw new EmergencyDataError("changing a contact", error);
  return (data ?? []).length > 0;
}

/** Removes a contact as the staff member; false when RLS hid it. */
export async function removeContact(session: UserSession, id: number): Promise<boolean> {
  const { data, error } = await asUser(session).from("emergency_contacts").delete().eq("id", id).select("id");
  if (error) throw new EmergencyDataError("removing a contact", error);
  return (data ?? []).length > 0;
}
