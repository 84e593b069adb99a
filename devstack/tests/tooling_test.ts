/** The Supabase CLI works against the local database URL as it does against a hosted project. */
import assert from "node:assert/strict";
import { DB_URL, PROJECT_ROOT } from "../config.ts";

async function supabaseCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const output = await new Deno.Command(`${PROJECT_ROOT}/node_modules/.bin/supabase`, {
    args: [...args, "--workdir", PROJECT_ROOT],
    cwd: PROJECT_ROOT,
    stdin: "null",
  }).output();
  const decoder = new TextDecoder();
  return { code: output.code, stdout: decoder.decode(output.stdout), stderr: decoder.decode(output.stderr) };
}

Deno.test("supabase gen types describes the project's tables from the local database", async () => {
  const { code, stdout, stderr } = await supabaseCli("gen", "types", "typescript", `--db-url=${DB_URL}`);
  assert.equal(code, 0, stderr);
  assert.match(stdout, /export type Database/);
  assert.match(stdout, /"?profiles"?: \{/);
});

Deno.test("supabase db advisors finds no security issue", async () => {
  const { code, stdout, stderr } = await supabaseCli(
    "db",
    "advisors",
    `--remote=${DB_URL}`,
    "--type",
    "security",
    "--level",
    "info",
  );
  assert.equal(code, 0, stderr);
  assert.match(stdout + stderr, /No issues found/, `advisors reported:\n${stdout}`);
});

Deno.test("supabase db lint (plpgsql_check) finds no warning in the project's functions", async () => {
  const { code, stdout, stderr } = await supabaseCli(
    "db",
    "lint",
    `--db-url=${DB_URL}`,
    "--schema",
    "public,storage,realtime,auth",
    "--level",
    "warning",
    "--fail-on",
    "warning",
  );
  assert.equal(code, 0, `db lint reported:\n${stdout}${stderr}`);
  assert.match(stdout + stderr, /No schema errors found/);
});
