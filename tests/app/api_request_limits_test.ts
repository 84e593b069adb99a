/**
 * What one signed-in person can make the database do through PostgREST directly (their JWT and the public
 * anon key are all it takes): a pathological regular-expression filter is cut off by the role's statement
 * timeout, and past three requests at once the next ones are refused before they run, so one person
 * cannot hold every pooled connection. bench/slow_query_isolation.ts measures what this buys. The app's own
 * client for a person keeps to that number, so its calls wait their turn instead of being refused.
 */
import assert from "node:assert/strict";
import { PERSON_CONCURRENT_REQUESTS, userClient } from "@/lib/supabase.ts";
import { API_URL } from "@/devstack/config.ts";
import { ANON_KEY } from "@/devstack/keys.ts";
import { signInWithPhone } from "@/devstack/testing/auth.ts";

/** Postgres backtracks through every way to split the text in four: seconds per row, no match. */
const PATHOLOGICAL = String.raw`(.*)(.*)(.*)(.*)\4\3\2\1b$`;
const REQUESTS = 6;
const SLOTS = PERSON_CONCURRENT_REQUESTS;

async function citizenWithLongComplaint() {
  const citizen = await signInWithPhone();
  const filed = await citizen.client.rpc("submit_complaint", {
    client_request_id: crypto.randomUUID(),
    category: "other",
    title: "দীর্ঘ বিবরণ",
    description: `${"a".repeat(1_000)} b`,
    location: "পরীক্ষা",
    ward_id: 1,
  });
  assert.equal(filed.error, null);
  return citizen;
}

Deno.test("a citizen's pathological filters are cut off or refused, never left to run", async () => {
  const citizen = await citizenWithLongComplaint();
  const headers = { apikey: ANON_KEY, authorization: `Bearer ${citizen.accessToken}` };
  const url = `${API_URL}/rest/v1/complaints?select=id&description=match.${encodeURIComponent(PATHOLOGICAL)}`;
  const answers = await Promise.all(Array.from({ length: REQUESTS }, async () => {
    const response = await fetch(url, { headers });
    const body = await response.json();
    return { status: response.status, code: body.code, retryAfter: response.headers.get("retry-after") };
  }));

  const cutOff = answers.filter((answer) => answer.code === "57014");
  const refused = answers.filter((answer) => answer.status === 429);
  assert.deepEqual([...new Set(cutOff.map((answer) => answer.status))], [500], "PostgREST maps 57014 to 500");
  assert.equal(cutOff.length + refused.length, REQUESTS, `every request failed: ${JSON.stringify(answers)}`);
  assert.ok(cutOff.length <= SLOTS, `at most ${SLOTS} ran at once`);
  assert.ok(refused.length >= REQUESTS - SLOTS, "the rest were refused before running");
  for (const answer of refused) assert.deepEqual(answer, { status: 429, code: "CC429", retryAfter: "1" });

  const after = await fetch(`${API_URL}/rest/v1/complaints?select=id`, { headers });
  assert.equal(after.status, 200, "once they are over, the person's slots are free again");
  assert.equal((await after.json()).length, 1);
  await citizen.client.auth.signOut({ scope: "local" });
});

Deno.test("the app's client for a person sends the database no more calls at once than it runs for them", async () => {
  const citizen = await citizenWithLongComplaint();
  const client = userClient(citizen.accessToken);
  // Twice the person's slots, all at once: each runs into the statement timeout (about 2 s). Sent all at
  // once, half would be refused (429) and still be refused after the retries' 1.3 s; in turns, all run.
  const answers = await Promise.all(Array.from({ length: 2 * SLOTS }, async () => {
    const { error } = await client.from("complaints").select("id").filter(
      "description",
      "match",
      PATHOLOGICAL,
    );
    return error?.code;
  }));
  assert.deepEqual(answers, Array(2 * SLOTS).fill("57014"));
  await citizen.client.auth.signOut({ scope: "local" });
});
