/**
 * The audit log (`public.audit_log`) as super admins read it: filters from the URL, newest first, keyset
 * pagination on the id, and each row told in the reader's language (who, what, to whom, old → new). Read
 * through PostgREST as the signed-in super admin: RLS lets only super admins see it.
 */
import { isUuid } from "../validation.ts";
import { isAppRole, type UserSession } from "../auth/session.ts";
import {
  COMPLAINT_PRIORITIES,
  COMPLAINT_STATUSES,
  type ComplaintPriority,
  normalizeTrackingNumber,
} from "../complaints/model.ts";
import { type MessageKey, toAsciiDigits } from "../i18n/mod.ts";
import { normalizePhone } from "../phone.ts";
import type { AppState } from "../state.ts";
import { userClient } from "../supabase.ts";
import { type Ward, wardLabel } from "../wards.ts";
import { personName } from "./people.ts";

/** Rows per page (each page looks up the people and complaints its rows name). */
export const AUDIT_PAGE_SIZE = 30;

/** The actions the database records (`area.kind` in `audit_log.action`), by area. */
export const AUDIT_AREAS = ["staff", "complaint"] as const;
export const AUDIT_ACTIONS = [
  "staff.role_given",
  "staff.role_changed",
  "staff.role_taken",
  "staff.posted",
  "staff.unposted",
  "complaint.status",
  "complaint.priority",
  "complaint.assigned",
  "complaint.ward",
  "complaint.reply",
  "complaint.note",
] as const;

/** The filter form's fields, as typed (and shown again). */
export const AUDIT_FILTER_FIELDS = ["action", "actor", "subject", "ward", "from", "to"] as const;
export type AuditFilterField = typeof AUDIT_FILTER_FIELDS[number];
export type AuditFilterValues = Record<AuditFilterField, string>;
export type AuditFilterErrors = Partial<Record<AuditFilterField, MessageKey>>;

/** What the query selects by; null: no condition. */
interface AuditQuery {
  /** `staff`, `complaint`, or one action such as `staff.posted`. */
  action: string | null;
  actorId: string | null;
  subjectId: string | null;
  ward: number | null;
  /** ISO instants: from inclusive, until exclusive. */
  from: string | null;
  until: string | null;
  before: number | null;
}

export interface AuditRow {
  id: number;
  at: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  subject_id: string;
  ward_id: number | null;
  old_value: Record<string, unknown> | null;
  new_value: Record<string, unknown> | null;
}

interface PersonRef {
  id: string;
  full_name: string | null;
  phone: string | null;
}

/** One page of the log, with the people and complaints its rows name. */
export interface AuditPage {
  rows: AuditRow[];
  people: Map<string, PersonRef>;
  /** Complaint id → tracking number. */
  complaints: Map<string, string>;
  /** The id to continue below, when there are older rows. */
  next: number | null;
}

/** An area (`staff`: all its actions) or one action (`staff.posted`). */
export function isAuditFilter(value: string): boolean {
  return ([...AUDIT_AREAS, ...AUDIT_ACTIONS] as readonly string[]).includes(value);
}

/** Bangladesh keeps +06:00 all year; a date filter means that day there. */
const dayStart = (date: string) => new Date(`${date}T00:00:00+06:00`);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(typed: string): Date | null | "invalid" {
  const date = toAsciiDigits(typed.trim());
  if (date === "") return null;
  return DATE.test(date) && !Number.isNaN(dayStart(date).getTime()) ? dayStart(date) : "invalid";
}

/**
 * The filters in `params`, checked and resolved (a phone number or tracking number to the id the log
 * holds). With errors, `query` is null and the page shows them next to their fields.
 */
