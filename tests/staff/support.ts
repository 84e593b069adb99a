/**
 * What the staff management and audit tests share: people signed in for real (phone OTP through local
 * Auth, code from the dev SMS inbox) and made staff by the operator (the service role stands in for the
 * seed), each with a token that already carries their role; and the app's pages requested in-process with
 * that person's session cookie.
 */
import assert from "node:assert/strict";
import { createHandler } from "$fresh/server.ts";
import { ACCESS_COOKIE, type AppRole, type UserSession } from "@/lib/auth/session.ts";
import { serviceRoleClient, type SignedInUser, signInWithPhone } from "../../devstack/testing/auth.ts";

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

/**
 * A new person named `name`, signed in; with a staff role and postings when asked, given by the operator
 * before their token is renewed, so the token they hold carries them.
 */
export async function signUp(name: string, role: AppRole = "citizen", wards: number[] = []): Promise<Person> {
  const user = await signInWithPhone();
  await operator.from("profiles").update({ full_name: name }).eq("id", user.id).throwOnError();
  if (role === "citizen") return { ...user, name, role };
  await operator.from("staff_roles").insert({ user_id: user.id, role }).throwOnError();
  if (wards.length) {
    await operator.from("ward_postings").insert(wards.map((ward_id) => ({ user_id: user.id, ward_id })))
      .throwOnError();
  }
  const { data, error } = await user.client.auth.refreshSession();
  assert.equal(error, null);
  return { ...user, name, role, session: data.session!, accessToken: data.session!.access_token };
}

/** A page or form post as `person` (a visitor when null); `form` makes it a urlencoded POST. */
export async function request(
  path: string,
  person: Person | null,
  form?: [string, string][],
): Promise<Response> {
  const headers = new Headers({ origin: ORIGIN });
  if (person) headers.set("cookie", `${ACCESS_COOKIE}=${person.accessToken}`);
  const init = form ? { method: "POST", headers, body: new URLSearchParams(form) } : { headers };
  handler ??= Promise.all([import("@/fresh.gen.ts"), import("@/fresh.config.ts")])
    .then(([manifest, config]) => createHandler(manifest.default, config.default));
  return await (await handler)(new Request(`${ORIGIN}${path}`, init), {
    remoteAddr: { transport: "tcp", hostname: "127.0.0.1", port: 50000 },
  });
}

/** The status and HTML of a page as `person`. */
export async function page(path: string, person: Person | null): Promise<{ status: number; html: string }> {
  const response = await request(path, person);
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
