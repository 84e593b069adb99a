/**
 * Client navigation (Fresh partials) against full page loads, in Chromium at 360 px on the running app:
 * a new citizen with one complaint moves list → complaint (a list link) and complaint → list (the bottom
 * navigation), first with client navigation, then with the same URLs loaded the ordinary way. Per
 * navigation: bytes received (headers and bodies as on the wire, cache warm) and the time until the new
 * page shows. Once on the machine's loopback, once on a throttled "slow 3G" link (400 ms RTT, 400 kbit/s).
 * Needs `npm start` (stack and app).
 *
 *   node_modules/.bin/deno run -A bench/client_nav.ts [rounds]
 */
import type { CDPSession, Page } from "playwright-core";
import { APP_URL } from "../devstack/config.ts";
// Before devstack/testing: the app's modules (through the complaints support) load the stack's keys themselves.
import { randomSpot, staff } from "../tests/complaints/support.ts";
import { signInWithPhone } from "../devstack/testing/auth.ts";
import { launchBrowser, PHONE_VIEWPORT, signedInContext, tokensOf } from "../tests/support/browser.ts";
import { kib, machineSummary, median, ms, ratio, table } from "./stats.ts";

const rounds = Number(Deno.args[0] ?? 20);
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };

const citizen = await signInWithPhone();
const { data: complaint, error } = await staff.from("complaints").insert({
  citizen_id: citizen.id,
  title: "বেঞ্চমার্কের অভিযোগ",
  description: "ক্লায়েন্ট নেভিগেশন মাপার জন্য।",
  category: "cleanliness",
  ...randomSpot(),
}).select("id").single();
if (error) throw new Error(`could not file the benchmark's complaint: ${error.message}`);
const detailPath = `/complaints/${complaint.id}`;

interface Sample {
  bytes: number[];
  time: number[];
}

/** Bytes received (as encoded on the wire) and milliseconds while `work` runs. */
async function measure(cdp: CDPSession, sample: Sample, work: () => Promise<void>): Promise<void> {
  let bytes = 0;
  const onFinished = (event: { encodedDataLength: number }) => bytes += event.encodedDataLength;
  cdp.on("Network.loadingFinished", onFinished);
  const started = performance.now();
  await work();
  sample.time.push(performance.now() - started);
  await new Promise((resolve) => setTimeout(resolve, 100)); // late loadingFinished events
  cdp.off("Network.loadingFinished", onFinished);
  sample.bytes.push(bytes);
}

/** Runs `rounds` list → complaint → list trips each way, interleaved so both see the same machine load. */
async function trips(page: Page, cdp: CDPSession, count: number): Promise<{ full: Sample; client: Sample }> {
  const full: Sample = { bytes: [], time: [] };
  const client: Sample = { bytes: [], time: [] };
  const shows = (path: string) => path === "/complaints" ? "ul[f-client-nav] a" : "h1";
  for (let i = 0; i < count; i++) {
    // Client navigation: start from a loaded list, click through and back along the bottom navigation.
    await page.goto(`${APP_URL}/complaints`, { waitUntil: "networkidle" });
    await measure(cdp, client, async () => {
      await page.click(`a[href="${detailPath}"]`);
      await page.waitForURL(`${APP_URL}${detailPath}`);
      await page.waitForSelector(`h1:text("বেঞ্চমার্কের অভিযোগ")`);
    });
    await page.waitForLoadState("networkidle");
    await measure(cdp, client, async () => {
      await page.click('nav a[href="/complaints"]');
      await page.waitForURL(`${APP_URL}/complaints`);
      await page.waitForSelector(`a[href="${detailPath}"]`);
    });
    // Full loads of the same two pages.
    for (const path of [detailPath, "/complaints"]) {
      await measure(cdp, full, async () => {
        await page.goto(`${APP_URL}${path}`, { waitUntil: "load" });
        await page.waitForSelector(shows(path));
      });
    }
  }
  return { full, client };
}

function rows(label: string, { full, client }: { full: Sample; client: Sample }): string[][] {
  const [fullBytes, clientBytes] = [median(full.bytes), median(client.bytes)];
  const [fullTime, clientTime] = [median(full.time), median(client.time)];
  return [
    [`${label}: bytes`, kib(fullBytes), kib(clientBytes), ratio(fullBytes / clientBytes)],
    [`${label}: time`, ms(fullTime), ms(clientTime), ratio(fullTime / clientTime)],
  ];
}

const browser = await launchBrowser();
try {
  const context = await signedInContext(browser, tokensOf(citizen), { viewport: PHONE_VIEWPORT });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await trips(page, cdp, 2); // warm the cache and the app
  const loopback = await trips(page, cdp, rounds);
  await cdp.send("Network.emulateNetworkConditions", SLOW_3G);
  const slow = await trips(page, cdp, Math.max(3, Math.round(rounds / 4)));
  console.log(
    `${machineSummary()}; ${rounds * 2} navigations each way on loopback, ` +
      `${
        Math.max(3, Math.round(rounds / 4)) * 2
      } on slow 3G; list ⇄ complaint as a signed-in citizen, 360 px\n`,
  );
  console.log(table(["per navigation (median)", "full page load", "client navigation", "full ÷ client"], [
    ...rows("loopback", loopback),
    ...rows("slow 3G", slow),
  ]));
} finally {
  await browser.close();
}
