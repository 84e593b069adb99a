/**
 * Is a page as fast as the data behind it? Under load from autocannon, side by side in one run, each page of
 * the app against the very HTTP calls to the Supabase API (gateway, PostgREST, Storage) that the page makes:
 *
 * - `/track/<number>` (visitor) against its one PostgREST call (`rpc/track_complaint`);
 * - `/complaints/<id>` signed in, a complaint with a photo, against its two calls: the complaint read from
 *   PostgREST and the photo link signed by Storage. The page needs both, one after the other, so its
 *   yardstick is the sum of the two calls' latencies.
 *
 * The raw calls are not written by hand: the app's own repository functions run once with `fetch` watched,
 * and what they sent (method, URL, headers, body) is what autocannon replays. Reference data (categories,
 * wards) is cached by the app and not part of either page's per-request work.
 *
 * At each number of connections (1, 50 and 1,000 by default) every target gets a short unmeasured warm-up,
 * then DURATION seconds of load, in turn; the whole sequence is repeated ROUNDS times and every figure is the
 * median over rounds. Latencies come from every response (autocannon's `response` event), not its
 * millisecond-rounded histogram. After each load the servers get a second per hundred connections to finish
 * what was left unanswered. Then the ratios the performance issue sets targets for are printed.
 *
 * Needs the local stack and the app (`npm start`; LOCAL_STACK_PORT_OFFSET shifts both as usual). Signs a new
 * citizen in through Auth and the dev SMS inbox and files one complaint with one photo.
 *
 *   node_modules/.bin/deno run -A bench/pages_vs_data.ts [seconds per target, 10] [rounds, 3] [connections, 1,50,1000]
 *
 * The signed-in page and its calls are loaded with at most 50 connections (50 people).
 *
 * With PREVIOUS_APP_URL (another version of the app serving the same stack, e.g. from a worktree of the last
 * commit on another port), both pages are loaded there too and compared with this version.
 *
 * The load generator runs on the same machine as the app, the gateway, PostgREST and Postgres.
 */
import autocannon from "autocannon";
// The app's modules first: their settings load the local stack's keys before the test helpers do.
import { ACCESS_COOKIE, userFromClaims, type UserSession } from "../lib/auth/session.ts";
import { getComplaint, submitComplaint, trackComplaint, uploadPhoto } from "../lib/complaints/repository.ts";
import { APP_URL } from "../devstack/config.ts";
import { signInWithPhone } from "../devstack/testing/auth.ts";
import { machineSummary, median, ms, percentile, ratio, table } from "./stats.ts";

const seconds = Number(Deno.args[0] ?? 10);
const rounds = Number(Deno.args[1] ?? 3);
const connectionLevels = (Deno.args[2] ?? "1,50,1000").split(",").map(Number);
const WARM_UP_SECONDS = 2;

interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** Runs `work` and returns the HTTP calls it made through `fetch` (supabase-js uses the global one). */
async function callsMadeBy(work: () => Promise<unknown>): Promise<Call[]> {
  const calls: Call[] = [];
  const original = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const request = new Request(input, init);
    const body = typeof init?.body === "string" ? init.body : undefined;
    if (init?.body !== undefined && body === undefined) throw new Error("a call with a non-text body");
    calls.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body,
    });
    return original(input, init);
  };
  try {
    await work();
  } finally {
    globalThis.fetch = original;
  }
  return calls;
}

async function signUpCitizen(): Promise<UserSession> {
  const { client, accessToken } = await signInWithPhone();
  const { data } = await client.auth.getClaims(accessToken);
  const user = userFromClaims(data!.claims as Parameters<typeof userFromClaims>[0]);
  if (!user) throw new Error("the new citizen's token has no user");
  return { user, accessToken };
}

/** A complaint with one photo (a few bytes that start like a JPEG: enough for Storage and the page). */
async function fileComplaintWithPhoto(session: UserSession) {
  const clientRequestId = crypto.randomUUID();
  const bytes = new Uint8Array(64);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  crypto.getRandomValues(bytes.subarray(4));
  const path = await uploadPhoto(session, clientRequestId, { bytes, type: "image/jpeg" });
  return await submitComplaint(session, {
    clientRequestId,
    category: "other",
    title: "বেঞ্চমার্ক: পাতা বনাম ডেটা",
    description: "পাতা ও তার ডেটার গতি মাপার জন্য দায়ের করা অভিযোগ।",
    location: "বেঞ্চমার্ক",
    latitude: null,
    longitude: null,
    wardId: 1,
  }, [path]);
}

