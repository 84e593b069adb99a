/**
 * Whether one citizen's pathological query slows everyone else down: a signed-in citizen files a
 * complaint with a long description and then fires ATTACKERS concurrent PostgREST reads of their own
 * complaints filtered by a regular expression with back-references (`description=match.…`), which
 * Postgres evaluates by backtracking, for seconds per row. While those run, one anonymous request is
 * timed: a PostgREST call (one ward by id through the gateway) in half the rounds, the public tracking page
 * of the app (`/track/<number>`, one PostgREST rpc behind it) in the other half. The same two requests
 * are also timed with nothing else running. Each figure is a median over the rounds.
 *
 * Needs the local stack and the app up (`npm start`; LOCAL_STACK_PORT_OFFSET shifts both as usual). Signs
 * a new citizen in through Auth and the dev SMS inbox.
 *
 *   node_modules/.bin/deno run -A bench/slow_query_isolation.ts [rounds per victim, default 5]
 *
 * The client runs on the same 2 cores as Postgres, PostgREST, the gateway and the app.
 */
import { API_URL, APP_URL } from "../devstack/config.ts";
import { ANON_KEY } from "../devstack/keys.ts";
import { citizenWithComplaint } from "./citizen.ts";
import { machineSummary, median, ms, table } from "./stats.ts";

const rounds = Number(Deno.args[0] ?? 5);
const ATTACKERS = 10;
const IDLE_REQUESTS = 20;
/** Time the attack gets to take its connections before the anonymous request is sent. */
const HEAD_START_MS = 300;
/** Every way to split the text in four and read it back reversed: O(n^5) for n characters, no match. */
const PATTERN = String.raw`(.*)(.*)(.*)(.*)\4\3\2\1b$`;
const DESCRIPTION = `${"a".repeat(1_000)} b`;

interface Timed {
  status: number;
  ms: number;
  /** PostgREST's error code, when the answer was an error. */
  code?: string;
}

async function timed(url: string, headers: Record<string, string>): Promise<Timed> {
  const started = performance.now();
  const response = await fetch(url, { headers });
  const body = await response.text();
  const elapsed = performance.now() - started;
  let code: string | undefined;
  if (!response.ok) {
    try {
      code = (JSON.parse(body) as { code?: string }).code;
    } catch { /* an HTML error page */ }
  }
  return { status: response.status, ms: elapsed, code };
}

const { citizen, filed } = await citizenWithComplaint({
  category: "other",
  title: "বেঞ্চমার্ক",
  description: DESCRIPTION,
  location: "বেঞ্চমার্ক",
});

const attackUrl = `${API_URL}/rest/v1/complaints?select=id&description=match.${encodeURIComponent(PATTERN)}`;
const attackHeaders = { apikey: ANON_KEY, authorization: `Bearer ${citizen.accessToken}` };
const victims: { name: string; url: string; headers: Record<string, string> }[] = [
  {
    name: "anon PostgREST: GET /rest/v1/wards?id=eq.1",
    url: `${API_URL}/rest/v1/wards?select=id,name_en&id=eq.1`,
    headers: { apikey: ANON_KEY },
  },
  {
    name: "anonymous page: GET /track/<number>",
    url: `${APP_URL}/track/${filed.tracking_number}`,
    headers: {},
  },
];

for (const victim of victims) {
  const check = await timed(victim.url, victim.headers);
  if (check.status !== 200) throw new Error(`${victim.url} answered ${check.status}; is the app up?`);
}

console.log(machineSummary());
console.log(`${ATTACKERS} concurrent ${PATTERN} reads of a ${DESCRIPTION.length}-character description,`);
console.log(`the anonymous request ${HEAD_START_MS} ms after them; ${rounds} rounds per request.\n`);

const rows: string[][] = [];
const attacks: Timed[] = [];
for (const victim of victims) {
  const idle: number[] = [];
  for (let i = 0; i < IDLE_REQUESTS; i++) idle.push((await timed(victim.url, victim.headers)).ms);
  const underAttack: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const attack = Promise.all(Array.from({ length: ATTACKERS }, () => timed(attackUrl, attackHeaders)));
    await new Promise((resolve) => setTimeout(resolve, HEAD_START_MS));
    const answer = await timed(victim.url, victim.headers);
    if (answer.status !== 200) throw new Error(`${victim.url} answered ${answer.status} during the attack`);
    underAttack.push(answer.ms);
    attacks.push(...await attack);
  }
  rows.push([
    victim.name,
    ms(median(idle)),
    ms(median(underAttack)),
    ms(Math.max(...underAttack)),
    underAttack.map((value) => value.toFixed(0)).join(", "),
  ]);
}
console.log(table(["anonymous request", "idle med", "attack med", "attack max", "attack, each (ms)"], rows));

const outcomes = new Map<string, number[]>();
for (const attack of attacks) {
  const key = `${attack.status}${attack.code ? ` ${attack.code}` : ""}`;
  outcomes.set(key, [...outcomes.get(key) ?? [], attack.ms]);
}
console.log("\nThe pathological requests answered:");
for (const [outcome, times] of outcomes) {
  console.log(`  ${outcome.padEnd(10)} ${String(times.length).padStart(4)}×, median ${ms(median(times))}`);
}
await citizen.client.auth.signOut({ scope: "local" });
