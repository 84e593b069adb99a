/**
 * Users and their phone identities in `auth.users` / `auth.identities`, and the user JSON GoTrue answers
 * with. Phone numbers are stored as E.164 digits without the "+", as GoTrue stores them.
 */
import type postgres from "postgres";
import type { Sql, TransactionSql } from "../pg.ts";
import { validationFailed } from "./errors.ts";
import { normalizePhone as normalizeTypedBdPhone } from "../../lib/phone.ts";

export type Db = Sql | TransactionSql;
export type Metadata = Record<string, unknown>;

export interface UserRow {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  email_confirmed_at: Date | null;
  phone: string | null;
  phone_confirmed_at: Date | null;
  confirmation_sent_at: Date | null;
  /** The new number a phone change waits to confirm; empty when none. */
  phone_change: string | null;
  phone_change_sent_at: Date | null;
  confirmed_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Metadata | null;
  raw_user_meta_data: Metadata | null;
  banned_until: Date | null;
  deleted_at: Date | null;
  is_anonymous: boolean;
  created_at: Date;
  updated_at: Date;
  /** Whether banned_until lies in the future, by the database clock. */
  is_banned: boolean;
  identities: IdentityJson[];
}

export interface IdentityJson {
  identity_id: string;
  id: string;
  user_id: string;
  identity_data: Metadata;
  provider: string;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
  email?: string;
}

const E164_DIGITS = /^[1-9][0-9]{1,14}$/;

/**
 * A Bangladeshi mobile number in any spelling people use (`017…`, `17…`, `8801…`, `+880 1…`, dashes,
 * Bengali digits) as stored digits `8801XXXXXXXXX`, by the app's own rule; undefined for anything else.
 */
export function bangladeshiMobileDigits(input: string): string | undefined {
  const typed = normalizeTypedBdPhone(input);
  return typed.ok ? typed.phone.replace(/^\+/, "") : undefined;
}

/**
 * The one stored form of a phone number, so that every spelling of a handset reaches the same account:
 * Bangladeshi mobiles as `8801XXXXXXXXX`, and other numbers by GoTrue's rule (drop a leading "+" and
 * spaces, then 2–15 digits). Without this, `1712345678` would be a second account, `+1 712…`.
 */
export function normalizePhone(input: unknown): string {
  if (typeof input !== "string") throw validationFailed("Invalid phone number format (E.164 required)");
  const bangladeshi = bangladeshiMobileDigits(input);
  if (bangladeshi) return bangladeshi;
  const digits = input.trim().replace(/^\+/, "").replaceAll(" ", "");
  if (!E164_DIGITS.test(digits)) throw validationFailed("Invalid phone number format (E.164 required)");
  return digits;
}

/** Shallow merge as GoTrue applies metadata updates: a null value deletes the key. */
export function mergeMetadata(current: Metadata | null, changes: Metadata): Metadata {
  const merged: Metadata = { ...(current ?? {}) };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/** The user as GoTrue serialises it (GET /user, sessions, admin API, Send-SMS hook). */
export function userJson(user: UserRow) {
  return withoutNulls({
    id: user.id,
    aud: user.aud ?? "",
    role: user.role ?? "",
    email: user.email ?? "",
    email_confirmed_at: user.email_confirmed_at,
    phone: user.phone ?? "",
    phone_confirmed_at: user.phone_confirmed_at,
    confirmation_sent_at: user.confirmation_sent_at,
    confirmed_at: user.confirmed_at,
    // GoTrue leaves new_phone out unless a change is pending.
    new_phone: user.phone_change || null,
    phone_change_sent_at: user.phone_change_sent_at,
    last_sign_in_at: user.last_sign_in_at,
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    identities: user.identities,
    banned_until: user.banned_until,
    created_at: user.created_at,
    updated_at: user.updated_at,
    is_anonymous: user.is_anonymous,
    deleted_at: user.deleted_at,
  });
}

export type UserJson = ReturnType<typeof userJson>;

/** GoTrue leaves unset timestamps out of the user JSON. */
function withoutNulls<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== null)) as T;
}

function selectUsers(db: Db, where: postgres.Fragment, suffix: postgres.Fragment = db``) {
  return db<UserRow[]>`
    select u.id, u.aud, u.role, u.email, u.email_confirmed_at, u.phone, u.phone_confirmed_at,
           u.confirmation_sent_at, u.phone_change, u.phone_change_sent_at, u.confirmed_at, u.last_sign_in_at, u.raw_app_meta_data,
           u.raw_user_meta_data, u.banned_until, u.deleted_at, u.is_anonymous, u.created_at, u.updated_at,
           coalesce(u.banned_until > now(), false) as is_banned,
           coalesce((
             select jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                      'identity_id', i.id, 'id', i.provider_id, 'user_id', i.user_id,
                      'identity_data', i.identity_data, 'provider', i.provider, 'email', i.email,
                      'last_sign_in_at', i.last_sign_in_at, 'created_at', i.created_at,
                      'updated_at', i.updated_at)) order by i.created_at)
             from auth.identities i where i.user_id = u.id
           ), '[]'::jsonb) as identities
    from auth.users u
    ${where}
    ${suffix}`;
}