interface Target {
  name: string;
  /** One call per person; autocannon's connections take them in turn. */
  calls: Call[];
}

interface Measured {
  p50: number;
  p95: number;
  requestsPerSecond: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Answers other than 2xx. */
  non2xx: number;
  /** What the errors and the answers other than 2xx were, e.g. `429` or `ECONNRESET`, with counts. */
  failures: Map<string, number>;
}

function tally(failures: Map<string, number>, what: string) {
  failures.set(what, (failures.get(what) ?? 0) + 1);
}

async function load(target: Target, connections: number, duration: number): Promise<Measured> {
  const latencies: number[] = [];
  let nextCall = 0;
  const request = ({ method, url, headers, body }: Call) => {
    const { pathname, search } = new URL(url);
    return { method, path: pathname + search, headers, body };
  };
  const instance = autocannon({
    url: target.calls[0].url,
    ...request(target.calls[0]),
    connections,
    duration,
    timeout: 10,
    setupClient(client: { setRequests(requests: object[]): void }) {
      client.setRequests([request(target.calls[nextCall++ % target.calls.length])]);
    },
  });
  const failures = new Map<string, number>();
  instance.on("response", (_client: unknown, status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    if (status < 200 || status > 299) tally(failures, String(status));
  });
  instance.on("reqError", (error: Error & { code?: string }) => tally(failures, error.code ?? error.message));
  const result = await instance;
  return {
    p50: median(latencies),
    p95: percentile(latencies, 0.95),
    requestsPerSecond: result.requests.total / duration,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    failures,
  };
}

/**
 * People for the signed-in page, one per connection: PostgREST lets one person have at most 3 requests in
 * the database at once (private.limit_concurrent_requests) and a phone makes one page request at a time.
 * Signing people up is slow, so the signed-in page is loaded with at most SIGNED_IN_CONNECTIONS.
 */
const SIGNED_IN_CONNECTIONS = 50;
const people = Math.min(SIGNED_IN_CONNECTIONS, Math.max(...connectionLevels));
const SIGN_UPS_AT_ONCE = 10;
console.log(`Signing ${people} citizens up, each filing a complaint with a photo…`);
const citizens: { session: UserSession; id: string; trackingNumber: string }[] = [];
for (let first = 0; first < people; first += SIGN_UPS_AT_ONCE) {
  citizens.push(
    ...await Promise.all(
      Array.from({ length: Math.min(SIGN_UPS_AT_ONCE, people - first) }, async () => {
        const session = await signUpCitizen();
        const filed = await fileComplaintWithPhoto(session);
        return { session, id: filed.id, trackingNumber: filed.tracking_number };
      }),
    ),
  );
}

const [trackCall] = await callsMadeBy(() => trackComplaint(citizens[0].trackingNumber));
const complaintReads: Call[] = [];
const photoSignings: Call[] = [];
for (const { session, id } of citizens) {
  const calls = await callsMadeBy(async () => {
    const detail = await getComplaint(session, id);
    if (detail?.photos.length !== 1) throw new Error("the bench complaint's photo link was not signed");
  });
  if (calls.length !== 2) throw new Error(`the complaint page's data took ${calls.length} calls, not 2`);
  complaintReads.push(calls[0]);
  photoSignings.push(calls[1]);
}

const PREVIOUS_APP_URL = Deno.env.get("PREVIOUS_APP_URL");
const page = (path: string, cookie?: string, app = APP_URL): Call => ({
  method: "GET",
  url: new URL(path, app).href,
  headers: { accept: "text/html", "accept-encoding": "gzip", ...(cookie ? { cookie } : {}) },
});
type Key =
  | "track"
  | "trackData"
  | "detail"
  | "complaintRead"
  | "photoSigning"
  | "previousTrack"
  | "previousDetail";
const targets: Partial<Record<Key, Target>> = {
  track: { name: `GET /track/<number>`, calls: [page(`/track/${citizens[0].trackingNumber}`)] },
  trackData: { name: "  its call: POST /rest/v1/rpc/track_complaint", calls: [trackCall] },
  detail: {
    name: "GET /complaints/<id> (signed in)",
    calls: citizens.map(({ session, id }) =>
      page(`/complaints/${id}`, `${ACCESS_COOKIE}=${session.accessToken}`)
    ),
  },
  complaintRead: { name: "  call 1: GET /rest/v1/complaints", calls: complaintReads },
  photoSigning: { name: "  call 2: POST /storage/v1/object/sign", calls: photoSignings },
};
if (PREVIOUS_APP_URL) {
  targets.previousTrack = {
    name: "GET /track/<number>, previous version",
    calls: [page(`/track/${citizens[0].trackingNumber}`, undefined, PREVIOUS_APP_URL)],
  };
  targets.previousDetail = {
    name: "GET /complaints/<id> (signed in), previous version",
    calls: citizens.map(({ session, id }) =>
      page(`/complaints/${id}`, `${ACCESS_COOKIE}=${session.accessToken}`, PREVIOUS_APP_URL)
    ),
  };
}

