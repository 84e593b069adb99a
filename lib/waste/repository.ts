/**
 * Waste collection for the server: schedules, next collections and transfer stations (public, read as
 * anon), and bulky pickup requests (the citizen's own; the ward's staff handle them), all through
 * PostgREST as the person asking so RLS and the table's trigger decide.
 */
import { z } from "zod";
import type { UserSession } from "../auth/session.ts";
import type { MessageKey } from "../i18n/mod.ts";
import { toAsciiDigits } from "../i18n/format.ts";
import { userClient, visitorClient } from "../supabase.ts";
import { fieldErrors, optionalField, writtenText } from "../validation.ts";
import { DataError } from "../data_error.ts";
import { isInBangladesh } from "../complaints/model.ts";

export const WASTE_STREAMS = ["mixed", "organic", "recyclable"] as const;
export type WasteStream = typeof WASTE_STREAMS[number];
export const PICKUP_STATUSES = ["requested", "scheduled", "collected", "declined", "cancelled"] as const;
export type PickupStatus = typeof PICKUP_STATUSES[number];
/** Where a pickup's fee is (`public.fee_state`): paid, on its way through bKash, or refunded. */
export type PickupFeeState = "paid" | "pending" | "refunded";

export interface ScheduleEntry {
  id: number;
  weekday: number;
  starts_at: string;
  ends_at: string;
  stream: WasteStream;
}

export interface Collection {
  day: string;
  starts_at: string;
  ends_at: string;
  stream: WasteStream;
}

export interface TransferStation {
  id: number;
  name_bn: string;
  name_en: string;
  address_bn: string | null;
  latitude: number | null;
  longitude: number | null;
  hours_bn: string | null;
}

export interface PickupRequest {
  id: string;
  ward_id: number;
  items: string;
  address: string;
  window_start: string;
  window_end: string;
  status: PickupStatus;
  scheduled_for: string | null;
  staff_note: string | null;
  fee_code: string;
  /** null: no payment started yet. */
  fee_state: PickupFeeState | null;
  created_at: string;
}

export class WasteDataError extends DataError {}

const asUser = (session: UserSession) => userClient(session.accessToken);

export async function loadSchedule(wardId: number): Promise<ScheduleEntry[]> {
  const { data, error } = await visitorClient().from("waste_schedules").select(
    "id, weekday, starts_at, ends_at, stream",
  )
    .eq("ward_id", wardId).order("weekday").order("starts_at");
  if (error) throw new WasteDataError("reading a schedule", error);
  return data as ScheduleEntry[];
}

/** The ward's next collection windows from now (Bangladesh time). */
export async function nextCollections(wardId: number, howMany = 3): Promise<Collection[]> {
  const { data, error } = await visitorClient().rpc("next_collections", { ward: wardId, how_many: howMany });
  if (error) throw new WasteDataError("reading the next collections", error);
  return data as Collection[];
}

/** A ward's transfer stations, as stored now (residents on /waste, staff on /admin/waste). */
export async function loadStations(wardId: number): Promise<TransferStation[]> {
  const { data, error } = await visitorClient().from("transfer_stations")
    .select("id, name_bn, name_en, address_bn, latitude, longitude, hours_bn").eq("ward_id", wardId).order(
      "id",
    );
  if (error) throw new WasteDataError("reading transfer stations", error);
  return data as TransferStation[];
}

/** "07:00:00" → "07:00". */
export const clock = (time: string) => time.slice(0, 5);

// ---------------------------------------------------------------------------------------------------
// Bulky pickups: the citizen's side
// ---------------------------------------------------------------------------------------------------

export const PICKUP_FIELDS = ["id", "ward_id", "items", "address", "window_start", "window_end"] as const;
export type PickupField = typeof PICKUP_FIELDS[number] | "form";
export type PickupFormValues = Record<typeof PICKUP_FIELDS[number], string>;
export type PickupErrors = Partial<Record<PickupField, MessageKey>>;

