/**
 * Lighthouse (npm `lighthouse`, run by Node, driving Debian's Chromium: nothing is downloaded) on the
 * citizen pages the performance issue names, with its default mobile settings (a mid-range phone, simulated
 * slow 4G): `/`, `/track/<number>`, `/complaints/new` and `/complaints/<id>` signed in. Prints the median
 * performance and accessibility scores over ROUNDS runs per page, the median of the main metrics, and every
 * audit that failed in any run.
 *
 * Needs `npm start`; signs a new citizen in and files one complaint for the signed-in pages.
 *
 *   node_modules/.bin/deno run -A bench/lighthouse.ts [rounds, default 3]
 */
import { ACCESS_COOKIE, REFRESH_COOKIE } from "../lib/auth/session.ts";
import { APP_URL, PROJECT_ROOT } from "../devstack/config.ts";
import { citizenWithComplaint } from "./citizen.ts";
import { machineSummary, median, ms, table } from "./stats.ts";

const rounds = Number(Deno.args[0] ?? 3);
const CHROMIUM = "/usr/bin/chromium";

interface Audit {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  numericValue?: number;
}
interface Report {
  categories: { performance: { score: number }; accessibility: { score: number } };
  audits: Record<string, Audit>;
}

const { citizen, filed } = await citizenWithComplaint();
await citizen.client.from("profiles").update({ full_name: "লাইটহাউস পরীক্ষা" }).eq("id", citizen.id);
const cookie =
  `${ACCESS_COOKIE}=${citizen.session.access_token}; ${REFRESH_COOKIE}=${citizen.session.refresh_token}`;

const pages = [
  { name: "/", path: "/" },
  { name: "/track/<number>", path: `/track/${filed.tracking_number}` },
  { name: "/complaints/new (signed in)", path: "/complaints/new", cookie },
  { name: "/complaints/<id> (signed in)", path: `/complaints/${filed.id}`, cookie },
];

async function lighthouse(path: string, cookie?: string): Promise<Report> {
  const args = [
    `${PROJECT_ROOT}/node_modules/lighthouse/cli/index.js`,
    new URL(path, APP_URL).href,
    "--only-categories=performance,accessibility",
    "--output=json",
    "--quiet",
    `--chrome-path=${CHROMIUM}`,
    "--chrome-flags=--headless --no-sandbox --disable-gpu",
  ];
  if (cookie) args.push(`--extra-headers=${JSON.stringify({ Cookie: cookie })}`);
  const { code, stdout, stderr } = await new Deno.Command("node", { args, stdout: "piped", stderr: "piped" })
    .output();
  if (code !== 0) throw new Error(`lighthouse failed on ${path}: ${new TextDecoder().decode(stderr)}`);
  return JSON.parse(new TextDecoder().decode(stdout));
}

const METRICS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index"];

console.log(machineSummary());
console.log(`Lighthouse, default mobile settings, ${rounds} runs per page (medians):\n`);
const rows: string[][] = [];
const failures: string[] = [];
try {
  for (const { name, path, cookie } of pages) {
    const reports: Report[] = [];
    for (let round = 0; round < rounds; round++) reports.push(await lighthouse(path, cookie));
    const score = (pick: (report: Report) => number) => String(Math.round(median(reports.map(pick)) * 100));
    rows.push([
      name,
      score((r) => r.categories.performance.score),
      score((r) => r.categories.accessibility.score),
      ...METRICS.map((id) => ms(median(reports.map((r) => r.audits[id].numericValue ?? NaN)))),
    ]);
    const failed = new Set<string>();
    for (const report of reports) {
      for (const audit of Object.values(report.audits)) {
        const counted = audit.scoreDisplayMode === "binary" || audit.scoreDisplayMode === "numeric" ||
          audit.scoreDisplayMode === "metricSavings";
        if (counted && audit.score !== null && audit.score < 0.9) failed.add(`${audit.id} (${audit.title})`);
      }
    }
    if (failed.size) failures.push(`${name}: ${[...failed].join("; ")}`);
  }
} finally {
  await citizen.client.auth.signOut({ scope: "local" });
}
console.log(table(["page", "performance", "accessibility", "FCP", "LCP", "TBT", "speed index"], rows));
console.log(
  failures.length ? `\nAudits below 0.9 in some run:\n${failures.join("\n")}` : "\nNo audit below 0.9.",
);
