/**
 * The home page's database round trips for a signed-in citizen, through the gateway and PostgREST as the
 * citizen, interleaved in one run so every variant sees the same noise:
 *
 *   before      what today's home page asked for (the branch point, e851042): the profile, for the name;
 *   sequential  what this page shows, read the straightforward way: the profile, then (needing its ward)
 *               notices, urgent notices, the next collection and open complaints, one after another;
 *   two rounds  the profile, then those four at once;
 *   one round   as shipped: public.home_page (one call, as the citizen) beside the cached hotlines.
 *
 * Then the whole page, in process (createHandler), for the citizen and a visitor. Needs the local stack
 * (`npm start`, or `scripts/cli.ts start`); signs in as the seed's demo citizen (+8801700000000, 123456).
 *
 *   node_modules/.bin/deno run -A bench/home_page.ts [rounds, default 40]
 */
import { createHandler } from "$fresh/server.ts";
import manifest from "../fresh.gen.ts";
import config from "../fresh.config.ts";
import { ACCESS_COOKIE } from "../lib/auth/session.ts";
import { getProfile } from "../lib/profile.ts";
import { loadHomePage } from "../lib/home_page.ts";
import { listPublished } from "../lib/notices/repository.ts";
import { readerClient } from "../lib/supabase.ts";
import { nextCollections } from "../lib/waste/repository.ts";
import { listMyComplaints } from "../lib/complaints/repository.ts";
import { demoCitizenSession } from "./citizen.ts";
import { comparisonTable, machineSummary, median, ms, percentile, table, timeInterleaved } from "./stats.ts";

const rounds = Number(Deno.args[0] ?? 40);
const WARM_UP = 5;

const session = await demoCitizenSession();

async function wardReads(wardId: number | null, sequential: boolean) {
  const reads = [
    () => listPublished(readerClient(session), { wardId, limit: 3 }),
    () => listPublished(readerClient(session), { wardId, limit: 3, urgentOnly: true }),
    () => wardId === null ? Promise.resolve([]) : nextCollections(wardId, 1),
    () => listMyComplaints(session, null),
  ];
  if (!sequential) return await Promise.all(reads.map((read) => read()));
  for (const read of reads) await read();
}

const variants: Record<string, () => Promise<unknown>> = {
  "before (profile only)": () => getProfile(session),
  "sequential (5 calls)": async () => wardReads((await getProfile(session))?.ward_id ?? null, true),
  "two rounds (1 + 4 at once)": async () => wardReads((await getProfile(session))?.ward_id ?? null, false),
  "one round (home_page ∥ hotlines)": () => loadHomePage(session),
};

const samples = await timeInterleaved(variants, WARM_UP, rounds);

const handle = await createHandler(manifest, config);
const page = async (cookie?: string) => {
  const started = performance.now();
  const response = await handle(
    new Request("http://127.0.0.1:8000/", { headers: cookie ? { cookie } : {} }),
    { remoteAddr: { transport: "tcp" as const, hostname: "127.0.0.1", port: 50000 } },
  );
  await response.text();
  if (response.status !== 200) throw new Error(`GET / answered ${response.status}`);
  return performance.now() - started;
};
const pages: Record<string, number[]> = { "GET / as the citizen": [], "GET / as a visitor": [] };
for (let i = 0; i < WARM_UP + rounds; i++) {
  const citizen = await page(`${ACCESS_COOKIE}=${session.accessToken}`);
  const visitor = await page();
  if (i >= WARM_UP) {
    pages["GET / as the citizen"].push(citizen);
    pages["GET / as a visitor"].push(visitor);
  }
}

console.log(machineSummary());
console.log(`${rounds} rounds after ${WARM_UP} warm-up, interleaved\n`);
console.log(comparisonTable("data for the home page", samples, "one round (home_page ∥ hotlines)"));
console.log();
console.log(table(
  ["whole page, in process", "median", "p90"],
  Object.entries(pages).map(([name, values]) => [name, ms(median(values)), ms(percentile(values, 0.9))]),
));
Deno.exit(0);