/** Today's date in Bangladesh, as YYYY-MM-DD. */
export function dhakaToday(now = new Date()): string {
  return new Date(now.getTime() + 6 * 3600_000).toISOString().slice(0, 10);
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const dateField = z.string().transform((typed) => toAsciiDigits(typed).trim())
  .pipe(z.iso.date({ error: "waste.pickup.error.date" }));

function pickupSchema(wardIds: ReadonlySet<number>, today: string) {
  return z.object({
    id: z.uuid({ error: "waste.pickup.error.failed" }),
    ward_id: z.string().transform((typed) => Number(toAsciiDigits(typed)))
      .refine((id) => wardIds.has(id), { error: "waste.pickup.error.ward" }),
    items: writtenText(500, "waste.pickup.error.items").pipe(
      z.string().min(3, { error: "waste.pickup.error.items" }),
    ),
    address: writtenText(300, "waste.pickup.error.address")
      .pipe(z.string().min(3, { error: "waste.pickup.error.address" })),
    window_start: dateField,
    window_end: dateField,
  }).superRefine((request, context) => {
    const problem = (path: string, message: MessageKey) =>
      context.addIssue({ code: "custom", path: [path], message });
    if (request.window_start <= today || request.window_start > addDays(today, 60)) {
      problem("window_start", "waste.pickup.error.start");
    } else if (
      request.window_end < request.window_start || request.window_end > addDays(request.window_start, 14)
    ) {
      problem("window_end", "waste.pickup.error.end");
    }
  });
}

export type PickupInput = z.output<ReturnType<typeof pickupSchema>>;

export function parsePickupForm(
  values: PickupFormValues,
  wardIds: ReadonlySet<number>,
  today = dhakaToday(),
): { ok: true; input: PickupInput } | { ok: false; errors: PickupErrors } {
  const parsed = pickupSchema(wardIds, today).safeParse(values);
  if (parsed.success) return { ok: true, input: parsed.data };
  return {
    ok: false,
    errors: fieldErrors<PickupField>(
      parsed.error.issues,
      (field) => field === "id" ? "form" : field as PickupField,
    ),
  };
}

/** Asks for the pickup as the citizen; the same form sent again asks once. */
export async function requestPickup(
  session: UserSession,
  input: PickupInput,
): Promise<{ ok: true } | { ok: false; errors: PickupErrors }> {
  const { error } = await asUser(session).from("bulky_pickup_requests").insert(input);
  if (!error || error.code === "23505") return { ok: true };
  if (error.code === "23514") return { ok: false, errors: { window_start: "waste.pickup.error.start" } };
  if (error.code === "23503") return { ok: false, errors: { ward_id: "waste.pickup.error.ward" } };
  throw new WasteDataError("asking for a pickup", error);
}

const PICKUP_COLUMNS =
  "id, ward_id, items, address, window_start, window_end, status, scheduled_for, staff_note, fee_code, fee_state, created_at";

export async function listMyPickups(session: UserSession): Promise<PickupRequest[]> {
  const { data, error } = await asUser(session).from("bulky_pickup_requests").select(PICKUP_COLUMNS)
    .eq("citizen_id", session.user.id).order("created_at", { ascending: false }).limit(20);
  if (error) throw new WasteDataError("listing pickups", error);
  return data as PickupRequest[];
}

/** The citizen cancels their request while it is still only requested; false otherwise. */
export async function cancelPickup(session: UserSession, id: string): Promise<boolean> {
  const { data, error } = await asUser(session).from("bulky_pickup_requests").update({ status: "cancelled" })
    .eq("id", id).eq("citizen_id", session.user.id).eq("status", "requested").select("id");
  if (error) throw new WasteDataError("cancelling a pickup", error);
  return (data ?? []).length > 0;
}

const PAY_REFUSALS: Record<string, MessageKey> = {
  CC_PICKUP: "waste.pickup.error.pay_closed",
  CC_PICKUP_CLOSED: "waste.pickup.error.pay_closed",
  CC_PICKUP_PAID: "waste.pickup.error.paid",
  CC_FEE: "waste.pickup.error.no_fee",
};

/**
 * Starts (or continues) paying the fee of one of the citizen's open requests, linked to it so its ward's
 * staff see it paid; the amount comes from the catalogue. The same `requestId` gives the same payment.
 */
export async function startPickupPayment(
  session: UserSession,
  pickupId: string,
  requestId: string,
): Promise<{ ok: true; paymentId: string } | { ok: false; error: MessageKey }> {
  const { data, error } = await asUser(session).rpc("start_pickup_payment", {
    pickup_id: pickupId,
    request_id: requestId,
  });
  const refusal = error?.code ? PAY_REFUSALS[error.code] : undefined;
  if (refusal) return { ok: false, error: refusal };
  if (error) throw new WasteDataError("starting a pickup's payment", error);
  return { ok: true, paymentId: data as string };
}

// ---------------------------------------------------------------------------------------------------
// Bulky pickups: the staff's queue
// ---------------------------------------------------------------------------------------------------

/** Requests still to handle in the staff member's wards (all wards for super admins), soonest window first. */
export async function pickupQueue(session: UserSession): Promise<PickupRequest[]> {
  let query = asUser(session).from("bulky_pickup_requests").select(PICKUP_COLUMNS)
    .in("status", ["requested", "scheduled"]);
  if (session.user.role !== "super_admin") query = query.in("ward_id", session.user.wards);
  const { data, error } = await query.order("window_start").order("created_at").limit(200);
  if (error) throw new WasteDataError("reading the pickup queue", error);
  return data as PickupRequest[];
}

const STAFF_STEPS = {
  scheduled: ["requested"],
  collected: ["scheduled"],
  declined: ["requested", "scheduled"],
};
export type StaffStep = keyof typeof STAFF_STEPS;

const stepSchema = z.object({
  status: z.enum(["scheduled", "collected", "declined"], { error: "error.unreadable_form" }),
  scheduled_for: optionalField(dateField),
  staff_note: optionalField(writtenText(500, "waste.pickup.error.note")),
});

/** The staff form: schedule (a date), mark collected, or decline (with a note). */
export function parseStep(form: FormData) {
  const parsed = stepSchema.safeParse({
    status: form.get("status") ?? "",
    scheduled_for: form.get("scheduled_for") ?? "",
    staff_note: form.get("staff_note") ?? "",
  });
  if (!parsed.success) return { ok: false as const, error: parsed.error.issues[0].message as MessageKey };
  const step = parsed.data;
  if (step.status === "scheduled" && !step.scheduled_for) {
    return { ok: false as const, error: "waste.admin.error.date" as const };
  }
  return { ok: true as const, step };
}

/** Moves a request on as staff; `outside` when the date is not in its window, `stale` when nothing changed. */
export async function movePickup(
  session: UserSession,
  id: string,
  step: z.output<typeof stepSchema>,
): Promise<"ok" | "outside" | "stale"> {
  const change = {
    status: step.status,
    staff_note: step.staff_note ?? null,
    ...(step.status === "scheduled" ? { scheduled_for: step.scheduled_for } : {}),
  };
  const { data, error } = await asUser(session).from("bulky_pickup_requests").update(change).eq("id", id)
    .in("status", STAFF_STEPS[step.status]).select("id");
  if (error?.code === "23514") return "outside";
  if (error) throw new WasteDataError("moving a pickup on", error);
  return (data ?? []).length ? "ok" : "stale";
}

// ---------------------------------------------------------------------------------------------------
// Schedules: the staff's side
// ---------------------------------------------------------------------------------------------------

const scheduleSchema = z.object({
  ward_id: z.coerce.number().int(),
  weekday: z.coerce.number().int().min(0).max(6),
  starts_at: z.string().regex(/^\d{2}:\d{2}$/, { error: "waste.admin.error.window" }),
  ends_at: z.string().regex(/^\d{2}:\d{2}$/, { error: "waste.admin.error.window" }),
  stream: z.enum(WASTE_STREAMS),
}).refine((entry) => entry.ends_at > entry.starts_at, { error: "waste.admin.error.window" });

/** Adds a collection window as the staff member; the refusals (another ward, a repeat) as messages. */
export async function addSchedule(session: UserSession, form: FormData): Promise<MessageKey | null> {
  const parsed = scheduleSchema.safeParse({
    ward_id: form.get("ward_id") ?? "",
    weekday: form.get("weekday") ?? "",
    starts_at: toAsciiDigits(String(form.get("starts_at") ?? "")),
    ends_at: toAsciiDigits(String(form.get("ends_at") ?? "")),
    stream: form.get("stream") ?? "",
  });
  if (!parsed.success) return "waste.admin.error.window";
  const { error } = await asUser(session).from("waste_schedules").insert(parsed.data);
  if (error?.code === "42501") return "waste.admin.error.stale";
  if (error?.code === "23505") return "waste.admin.error.repeat";
  if (error) throw new WasteDataError("adding a collection window", error);
  return null;
}

/** Removes a collection window as the staff member; false when RLS hid it. */
export async function removeSchedule(session: UserSession, id: number): Promise<boolean> {
  const { data, error } = await asUser(session).from("waste_schedules").delete().eq("id", id).select("id");
  if (error) throw new WasteDataError("removing a collection window", error);
  return (data ?? []).length > 0;
}

// ---------------------------------------------------------------------------------------------------
// Transfer stations: the staff's side
// ---------------------------------------------------------------------------------------------------

/** An optional coordinate as typed (Bengali digits too): null when left empty. */
const coordinate = z.string().transform((typed) => {
  const text = toAsciiDigits(typed).trim();
  return text === "" ? null : Number(text);
}).refine((value) => value === null || Number.isFinite(value), { error: "waste.admin.error.station_place" });

const stationSchema = z.object({
  name_bn: writtenText(150, "waste.admin.error.station").pipe(
    z.string().min(1, { error: "waste.admin.error.station" }),
  ),
  name_en: writtenText(150, "waste.admin.error.station").pipe(
    z.string().min(1, { error: "waste.admin.error.station" }),
  ),
  address_bn: optionalField(writtenText(300, "waste.admin.error.station_address")),
  hours_bn: optionalField(writtenText(100, "waste.admin.error.station_hours")),
  latitude: coordinate,
  longitude: coordinate,
}).refine(
  ({ latitude, longitude }) =>
    (latitude === null && longitude === null) ||
    (latitude !== null && longitude !== null && isInBangladesh(latitude, longitude)),
  { error: "waste.admin.error.station_place" },
);

/**
 * Adds a transfer station to the ward (no `station_id`) or changes one of the ward's, as the staff member;
 * the refusals (a wrong field, another ward, a station gone) as messages.
 */
export async function saveStation(
  session: UserSession,
  wardId: number,
  form: FormData,
): Promise<MessageKey | null> {
  const parsed = stationSchema.safeParse({
    name_bn: form.get("name_bn") ?? "",
    name_en: form.get("name_en") ?? "",
    address_bn: form.get("address_bn") ?? "",
    hours_bn: form.get("hours_bn") ?? "",
    latitude: form.get("latitude") ?? "",
    longitude: form.get("longitude") ?? "",
  });
  if (!parsed.success) return parsed.error.issues[0].message as MessageKey;
  const station = {
    ...parsed.data,
    address_bn: parsed.data.address_bn ?? null,
    hours_bn: parsed.data.hours_bn ?? null,
  };
  const stations = asUser(session).from("transfer_stations");
  const id = form.get("station_id");
  const { data, error } = id === null
    ? await stations.insert({ ...station, ward_id: wardId }).select("id")
    : await stations.update(station).eq("id", Number(id)).eq("ward_id", wardId).select("id");
  if (error?.code === "42501") return "waste.admin.error.station_refused";
  if (error) throw new WasteDataError("saving a transfer station", error);
  return (data ?? []).length ? null : "waste.admin.error.station_refused";
}

/** Removes one of the ward's transfer stations as the staff member; false when RLS hid it. */
export async function removeStation(session: UserSession, wardId: number, id: number): Promise<boolean> {
  const { data, error } = await asUser(session).from("transfer_stations").delete().eq("id", id)
    .eq("ward_id", wardId).select("id");
  if (error) throw new WasteDataError("removing a transfer station", error);
  return (data ?? []).length > 0;
}
