/**
 * What every staff test shares: people signed in for real (phone OTP through local Auth, code from the dev
 * SMS inbox) and made staff by the operator (the service role writing staff_roles and ward_postings, as a
 * super admin would), each with the token Auth issues next, which carries their role; and the app's pages
 * requested in-process with that person's session cookie.
 */
import assert from "node:assert/strict";
import { createHandler } from "$fresh/server.ts";
import { ACCESS_COOKIE, type AppRole, userFromClaims, type UserSession } from "@/lib/auth/session.ts";
import {
  randomPhone,
  serviceRoleClient,
  type SignedInUser,
  signInWithPhone,
} from "../../devstack/testing/auth.ts";

export const operator = serviceRoleClient();

const ORIGIN = "http://127.0.0.1:8000";
/** The app's handler, loaded on first use: the browser tests use this module too, against the running app. */
let handler: ReturnType<typeof createHandler> | undefined;

export interface Person extends SignedInUser {
  name: string;
  role: AppRole;
}

/** The session a page sees for `person`, for calling the library as a page would. */
export function sessionOf(person: Person): UserSession {
  return {
    user: { id: person.id, phone: person.phone, role: person.role, wards: [] },
    accessToken: person.accessToken,
  };
}

export type StaffRole = Exclude<AppRole, "citizen">;

/** Makes a person staff in these wards, as an operator (or a super admin) does. */
export async function makeStaff(userId: string, role: StaffRole, wards: number[] = []): Promise<void> {
  await operator.from("staff_roles").insert({ user_id: userId, role }).throwOnError();
  if (wards.length === 0) return;
  await operator.from("ward_postings").insert(wards.map((ward_id) => ({ user_id: userId, ward_id })))
    .throwOnError();
}

export interface NewStaff extends SignedInUser {
  /** The session the app builds from their renewed token (role and wards from the token's claims). */
  appSession: UserSession;
}

/**
 * An account named `name` made by the operator for a new phone, not signed in (for tests that sign in
 * through the pages); a super admin when asked.
 */
export async function newAccount(name: string, superAdmin = false): Promise<{ id: string; phone: string }> {
  const phone = randomPhone();
  const { data, error } = await operator.auth.admin.createUser({
    phone: phone.slice(1),
    phone_confirm: true,
  });
  assert.equal(error, null, error?.message);
  const id = data.user!.id;
  await operator.from("profiles").update({ full_name: name }).eq("id", id).throwOnError();
  if (superAdmin) await makeStaff(id, "super_admin");
  return { id, phone };
}

/** A new person signed in, made staff with `role` in `wards`, named `name`, holding a token that says so. */
export async function newStaff(role: StaffRole, wards: number[] = [], name?: string): Promise<NewStaff> {
  const user = await signInWithPhone();
  await makeStaff(user.id, role, wards);
  if (name) await operator.from("profiles").update({ full_name: name }).eq("id", user.id).throwOnError();
  const { data, error } = await user.client.auth.refreshSession();
  assert.equal(error, null, error?.message);
  const { data: claims } = await user.client.auth.getClaims(data.session!.access_token);
  const appUser = userFromClaims(claims!.claims as Parameters<typeof userFromClaims>[0]);
  assert.equal(appUser?.role, role, "the renewed token carries the role");
  const accessToken = data.session!.access_token;
  return { ...user, session: data.session!, accessToken, appSession: { user: appUser!, accessToken } };
}

/** A new person named `name`, signed in; staff with `role` in `wards` when asked. */
export async function signUp(name: string, role: AppRole = "citizen", wards: number[] = []): Promise<Person> {
  if (role !== "citizen") return { ...await newStaff(role, wards, name), name, role };
  const user = await signInWithPhone();
  await operator.from("profiles").update({ full_name: name }).eq("id", user.id).throwOnError();
  return { ...user, name, role };
}

/**
 * A page or form post as `person` (a visitor when null); `form` makes it a urlencoded POST, `otherCookies`
 * are sent beside the session cookie (e.g. `lang=en`).
 */
export async function request(
  path: string,
  person: { accessToken: string } | null,
  form?: [string, string][],
  otherCookies = "",
): Promise<Response> {
  const headers = new Headers({ origin: ORIGIN });
  const cookies = [otherCookies, person && `${ACCESS_COOKIE}=${person.accessToken}`].filter(Boolean);
  if (cookies.length) headers.set("cookie", cookies.join("; "));
  const init = form ? { method: "POST", headers, body: new URLSearchParams(form) } : { headers };
  handler ??= Promise.all([import("@/fresh.gen.ts"), import("@/fresh.config.ts")])
    .then(([manifest, config]) => createHandler(manifest.default, config.default));
  return await (await handler)(new Request(`${ORIGIN}${path}`, init), {
    remoteAddr: { transport: "tcp", hostname: "127.0.0.1", port: 50000 },
  });
}

/** The status and HTML of a page as `person`, with `otherCookies` as `request` sends them. */
export async function page(
  path: string,
  person: { accessToken: string } | null,
  otherCookies = "",
): Promise<{ status: number; html: string }> {
  const response = await request(path, person, undefined, otherCookies);
  return { status: response.status, html: await response.text() };
}

/** A person's role and postings as the database holds them. */
export async function staffRecord(id: string): Promise<{ role: string | null; wards: number[] }> {
  const [{ data: role }, { data: postings }] = await Promise.all([
    operator.from("staff_roles").select("role").eq("user_id", id).maybeSingle(),
    operator.from("ward_postings").select("ward_id").eq("user_id", id).order("ward_id"),
  ]);
  return { role: role?.role ?? null, wards: (postings ?? []).map((posting) => posting.ward_id) };
}