export async function readAuditFilters(
  session: UserSession,
  params: URLSearchParams,
  wardIds: ReadonlySet<number>,
): Promise<{ values: AuditFilterValues; errors: AuditFilterErrors; query: AuditQuery | null }> {
  const values = Object.fromEntries(
    AUDIT_FILTER_FIELDS.map((field) => [field, params.get(field)?.trim() ?? ""]),
  ) as AuditFilterValues;
  const errors: AuditFilterErrors = {};

  if (values.action && !isAuditFilter(values.action)) errors.action = "audit.error.action";
  const ward = values.ward ? Number(toAsciiDigits(values.ward)) : null;
  if (ward !== null && !wardIds.has(ward)) errors.ward = "audit.error.ward";
  const from = parseDate(values.from);
  const to = parseDate(values.to);
  if (from === "invalid") errors.from = "audit.error.date";
  if (to === "invalid") errors.to = "audit.error.date";
  const until = to instanceof Date ? new Date(to.getTime() + 24 * 3600 * 1000) : null;
  if (from instanceof Date && until && until <= from) errors.to = "audit.error.date_order";

  const [actor, subject] = await Promise.all([
    values.actor ? resolvePerson(session, values.actor) : null,
    values.subject ? resolveSubject(session, values.subject) : null,
  ]);
  if (actor && "error" in actor) errors.actor = actor.error;
  if (subject && "error" in subject) errors.subject = subject.error;

  const before = Number(params.get("before"));
  if (Object.keys(errors).length) return { values, errors, query: null };
  return {
    values,
    errors,
    query: {
      action: values.action || null,
      actorId: actor && "id" in actor ? actor.id : null,
      subjectId: subject && "id" in subject ? subject.id : null,
      ward,
      from: from instanceof Date ? from.toISOString() : null,
      until: until?.toISOString() ?? null,
      before: Number.isSafeInteger(before) && before > 0 ? before : null,
    },
  };
}

type Resolved = { id: string } | { error: MessageKey };

/** A person typed as an id or a phone number in any spelling. */
async function resolvePerson(session: UserSession, typed: string): Promise<Resolved> {
  if (isUuid(typed.toLowerCase())) return { id: typed.toLowerCase() };
  const phone = normalizePhone(typed);
  if (!phone.ok) return { error: "audit.error.person" };
  const { data, error } = await userClient(session.accessToken)
    .from("profiles").select("id").eq("phone", phone.phone).maybeSingle();
  if (error) throw new Error(`finding a person for the audit log failed: ${error.message}`);
  return data ? { id: data.id } : { error: "audit.error.no_such_phone" };
}

/** What an action concerned, typed as an id, a phone number or a complaint's tracking number. */
async function resolveSubject(session: UserSession, typed: string): Promise<Resolved> {
  const trackingNumber = normalizeTrackingNumber(typed);
  if (trackingNumber && !normalizePhone(typed).ok) {
    const { data, error } = await userClient(session.accessToken)
      .from("complaints").select("id").eq("tracking_number", trackingNumber).maybeSingle();
    if (error) throw new Error(`finding a complaint for the audit log failed: ${error.message}`);
    return data ? { id: data.id } : { error: "audit.error.no_such_complaint" };
  }
  const person = await resolvePerson(session, typed);
  return "error" in person && person.error === "audit.error.person"
    ? { error: "audit.error.subject" }
    : person;
}

/** One page of the log, newest first. */
export async function readAuditLog(session: UserSession, query: AuditQuery): Promise<AuditPage> {
  const db = userClient(session.accessToken);
  let select = db.from("audit_log")
    .select("id, at, actor_id, actor_role, action, subject_id, ward_id, old_value, new_value");
  if (query.action?.includes(".")) select = select.eq("action", query.action);
  else if (query.action) select = select.like("action", `${query.action}.%`);
  if (query.actorId) select = select.eq("actor_id", query.actorId);
  if (query.subjectId) select = select.eq("subject_id", query.subjectId);
  if (query.ward !== null) select = select.eq("ward_id", query.ward);
  if (query.from) select = select.gte("at", query.from);
  if (query.until) select = select.lt("at", query.until);
  if (query.before !== null) select = select.lt("id", query.before);
  const { data, error } = await select.order("id", { ascending: false }).limit(AUDIT_PAGE_SIZE + 1);
  if (error) throw new Error(`reading the audit log failed: ${error.message}`);
  const rows = (data as AuditRow[]).slice(0, AUDIT_PAGE_SIZE);
  const next = data.length > AUDIT_PAGE_SIZE ? rows.at(-1)!.id : null;

  const personIds = new Set<string>();
  const complaintIds = new Set<string>();
  for (const row of rows) {
    if (row.actor_id) personIds.add(row.actor_id);
    if (row.action.startsWith("complaint.")) complaintIds.add(row.subject_id);
    else if (isUuid(row.subject_id)) personIds.add(row.subject_id);
    for (const value of [row.old_value?.assigned_to, row.new_value?.assigned_to]) {
      if (typeof value === "string") personIds.add(value);
    }
  }
  const [people, complaints] = await Promise.all([
    personIds.size
      ? db.from("profiles").select("id, full_name, phone").in("id", [...personIds])
      : { data: [], error: null },
    complaintIds.size
      ? db.from("complaints").select("id, tracking_number").in("id", [...complaintIds])
      : { data: [], error: null },
  ]);
  if (people.error) throw new Error(`reading the people of the audit log failed: ${people.error.message}`);
  if (complaints.error) {
    throw new Error(`reading the complaints of the audit log failed: ${complaints.error.message}`);
  }
  return {
    rows,
    people: new Map((people.data as PersonRef[]).map((person) => [person.id, person])),
    complaints: new Map(
      (complaints.data as { id: string; tracking_number: string }[]).map((c) => [c.id, c.tracking_number]),
    ),
    next,
  };
}

