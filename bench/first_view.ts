/**
 * What a first visit to each citizen page downloads, in headless Chromium at a phone's size with an empty
 * cache: the page (HTML with its inlined CSS), scripts, fonts and anything else, as bytes on the wire
 * (gzip where the server compresses; the browser's Resource Timing `encodedBodySize`, headers not counted).
 * Scripts are split into those fetched before the first contentful paint and after it (the Realtime library
 * of live pages is loaded after). Each page is loaded ROUNDS times, each time in a new browser context; the
 * figures are medians (they only differ when something is loaded lazily).
 *
 * Needs `npm start` (stack and app); signs a new citizen in and files one complaint for the signed-in pages.
 *
 *   node_modules/.bin/deno run -A bench/first_view.ts [rounds, default 3]
 */
import { APP_URL } from "../devstack/config.ts";
import { addSessionCookies, launchBrowser, PHONE_VIEWPORT, tokensOf } from "../tests/support/browser.ts";
import { citizenWithComplaint } from "./citizen.ts";
import { kib, machineSummary, median, table } from "./stats.ts";

const rounds = Number(Deno.args[0] ?? 3);
/** The budget for a first view, and for the scripts of the complaint page. */
const FIRST_VIEW_BUDGET = 100_000;

interface Downloaded {
  html: number;
  scriptsBeforePaint: number;
  scriptsAfterPaint: number;
  fonts: number;
  other: number;
  requests: number;
}

const { citizen, filed } = await citizenWithComplaint();

const pages: { name: string; path: string; signedIn?: boolean }[] = [
  { name: "/", path: "/" },
  { name: "/login", path: "/login" },
  { name: "/services", path: "/services" },
  { name: "/track/<number>", path: `/track/${filed.tracking_number}` },
  { name: "/ (signed in)", path: "/", signedIn: true },
  { name: "/complaints", path: "/complaints", signedIn: true },
  { name: "/complaints/new", path: "/complaints/new", signedIn: true },
  { name: "/complaints/<id>", path: `/complaints/${filed.id}`, signedIn: true },
  { name: "/account", path: "/account", signedIn: true },
];

const browser = await launchBrowser();

async function firstView(path: string, signedIn: boolean): Promise<Downloaded> {
  const context = await browser.newContext({ viewport: PHONE_VIEWPORT, locale: "bn-BD" });
  try {
    if (signedIn) {
      await addSessionCookies(context, tokensOf(citizen));
    }
    const page = await context.newPage();
    const response = await page.goto(new URL(path, APP_URL).href, { waitUntil: "networkidle" });
    if (response?.status() !== 200) throw new Error(`${path} answered ${response?.status()}`);
    if (new URL(page.url()).pathname !== new URL(path, APP_URL).pathname) {
      throw new Error(`${path} went on to ${page.url()}`);
    }
    return await page.evaluate(() => {
      const [navigation] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
      const paint = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Infinity;
      const downloaded = {
        html: navigation.encodedBodySize,
        scriptsBeforePaint: 0,
        scriptsAfterPaint: 0,
        fonts: 0,
        other: 0,
        requests: 1,
      };
      for (const entry of performance.getEntriesByType("resource") as PerformanceResourceTiming[]) {
        downloaded.requests++;
        const bytes = entry.encodedBodySize;
        if (entry.initiatorType === "script" || /\.m?js(\?|$)/.test(entry.name)) {
          if (entry.startTime < paint) downloaded.scriptsBeforePaint += bytes;
          else downloaded.scriptsAfterPaint += bytes;
        } else if (/\.woff2(\?|$)/.test(entry.name)) {
          downloaded.fonts += bytes;
        } else {
          downloaded.other += bytes;
        }
      }
      return downloaded;
    });
  } finally {
    await context.close();
  }
}

console.log(machineSummary());
console.log(`${APP_URL}, Chromium at ${PHONE_VIEWPORT.width} px, empty cache, ${rounds} rounds (medians):\n`);
const rows: string[][] = [];
try {
  for (const { name, path, signedIn } of pages) {
    const views: Downloaded[] = [];
    for (let round = 0; round < rounds; round++) views.push(await firstView(path, signedIn ?? false));
    const of = (pick: (view: Downloaded) => number) => median(views.map(pick));
    const total = of((v) => v.html + v.scriptsBeforePaint + v.scriptsAfterPaint + v.fonts + v.other);
    rows.push([
      name,
      kib(of((v) => v.html)),
      kib(of((v) => v.scriptsBeforePaint)),
      kib(of((v) => v.scriptsAfterPaint)),
      kib(of((v) => v.fonts)),
      kib(of((v) => v.other)),
      String(of((v) => v.requests)),
      kib(total),
      total <= FIRST_VIEW_BUDGET ? "yes" : "NO",
    ]);
  }
} finally {
  await browser.close();
  await citizen.client.auth.signOut({ scope: "local" });
}
console.log(table(
  ["page", "HTML+CSS", "JS to paint", "JS after", "fonts", "other", "requests", "total", "≤ 100 kB"],
  rows,
));
