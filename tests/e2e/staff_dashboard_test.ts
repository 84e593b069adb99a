/**
 * The staff dashboard end to end in headless Chromium, against the running app and local stack: a ward
 * admin of wards 12 and 19 opens it at a desk's width and watches complaints filed and resolved elsewhere
 * (by the service role) move the figures without a reload, an opened table staying open; then on a
 * 360 px phone, and without JavaScript, where the filters still work. Screenshots go to
 * test-output/screenshots/.
 */
import assert from "node:assert/strict";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { formatNumber, toAsciiDigits } from "@/lib/i18n/format.ts";
import {
  assertFitsPhoneWidth,
  browserTest,
  E2E_APP_URL as APP_URL,
  PHONE_VIEWPORT,
  screenshot,
  signedInContext,
  watchForProblems,
} from "../support/browser.ts";
import {
  fileComplaint,
  memberTokens,
  newStaffMember,
  removeComplaints,
  type StaffMember,
  updateComplaint,
} from "../staff/dashboard_support.ts";

const DESKTOP_VIEWPORT = { width: 1366, height: 900 };

/** A browser context signed in as `member` (their session cookies, as after signing in). */
function signedIn(browser: Browser, member: StaffMember, options: BrowserContextOptions) {
  return signedInContext(browser, memberTokens(member), options, APP_URL);
}

/** The big number on the tile named `label`, as a number. */
async function tile(page: Page, label: string): Promise<number> {
  const tiles = page.getByRole("list", { name: "মূল সংখ্যা" }).getByRole("listitem");
  const text = await tiles.filter({ has: page.getByText(label, { exact: true }) }).locator("p").nth(1)
    .textContent();
  return Number(toAsciiDigits(text!.replace(/,/g, "")));
}

/** Waits until the tile named `label` shows `value` (in Bengali digits). */
function tileShows(page: Page, label: string, value: number) {
  return page.waitForFunction(
    ([label, shown]) =>
      [...document.querySelectorAll('ul[aria-label="মূল সংখ্যা"] li')].some((li) => {
        const [name, figure] = li.querySelectorAll("p");
        return name.textContent === label && figure.textContent === shown;
      }),
    [label, formatNumber(value, "bn")],
  );
}

browserTest(
  "a ward admin's dashboard follows complaints filed and resolved elsewhere, live (1366 px and 360 px)",
  async (browser) => {
    const wardAdmin = await newStaffMember("ward_admin", [12, 19]);
    const filed: string[] = [];
    try {
      const context = await signedIn(browser, wardAdmin, { viewport: DESKTOP_VIEWPORT });
      const page = await context.newPage();
      const problems = watchForProblems(page);
      await page.goto(`${APP_URL}/admin?period=7`);
      await page.getByRole("heading", { level: 1, name: "অভিযোগের পরিসংখ্যান" }).waitFor();
      await page.getByText("সরাসরি হালনাগাদ হচ্ছে").waitFor();
      const received = await tile(page, "নতুন অভিযোগ");
      const resolved = await tile(page, "সমাধান");
      await page.evaluate(() => (globalThis as unknown as { stillSamePage: boolean }).stillSamePage = true);

      // The reader opens the table behind the per-day chart, then complaints change elsewhere.
      const perDayTable = page.getByText("সংখ্যাগুলো টেবিলে দেখুন").first();
      await perDayTable.click();
      filed.push(await fileComplaint(12));
      await tileShows(page, "নতুন অভিযোগ", received + 1);
      await page.getByText(/^পরিসংখ্যান হালনাগাদ হয়েছে, /).waitFor({ state: "attached" });
      assert.equal(
        await page.locator("details#per-day-table").getAttribute("open"),
        "",
        "the table stays open",
      );

      // A status change made elsewhere moves the resolved figure.
      await updateComplaint(filed[0], { status: "in_progress" });
      await updateComplaint(filed[0], { status: "resolved" });
      await tileShows(page, "সমাধান", resolved + 1);
      assert.equal(
        await page.evaluate(() => (globalThis as unknown as { stillSamePage?: boolean }).stillSamePage),
        true,
        "no reload",
      );
      await page.locator("details#per-day-table").evaluate((details) => details.removeAttribute("open"));
      await screenshot(page, "staff-dashboard-1366", { fullPage: true });
      assert.deepEqual(problems, [], "no script errors or CSP violations");
      await context.close();

      const phone = await signedIn(browser, wardAdmin, { viewport: PHONE_VIEWPORT });
      const small = await phone.newPage();
      await small.goto(`${APP_URL}/admin?period=30`);
      await small.getByText("সরাসরি হালনাগাদ হচ্ছে").waitFor();
      await assertFitsPhoneWidth(small);
      await screenshot(small, "staff-dashboard-360");
      await screenshot(small, "staff-dashboard-360-full", { fullPage: true });
      await phone.close();
    } finally {
      await removeComplaints(filed);
    }
  },
);

browserTest(
  "without JavaScript the dashboard shows its figures and its filters work",
  async (browser) => {
    const wardAdmin = await newStaffMember("ward_admin", [12, 19]);
    const context = await signedIn(browser, wardAdmin, {
      viewport: PHONE_VIEWPORT,
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await page.goto(`${APP_URL}/admin`);
    assert.equal(await page.locator('svg[role="img"]').count(), 5);
    await page.getByLabel("সময়কাল", { exact: true }).selectOption({ label: "গত ৭ দিন" });
    await page.getByLabel("ওয়ার্ড", { exact: true }).selectOption({ label: "ওয়ার্ড ১৯" });
    await page.getByRole("button", { name: "দেখান" }).click();
    await page.waitForURL(/\/admin\?period=7&from=&to=&ward=19&category=$/);
    await page.getByText(/ থেকে .+, ৭ দিন$/).waitFor();
    await page.getByRole("rowheader", { name: "ওয়ার্ড ১৯, উত্তর" }).first().waitFor();

    await page.getByLabel("সময়কাল", { exact: true }).selectOption({ label: "তারিখ বেছে নিন" });
    await page.getByLabel("শুরুর দিন", { exact: true }).fill("2026-03-05");
    await page.getByLabel("শেষ দিন", { exact: true }).fill("2026-03-01");
    await page.getByRole("button", { name: "দেখান" }).click();
    await page.getByText("শুরুর দিন শেষ দিনের পরে হতে পারে না।").waitFor();
    await assertFitsPhoneWidth(page);
    await screenshot(page, "staff-dashboard-nojs-error", { fullPage: true });
    await context.close();
  },
);
