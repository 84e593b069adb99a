/**
 * Staff management for super admins: who works for the city corporation (`public.staff_roles`,
 * `public.ward_postings`, mirrored into `public.profiles.role` and `.assigned_ward_ids`) and the people who
 * may join them. Read and written as the signed-in super admin through PostgREST, so RLS decides: only a
 * super admin changes roles and postings, and never their own. A change reaches the person's token through
 * the custom access token hook the next time Auth issues one.
 */
import { z } from "zod";
import { type AppRole, isAppRole, STAFF_ROLES, type StaffRole, type UserSession } from "../auth/session.ts";
import { type MessageKey, toAsciiDigits } from "../i18n/mod.ts";
import { displayPhone, normalizePhone } from "../phone.ts";
import type { AppState } from "../state.ts";
import { userClient } from "../supabase.ts";
import { fieldErrors, isUuid } from "../validation.ts";

/** The roles that work in wards: only they have postings. */
export const POSTED_ROLES: readonly StaffRole[] = ["ward_admin", "service_provider"];

/** People per page of the staff list. */
export const STAFF_PAGE_SIZE = 50;

export interface Person {
  id: string;
  full_name: string | null;
  /** `+8801…`, or null for accounts without a phone. */
  phone: string | null;
  role: AppRole;
  /** The wards they are posted to, by id. */
  wards: number[];
}

const PERSON_COLUMNS = "id, full_name, phone, role, wards:assigned_ward_ids";

export interface StaffFilters {
  role: StaffRole | null;
  ward: number | null;
  /** 0-based page number. */
  page: number;
}

/** The list's filters from the URL; anything unknown counts as not given. */
export function staffFilters(params: URLSearchParams, wardIds: ReadonlySet<number>): StaffFilters {
  const role = params.get("role") ?? "";
  const ward = Number(toAsciiDigits(params.get("ward") ?? ""));
  const page = Number(params.get("page") ?? 0);
  return {
    role: (STAFF_ROLES as readonly string[]).includes(role) ? role as StaffRole : null,
    ward: wardIds.has(ward) ? ward : null,
    page: Number.isSafeInteger(page) && page > 0 ? page : 0,
  };
}

/** One page of current staff, by name; `more` when another page follows. */
export async function listStaff(
  session: UserSession,
  filters: StaffFilters,
): Promise<{ people: Person[]; more: boolean }> {
  let query = userClient(session.accessToken).from("profiles").select(PERSON_COLUMNS);
  query = filters.role ? query.eq("role", filters.role) : query.in("role", [...STAFF_ROLES]);
  if (filters.ward !== null) query = query.contains("assigned_ward_ids", [filters.ward]);
  const from = filters.page * STAFF_PAGE_SIZE;
  const { data, error } = await query
    .order("full_name", { nullsFirst: false })
    .order("id")
    .range(from, from + STAFF_PAGE_SIZE);
  if (error) throw new Error(`reading staff failed: ${error.message}`);
  const people = data as Person[];
  return { people: people.slice(0, STAFF_PAGE_SIZE), more: people.length > STAFF_PAGE_SIZE };
}

/** The person with this id, or null (also for ids that are not UUIDs). */
export async function getPerson(session: UserSession, id: string): Promise<Person | null> {
  if (!isUuid(id)) return null;
  const { data, error } = await userClient(session.accessToken)
    .from("profiles").select(PERSON_COLUMNS).eq("id", id).maybeSingle();
  if (error) throw new Error(`reading a person failed: ${error.message}`);
  return data as Person | null;
}

export type PhoneSearch =
  | { kind: "found"; person: Person }
  | { kind: "not_found"; phone: string }
  | { kind: "invalid"; error: MessageKey };

/** The person whose account has the number typed in any spelling (`01712-345678`, `+880…`, Bengali digits). */
export async function findByPhone(session: UserSession, typed: string): Promise<PhoneSearch> {
  const normalised = normalizePhone(typed);
  if (!normalised.ok) return { kind: "invalid", error: normalised.error };
  const { data, error } = await userClient(session.accessToken)
    .from("profiles").select(PERSON_COLUMNS).eq("phone", normalised.phone).maybeSingle();
  if (error) throw new Error(`finding a person by phone failed: ${error.message}`);
  return data ? { kind: "found", person: data as Person } : { kind: "not_found", phone: normalised.phone };
}