// ---------------------------------------------------------------------------------------------------
// Each row in words
// ---------------------------------------------------------------------------------------------------

/** A row told for people: what happened, and any text that came with it (a comment, a reason). */
export interface AuditDescription {
  what: string;
  details: string[];
}

/** What a row says happened, in the reader's language. */
export function describeAuditRow(
  row: AuditRow,
  page: Pick<AuditPage, "people">,
  wards: readonly Ward[],
  state: AppState,
): AuditDescription {
  const { t } = state;
  const before = row.old_value ?? {};
  const after = row.new_value ?? {};
  const role = (value: unknown) => isAppRole(value) ? t(`role.${value}`) : String(value);
  const ward = (value: unknown) => {
    const found = wards.find((w) => w.id === value);
    return found ? wardLabel(found, t, state.locale) : t("audit.none");
  };
  const status = (value: unknown) =>
    (COMPLAINT_STATUSES as readonly unknown[]).includes(value)
      ? t(`complaint.status.${value as typeof COMPLAINT_STATUSES[number]}`)
      : String(value);
  const priority = (value: unknown) =>
    (COMPLAINT_PRIORITIES as readonly unknown[]).includes(value)
      ? t(`queue.priority.${value as ComplaintPriority}`)
      : String(value);
  const person = (value: unknown) => {
    if (typeof value !== "string") return t("audit.none");
    const found = page.people.get(value);
    return found ? personName(found, state) : t("audit.unknown_person");
  };
  const change = (label: MessageKey, format: (value: unknown) => string, key: string) =>
    t(label, { old: format(before[key]), new: format(after[key]) });
  const quoted = (label: MessageKey, value: unknown) =>
    typeof value === "string" && value.trim() ? [t(label, { text: value })] : [];

  switch (row.action) {
    case "staff.role_given":
      return { what: t("audit.what.role_given", { role: role(after.role) }), details: [] };
    case "staff.role_changed":
      return { what: change("audit.what.role_changed", role, "role"), details: [] };
    case "staff.role_taken":
      return { what: t("audit.what.role_taken", { role: role(before.role) }), details: [] };
    case "staff.posted":
      return { what: t("audit.what.posted", { ward: ward(after.ward_id) }), details: [] };
    case "staff.unposted":
      return { what: t("audit.what.unposted", { ward: ward(before.ward_id) }), details: [] };
    case "complaint.status":
      return {
        what: change("audit.what.status", status, "status"),
        details: [
          ...quoted("audit.detail.comment", after.comment),
          ...quoted("audit.detail.rejection_reason", after.rejection_reason),
        ],
      };
    case "complaint.priority":
      return { what: change("audit.what.priority", priority, "priority"), details: [] };
    case "complaint.assigned":
      return { what: change("audit.what.assigned", person, "assigned_to"), details: [] };
    case "complaint.ward":
      return { what: change("audit.what.ward", ward, "ward_id"), details: [] };
    case "complaint.reply":
      return { what: t("audit.what.reply"), details: quoted("audit.detail.comment", after.comment) };
    case "complaint.note":
      return { what: t("audit.what.note"), details: quoted("audit.detail.comment", after.comment) };
    default:
      return {
        what: row.action,
        details: [JSON.stringify(row.old_value), JSON.stringify(row.new_value)].filter((v) => v !== "null"),
      };
  }
}

/** The actions as filter choices: per area, "all of the area" first, then each kind. */
export function actionChoices(
  state: AppState,
): { label: string; options: { value: string; label: string }[] }[] {
  const { t } = state;
  return AUDIT_AREAS.map((area) => ({
    label: t(`audit.area.${area}`),
    options: [
      { value: area, label: t(`audit.area_all.${area}`) },
      ...AUDIT_ACTIONS.filter((action) => action.startsWith(`${area}.`)).map((action) => ({
        value: action,
        label: t(`audit.kind.${action}`),
      })),
    ],
  }));
}
