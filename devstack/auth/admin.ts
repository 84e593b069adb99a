/**
 * The admin API (`/admin/users…`), for the service role: create, list, read, update and delete users.
 * Metadata updates are shallow merges in which null deletes a key, as in GoTrue.
 */
import type { Sql, TransactionSql } from "../pg.ts";
import { badRequest, notFound, unprocessable } from "./errors.ts";
import { type Body, jsonResponse, objectField, readBody } from "./http.ts";
import { API_URL } from "../config.ts";
import { requireAdmin } from "./tokens.ts";
import {
  findUserById,
  insertPhoneUser,
  isUuid,
  jsonb,
  listUsers,
  mergeMetadata,
  normalizePhone,
  upsertPhoneIdentity,
  userJson,
  type UserRow,
} from "./users.ts";

export async function adminCreateUser(sql: Sql, req: Request): Promise<Response> {
  await requireAdmin(req);
  const body = await readBody(req);
  if (body.email || body.password) {
    throw unprocessable("validation_failed", "The local Auth service signs users in by phone only");
  }
  if (!body.phone) {
    throw unprocessable("validation_failed", "Cannot create a user without either an email or phone");
  }
  const phone = normalizePhone(body.phone);
  const user = await sql.begin(async (tx) => {
    const created = await insertPhoneUser(tx, {
      phone,
      userMetadata: {},
      appMetadata: { provider: "phone", providers: ["phone"] },
    });
    if (!created) throw unprocessable("phone_exists", "Phone number already registered by another user");
    return await applyChanges(tx, created, { ...body, phone: undefined });
  });
  return jsonResponse(req, 200, userJson(user));
}

export async function adminListUsers(sql: Sql, req: Request): Promise<Response> {
  await requireAdmin(req);
  const query = new URL(req.url).searchParams;
  const page = positiveInteger(query.get("page"), 1);
  const perPage = positiveInteger(query.get("per_page"), 50);
  const { users, total } = await listUsers(sql, { page, perPage, filter: query.get("filter") ?? "" });
  return jsonResponse(req, 200, { users: users.map(userJson), aud: "authenticated" }, {
    "x-total-count": String(total),
    link: paginationLinks(page, perPage, total),
  });
}

export async function adminGetUser(sql: Sql, req: Request, id: string): Promise<Response> {
  await requireAdmin(req);
  return jsonResponse(req, 200, userJson(await existingUser(sql, id)));
}

export async function adminUpdateUser(sql: Sql, req: Request, id: string): Promise<Response> {
  await requireAdmin(req);
  const body = await readBody(req);
  if (body.email || body.password) {
    throw unprocessable("validation_failed", "The local Auth service signs users in by phone only");
  }
  const user = await sql.begin(async (tx) => applyChanges(tx, await existingUser(tx, id), body));
  return jsonResponse(req, 200, userJson(user));
}

export async function adminDeleteUser(sql: Sql, req: Request, id: string): Promise<Response> {
  await requireAdmin(req);
  const body = await readBody(req);
  const user = await existingUser(sql, id);
  if (body.should_soft_delete === true) {
    await sql.begin(async (tx) => {
      // GoTrue keeps the row but frees the phone number and removes every way to sign in.
      await tx`update auth.users
               set phone = null, email = null, raw_user_meta_data = '{}'::jsonb, deleted_at = now(), updated_at = now()
               where id = ${user.id} and deleted_at is null`;
      await tx`delete from auth.identities where user_id = ${user.id}`;
      await tx`delete from auth.sessions where user_id = ${user.id}`;
    });
  } else {
    // Identities, sessions (with their refresh tokens) and pending codes go with the user: foreign keys cascade.
    await sql`delete from auth.users where id = ${user.id}`;
  }
  return jsonResponse(req, 200, {});
}

async function existingUser(db: Sql | TransactionSql, id: string): Promise<UserRow> {
  if (!isUuid(id)) throw notFound("user_not_found", "User not found");
  const user = await findUserById(db, id);
  if (!user) throw notFound("user_not_found", "User not found");
  return user;
}

/** Applies the admin fields GoTrue accepts (phone-related ones only) and returns the updated user. */
async function applyChanges(tx: TransactionSql, user: UserRow, body: Body): Promise<UserRow> {
  if (body.phone !== undefined && body.phone !== null && body.phone !== "") {
    const phone = normalizePhone(body.phone);
    const [taken] = await tx`select 1 from auth.users where phone = ${phone} and id <> ${user.id}`;
    if (taken) throw unprocessable("phone_exists", "Phone number already registered by another user");
    await tx`update auth.users set phone = ${phone} where id = ${user.id}`;
    await upsertPhoneIdentity(tx, user.id, phone, { verified: false });
  }
  if (typeof body.role === "string" && body.role) {
    await tx`update auth.users set role = ${body.role} where id = ${user.id}`;
  }
  if (body.phone_confirm === true) {
    await tx`update auth.users set phone_confirmed_at = coalesce(phone_confirmed_at, now()) where id = ${user.id}`;
  }
  const appMetadata = objectField(body, "app_metadata");
  if (appMetadata) {
    await tx`update auth.users set raw_app_meta_data = ${
      jsonb(tx, mergeMetadata(user.raw_app_meta_data, appMetadata))
    }
             where id = ${user.id}`;
  }
  const userMetadata = objectField(body, "user_metadata");
  if (userMetadata) {
    await tx`update auth.users set raw_user_meta_data = ${
      jsonb(tx, mergeMetadata(user.raw_user_meta_data, userMetadata))
    }
             where id = ${user.id}`;
  }
  if (typeof body.ban_duration === "string" && body.ban_duration) {
    const seconds = body.ban_duration === "none" ? null : banSeconds(body.ban_duration);
    await tx`update auth.users
             set banned_until = ${seconds === null ? null : tx`now() + make_interval(secs => ${seconds})`}
             where id = ${user.id}`;
  }
  await tx`update auth.users set updated_at = now() where id = ${user.id}`;
  return (await findUserById(tx, user.id))!;
}

const GO_DURATION_UNITS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  "µs": 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

/** `ban_duration` is a Go duration such as "24h" or "1h30m". */
function banSeconds(duration: string): number {
  const parts = [...duration.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
  if (!parts.length || parts.map((part) => part[0]).join("") !== duration) {
    throw badRequest("validation_failed", `invalid format for ban duration: ${duration}`);
  }
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * GO_DURATION_UNITS[unit], 0);
}

function positiveInteger(value: string | null, fallback: number): number {
  if (value === null || value === "") return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw badRequest("validation_failed", `Bad Pagination Parameters: ${value}`);
  }
  return number;
}

/** GoTrue's `Link` header; auth-js reads the page numbers of `next` and `last` from it. */
function paginationLinks(page: number, perPage: number, total: number): string {
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  const link = (target: number, rel: string) =>
    `<${API_URL}/auth/v1/admin/users?page=${target}&per_page=${perPage}>; rel="${rel}"`;
  return [...(page < lastPage ? [link(page + 1, "next")] : []), link(lastPage, "last")].join(", ");
}