// ---------------------------------------------------------------------------------------------------
// Giving, changing and taking a role and postings
// ---------------------------------------------------------------------------------------------------

/** What the super admin wants the person to be: a role (citizen: none) and, for posted roles, wards. */
export interface StaffChange {
  role: AppRole;
  wards: number[];
}

/** The form as submitted, to show again. */
export interface StaffFormValues {
  role: string;
  wards: string[];
}

export type StaffFormErrors = Partial<Record<"role" | "wards", MessageKey>>;

export type ParsedStaffForm =
  | { ok: true; change: StaffChange; values: StaffFormValues }
  | { ok: false; errors: StaffFormErrors; values: StaffFormValues };

export function isPostedRole(role: string): boolean {
  return (POSTED_ROLES as readonly string[]).includes(role);
}

function changeSchema(wardIds: ReadonlySet<number>) {
  return z.object({
    role: z.string().refine(isAppRole, { error: "staff_admin.error.role" }),
    wards: z.array(
      z.string().transform((typed) => Number(toAsciiDigits(typed)))
        .refine((id) => wardIds.has(id), { error: "staff_admin.error.ward_unknown" }),
    ),
  }).transform(({ role, wards }) => ({
    role: role as AppRole,
    // Postings belong to ward admins and providers only: other roles keep none.
    wards: isPostedRole(role) ? [...new Set(wards)].sort((a, b) => a - b) : [],
  })).refine((change) => !isPostedRole(change.role) || change.wards.length > 0, {
    error: "staff_admin.error.wards_needed",
    path: ["wards"],
  });
}

/** The role form (`role`, and `wards` checked any number of times), checked against the wards that exist. */
export function parseStaffForm(form: FormData, wardIds: ReadonlySet<number>): ParsedStaffForm {
  const values = {
    role: String(form.get("role") ?? ""),
    wards: form.getAll("wards").filter((ward): ward is string => typeof ward === "string"),
  };
  const parsed = changeSchema(wardIds).safeParse(values);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues), values };
  return { ok: true, change: parsed.data, values };
}

export type SaveOutcome =
  | { kind: "saved" }
  | { kind: "unchanged" }
  /** The database refused (RLS, a foreign key, someone else's change meanwhile): nothing of this step was kept. */
  | { kind: "refused"; error: MessageKey; status: 403 | 409 };

/**
 * Makes `person` what `change` says, all at once or not at all (public.set_staff_role), provided their role
 * is still the one `person` holds: a change someone made meanwhile is refused, not overwritten.
 */
export async function saveStaffChange(
  session: UserSession,
  person: Person,
  change: StaffChange,
): Promise<SaveOutcome> {
  const unchanged = change.role === person.role && change.wards.length === person.wards.length &&
    change.wards.every((ward) => person.wards.includes(ward));
  if (unchanged) return { kind: "unchanged" };
  const { error } = await userClient(session.accessToken).rpc("set_staff_role", {
    person: person.id,
    seen_role: person.role,
    new_role: change.role,
    wards: change.wards,
  });
  if (!error) return { kind: "saved" };
  // RLS's WITH CHECK raises 42501; the function says CC403 where RLS would only leave rows out.
  if (error.code === "CC403" || error.code === "42501") {
    const self = person.id === session.user.id;
    return {
      kind: "refused",
      status: 403,
      error: self ? "staff_admin.error.own_role" : "staff_admin.error.refused",
    };
  }
  if (error.code === "CC409") {
    return { kind: "refused", status: 409, error: "staff_admin.error.changed_meanwhile" };
  }
  throw new Error(`saving a staff change failed: ${error.code} ${error.message}`);
}

/** What to call a person: their name, else their phone number, else "no name". */
export function personName(person: Pick<Person, "full_name" | "phone">, { t, locale }: AppState): string {
  return person.full_name ?? (person.phone ? displayPhone(person.phone, locale) : t("staff_admin.no_name"));
}
