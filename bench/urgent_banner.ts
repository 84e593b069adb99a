/**
 * What the urgent-notice banner costs every signed-in page, now that it is rendered on the server: the
 * page shell's database reads for a signed-in citizen, through the gateway and PostgREST as the citizen,
 * interleaved in one run so every variant sees the same noise:
 *
 *   before       the shell read only the bell's unread count (the banner came later, from the island);
 *   sequential   the count, then the urgent notices (public.urgent_notices);
 *   at once      the count and the urgent notices as two calls at once;
 *   shipped      both in one call (public.page_shell, lib/page_shell.ts), started by routes/_middleware.ts
 *                and awaited by routes/_layout.tsx, so it also runs beside the page's own calls.
 *
 * And the banner's own read, as the island's /api/notices/urgent made it before (the profile for the ward,
 * then the ward's urgent notices) and now (one call that finds the ward itself). Needs the local stack;
 * signs in as the seed's demo citizen (+8801700000000, 123456).
 *
 *   node_modules/.bin/deno run -A bench/urgent_banner.ts [rounds, default 40]
 */
import { getProfile } from "../lib/profile.ts";
import { listPublished, loadUrgentNotices } from "../lib/notices/repository.ts";
import { unreadCount } from "../lib/notifications/repository.ts";
import { userClient } from "../lib/supabase.ts";
import { loadPageShell } from "../lib/page_shell.ts";
import { demoCitizenSession } from "./citizen.ts";
import { comparisonTable, machineSummary, timeInterleaved } from "./stats.ts";

const rounds = Number(Deno.args[0] ?? 40);
const WARM_UP = 5;

const session = await demoCitizenSession();
const urgent = () => loadUrgentNotices(userClient(session.accessToken), "bn");

const variants: Record<string, () => Promise<unknown>> = {
  "shell before: bell count only": () => unreadCount(session),
  "shell, sequential: count, then urgent": async () => {
    await unreadCount(session);
    await urgent();
  },
  "shell, at once: count ∥ urgent": () => Promise.all([unreadCount(session), urgent()]),
  "shell as shipped: page_shell() (1 call)": () => loadPageShell(session, "bn"),
  "banner read before: profile, then urgent": async () => {
    const wardId = (await getProfile(session))?.ward_id ?? null;
    await listPublished(userClient(session.accessToken), { wardId, urgentOnly: true, limit: 3 });
  },
  "banner read now: urgent_notices()": urgent,
};

const samples = await timeInterleaved(variants, WARM_UP, rounds);
console.log(machineSummary());
console.log(`${rounds} rounds after ${WARM_UP} warm-up, interleaved\n`);
console.log(comparisonTable("reads", samples, "shell before: bell count only"));
Deno.exit(0);