/** The user with this id; `lock` holds the row until the transaction ends. */
export async function findUserById(db: Db, id: string, { lock = false } = {}): Promise<UserRow | undefined> {
  const [user] = await selectUsers(db, db`where u.id = ${id}`, lock ? db`for update of u` : db``);
  return user;
}

/** The user with this phone (digits); `lock` holds the row until the transaction ends. */
export async function findUserByPhone(
  db: Db,
  phone: string,
  { lock = false } = {},
): Promise<UserRow | undefined> {
  const [user] = await selectUsers(db, db`where u.phone = ${phone}`, lock ? db`for update of u` : db``);
  return user;
}

/** The user waiting to change to `phone` (digits), the latest to ask when several did; row locked. */
export async function findUserByPhoneChange(db: Db, phone: string): Promise<UserRow | undefined> {
  const [user] = await selectUsers(
    db,
    db`where u.phone_change = ${phone}`,
    db`order by u.phone_change_sent_at desc nulls last limit 1 for update of u`,
  );
  return user;
}

export async function listUsers(
  db: Db,
  { page, perPage, filter }: { page: number; perPage: number; filter: string },
): Promise<{ users: UserRow[]; total: number }> {
  const phone = bangladeshiMobileDigits(filter) ?? filter.replace(/^\+/, "");
  const where = filter ? db`where u.phone like ${`%${phone}%`} or u.email ilike ${`%${filter}%`}` : db``;
  const [{ count }] = await db<{ count: number }[]>`select count(*)::int as count from auth.users u ${where}`;
  const users = await selectUsers(
    db,
    where,
    db`order by u.created_at desc, u.id limit ${perPage} offset ${(page - 1) * perPage}`,
  );
  return { users, total: count };
}

export function isUuid(value: unknown): value is string {
  return typeof value === "string" &&
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** Creates a phone user and its phone identity; returns undefined when the phone is already taken. */
export async function insertPhoneUser(
  tx: TransactionSql,
  fields: { phone: string; userMetadata: Metadata; appMetadata: Metadata; role?: string },
): Promise<UserRow | undefined> {
  const [created] = await tx<{ id: string }[]>`
    insert into auth.users (aud, role, phone, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
    values ('authenticated', ${fields.role ?? "authenticated"}, ${fields.phone},
            ${jsonb(tx, fields.appMetadata)}, ${jsonb(tx, fields.userMetadata)}, now(), now())
    on conflict (phone) do nothing
    returning id`;
  if (!created) return undefined;
  await upsertPhoneIdentity(tx, created.id, fields.phone, { verified: false });
  return await findUserById(tx, created.id);
}

/** The user's phone identity, created when missing (seeded users may lack one). */
export async function upsertPhoneIdentity(
  tx: TransactionSql,
  userId: string,
  phone: string,
  { verified, signedIn = false }: { verified: boolean; signedIn?: boolean },
): Promise<void> {
  const data = { sub: userId, phone, email_verified: false, phone_verified: verified };
  await tx`
    insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at)
    values (${userId}, ${userId}, ${jsonb(tx, data)}, 'phone', ${signedIn ? tx`now()` : null})
    on conflict (provider_id, provider) do update
      set identity_data = auth.identities.identity_data || excluded.identity_data,
          last_sign_in_at = coalesce(excluded.last_sign_in_at, auth.identities.last_sign_in_at),
          updated_at = now()`;
}

/** After a correct code: the phone is confirmed, the sign-in recorded, and "phone" listed as a provider. */
export async function recordPhoneSignIn(tx: TransactionSql, user: UserRow): Promise<UserRow> {
  const appMetadata = user.raw_app_meta_data ?? {};
  const providers = Array.isArray(appMetadata.providers) ? appMetadata.providers : [];
  const withPhone = mergeMetadata(appMetadata, {
    provider: appMetadata.provider ?? "phone",
    providers: providers.includes("phone") ? providers : [...providers, "phone"],
  });
  await tx`
    update auth.users
    set phone_confirmed_at = coalesce(phone_confirmed_at, now()), last_sign_in_at = now(),
        raw_app_meta_data = ${jsonb(tx, withPhone)}, updated_at = now()
    where id = ${user.id}`;
  await upsertPhoneIdentity(tx, user.id, user.phone!, { verified: true, signedIn: true });
  return (await findUserById(tx, user.id))!;
}

/**
 * After a correct phone_change code: the new number becomes the account's, confirmed, on the same user id
 * (so everything the person owns stays theirs), and every pending code of the user is dropped, as in
 * GoTrue. Returns undefined when another account took the number meanwhile.
 */
export async function confirmPhoneChange(tx: TransactionSql, user: UserRow): Promise<UserRow | undefined> {
  try {
    await tx.savepoint((sp) =>
      sp`
        update auth.users
        set phone = phone_change, phone_change = '', phone_change_token = '', phone_confirmed_at = now(),
            updated_at = now()
        where id = ${user.id}`
    );
  } catch (error) {
    if ((error as { code?: string }).code === "23505") return undefined;
    throw error;
  }
  await tx`delete from auth.one_time_tokens where user_id = ${user.id}`;
  return await recordPhoneSignIn(tx, (await findUserById(tx, user.id))!);
}

/** A jsonb query parameter. */
export function jsonb(db: Db, value: Metadata): postgres.Parameter {
  return db.json(value as postgres.JSONValue);
}