for (const target of Object.values(targets) as Target[]) {
  for (const { method, url, headers, body } of target.calls) {
    const response = await fetch(url, { method, headers, body });
    await response.body?.cancel();
    if (response.status !== 200) throw new Error(`${target.name} answered ${response.status}, not 200`);
  }
}

console.log(machineSummary());
console.log(
  `autocannon, ${seconds} s per target after ${WARM_UP_SECONDS} s warm-up, ${rounds} rounds; medians over rounds.`,
);

/**
 * Waits for the requests autocannon left unanswered when its time was up (the servers still work on them)
 * to be done, so that they do not weigh on the next measurement: a second per hundred connections.
 */
function drained(connections: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, connections * 10));
}

const SIGNED_IN: readonly Key[] = ["detail", "complaintRead", "photoSigning", "previousDetail"];

type Summary = Omit<Measured, "failures"> & { failures: string };
function summary(runs: Measured[]): Summary {
  const failures = new Map<string, number>();
  for (const run of runs) {
    for (const [what, count] of run.failures) failures.set(what, (failures.get(what) ?? 0) + count);
  }
  const of = (pick: (m: Measured) => number) => median(runs.map(pick));
  return {
    p50: of((m) => m.p50),
    p95: of((m) => m.p95),
    requestsPerSecond: of((m) => m.requestsPerSecond),
    errors: runs.reduce((sum, m) => sum + m.errors, 0),
    non2xx: runs.reduce((sum, m) => sum + m.non2xx, 0),
    failures: [...failures].map(([what, count]) => `${what}×${count}`).join(" "),
  };
}

for (const connections of connectionLevels) {
  const keys = (Object.keys(targets) as Key[]).filter((key) =>
    connections <= SIGNED_IN_CONNECTIONS || !SIGNED_IN.includes(key)
  );
  const perRound = new Map<Key, Measured[]>(keys.map((key) => [key, []]));
  for (let round = 0; round < rounds; round++) {
    for (const key of keys) {
      await load(targets[key]!, connections, WARM_UP_SECONDS);
      await drained(connections);
      perRound.get(key)!.push(await load(targets[key]!, connections, seconds));
      await drained(connections);
    }
  }
  const s = new Map(keys.map((key) => [key, summary(perRound.get(key)!)]));
  const rows = keys.map((key) => {
    const { p50, p95, requestsPerSecond, errors, non2xx, failures } = s.get(key)!;
    return [
      targets[key]!.name,
      ms(p50),
      ms(p95),
      requestsPerSecond.toFixed(0),
      String(errors),
      String(non2xx),
      failures,
    ];
  });
  console.log(`\n${connections} connection${connections === 1 ? "" : "s"}:`);
  console.log(table(["target", "p50", "p95", "requests/s", "errors", "non-2xx", "which"], rows));

  const track = s.get("track")!, trackData = s.get("trackData")!;
  console.log(
    `  /track vs its call: p50 ${ratio(track.p50 / trackData.p50)}, p95 ${
      ratio(track.p95 / trackData.p95)
    }, ` +
      `throughput ${ratio(track.requestsPerSecond / trackData.requestsPerSecond)}`,
  );
  for (
    const [name, current, previous] of [["/track", "track", "previousTrack"], [
      "/complaints/<id>",
      "detail",
      "previousDetail",
    ]] as const
  ) {
    const now = s.get(current), before = s.get(previous);
    if (!now || !before) continue;
    console.log(
      `  ${name}, this version vs the previous: p50 ${ratio(now.p50 / before.p50)}, p95 ${
        ratio(now.p95 / before.p95)
      }, throughput ${ratio(now.requestsPerSecond / before.requestsPerSecond)}`,
    );
  }
  const detail = s.get("detail"), read = s.get("complaintRead"), sign = s.get("photoSigning");
  if (detail && read && sign) {
    console.log(
      `  /complaints/<id> vs the sum of its calls: p50 ${ratio(detail.p50 / (read.p50 + sign.p50))}, ` +
        `p95 ${ratio(detail.p95 / (read.p95 + sign.p95))}`,
    );
  }
}
