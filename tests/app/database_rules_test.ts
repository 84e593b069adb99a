/**
 * Rules the database enforces that the app repeats in TypeScript (to say no early, in Bengali, and in the
 * browser): read back from the database's own constraints, so a migration that changes one without the
 * other fails here instead of surfacing as a 5xx or a form that refuses what the database accepts.
 */
import assert from "node:assert/strict";
import { asOperator } from "@/devstack/testing/db.ts";
import { APP_ROLES } from "@/lib/auth/session.ts";
import { PHOTO_BUCKET } from "@/lib/complaints/repository.ts";
import {
  COMPLAINT_STATUSES,
  LIMITS,
  OPEN_STATUSES,
  PHOTO_TYPES,
  TRACKING_ALPHABET,
} from "@/lib/complaints/model.ts";
import { PROFILE_LIMITS } from "@/lib/profile.ts";
import { CITY_CORPORATIONS } from "@/lib/wards.ts";

/** The check constraints of `public.<table>` (or of a domain), as Postgres prints them. */
function checks(table: string): Promise<string[]> {
  return asOperator(async (sql) => {
    const rows = await sql<{ definition: string }[]>`
      select pg_get_constraintdef(c.oid) as definition
        from pg_constraint c
        left join pg_class t on t.oid = c.conrelid
        left join pg_type d on d.oid = c.contypid
       where c.contype = 'c' and c.connamespace = 'public'::regnamespace
         and coalesce(t.relname, d.typname) = ${table}`;
    return rows.map((row) => row.definition);
  });
}

/** The values a `column = ANY (ARRAY['a'::text, …])` check allows. */
async function allowedValues(table: string, column: string): Promise<string[]> {
  const definition = (await checks(table)).find((text) => text.startsWith(`CHECK ((${column} = ANY`));
  assert.ok(definition, `no list check on ${table}.${column}`);
  return [...definition.matchAll(/'([^']*)'::text/g)].map((match) => match[1]);
}

/** The [min, max] of a `char_length(<expression>) between min and max` check (min 0 when only a max). */
async function lengthBounds(table: string, expression: string): Promise<[number, number]> {
  const definitions = (await checks(table)).join("\n");
  const bound = (operator: string) =>
    new RegExp(`char_length\\(${expression.replace(/[()]/g, "\\$&")}\\) ${operator} (\\d+)`).exec(definitions)
      ?.[1];
  const max = bound("<=");
  assert.ok(max, `no length check on ${table}: char_length(${expression})`);
  return [Number(bound(">=") ?? 0), Number(max)];
}

Deno.test("statuses, open statuses, roles and city corporations match the database", async () => {
  assert.deepEqual(await allowedValues("complaint_status", "VALUE"), [...COMPLAINT_STATUSES]);
  assert.deepEqual(await allowedValues("profiles", "role"), [...APP_ROLES]);
  assert.deepEqual(await allowedValues("wards", "city_corporation"), [...CITY_CORPORATIONS]);
  const open = await asOperator((sql) =>
    sql<{ status: string }[]>`
      select status from unnest(${COMPLAINT_STATUSES as unknown as string[]}::text[]) as status
       where public.complaint_status_is_open(status)`
  );
  assert.deepEqual(open.map((row) => row.status), [...OPEN_STATUSES]);
});

Deno.test("text lengths the forms allow are the ones the database keeps", async () => {
  assert.deepEqual(await lengthBounds("complaints", "title"), [LIMITS.titleMin, LIMITS.titleMax]);
  assert.deepEqual(await lengthBounds("complaints", "btrim(description)"), [
    LIMITS.descriptionMin,
    LIMITS.descriptionMax,
  ]);
  assert.equal((await lengthBounds("complaints", "location"))[1], LIMITS.locationMax);
  assert.equal((await lengthBounds("profiles", "full_name"))[1], PROFILE_LIMITS.fullNameMax);
  assert.equal((await lengthBounds("profiles", "address"))[1], PROFILE_LIMITS.addressMax);
});

Deno.test("photo count, size and types match the photo table and bucket", async () => {
  const positions = (await checks("complaint_photos")).find((text) => text.includes('"position" <='));
  assert.match(positions ?? "", new RegExp(`"position" <= ${LIMITS.photosMax}\\)`));
  const [bucket] = await asOperator((sql) =>
    sql<{ file_size_limit: string; allowed_mime_types: string[] }[]>`
      select file_size_limit, allowed_mime_types from storage.buckets where id = ${PHOTO_BUCKET}`
  );
  assert.equal(Number(bucket.file_size_limit), LIMITS.photoBytesMax);
  assert.deepEqual(bucket.allowed_mime_types, [...PHOTO_TYPES]);
});

Deno.test("tracking numbers use the same alphabet in the database's check, its generator and the app", async () => {
  const [definition] = (await checks("complaints")).filter((text) => text.includes("tracking_number ~"));
  const pattern = new RegExp(/'(\^CC-[^']+)'/.exec(definition)![1]);
  const candidates = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");
  const allowedByCheck = candidates.filter((char) => pattern.test(`CC-${char.repeat(8)}`));
  assert.deepEqual(allowedByCheck.join(""), TRACKING_ALPHABET);

  const [{ source }] = await asOperator((sql) =>
    sql<{ source: string }[]>`select prosrc as source from pg_proc where proname = 'random_tracking_number'`
  );
  assert.equal(/alphabet constant text := '([^']+)'/.exec(source)?.[1], TRACKING_ALPHABET);
});
