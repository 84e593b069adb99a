/**
 * Staff management end to end in headless Chromium, against the running app and local stack: a super
 * admin signs in with an SMS code through the real pages, finds a citizen by phone, makes them ward admin
 * of a ward, and sees it in the audit log. Screenshots of each page at a desk (1366 px) and on a phone
 * (360 px) go to test-output/screenshots/.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { APP_URL } from "@/devstack/config.ts";
// Before devstack/testing: the app's modules (through the staff support) load the stack's keys themselves.
import { newAccount, staffRecord } from "../staff/support.ts";
import {
  assertFitsPhoneWidth,
  browserTest,
  screenshot,
  signInThroughPages,
  watchedPhonePage,
} from "../support/browser.ts";

const DESK_VIEWPORT = { width: 1366, height: 900 };

/** Opens staff management signed out, signs in with the SMS code on the way, and lands back there. */
async function signInToStaffManagement(page: Page, phone: string): Promise<void> {
  await page.goto(`${APP_URL}/admin/staff`);
  await signInThroughPages(page, phone);
  await page.waitForURL(`${APP_URL}/admin/staff`);
}

browserTest(
  "a super admin finds a citizen by phone, makes them ward admin of a ward, and sees it in the audit log",
  async (browser) => {
    const boss = await newAccount("সুপার অ্যাডমিন শাহনাজ", true);
    const citizen = await newAccount("ফারহানা ইয়াসমিন");
    const { context, page, problems } = await watchedPhonePage(browser, {
      viewport: DESK_VIEWPORT,
      locale: "bn-BD",
    });
    await signInToStaffManagement(page, boss.phone);
    await page.getByRole("heading", { name: "কর্মী ব্যবস্থাপনা", level: 1 }).waitFor();
    await screenshot(page, "staff-list-1366", { fullPage: true });

    // Found by the number written the international way, with spaces.
    const national = citizen.phone.replace("+88", "");
    await page.getByRole("search").getByLabel("মোবাইল নম্বর").fill(
      `+880 ${national.slice(1, 5)} ${national.slice(5)}`,
    );
    await page.getByRole("button", { name: "খুঁজুন" }).click();
    await page.getByText("এই নম্বরের অ্যাকাউন্ট:").waitFor();
    await page.getByRole("status").getByRole("link", { name: "ফারহানা ইয়াসমিন" }).click();
    await page.waitForURL(`${APP_URL}/admin/staff/${citizen.id}`);

    // Ward admin of ward 12 of Dhaka North.
    await page.getByRole("radio", { name: /^ওয়ার্ড প্রশাসক/ }).check();
    await page.locator("summary", { hasText: "ঢাকা উত্তর সিটি কর্পোরেশন" }).click();
    await page.getByRole("group", { name: "ঢাকা উত্তর সিটি কর্পোরেশনের ওয়ার্ড" })
      .getByLabel("১২", { exact: true }).check();
    await screenshot(page, "staff-person-form-1366", { fullPage: true });
    await page.getByRole("button", { name: "সংরক্ষণ করুন" }).click();
    await page.waitForURL(`${APP_URL}/admin/staff/${citizen.id}?done=saved`);
    await page.getByText("সংরক্ষণ করা হয়েছে।").waitFor();
    await page.getByRole("complementary").getByText("ঢাকা উত্তর সিটি কর্পোরেশনের ওয়ার্ড ১২").waitFor();
    assert.deepEqual(await staffRecord(citizen.id), { role: "ward_admin", wards: [12] });
    await screenshot(page, "staff-person-saved-1366", { fullPage: true });

    // The audit log, from the staff menu, narrowed to what happened to her.
    await page.getByRole("navigation", { name: "কর্মীদের মেনু" }).getByRole("link", { name: "কার্যবিবরণী" })
      .click();
    await page.waitForURL(`${APP_URL}/admin/audit`);
    await page.getByLabel("কার বা কোন অভিযোগ").fill(national);
    await page.getByRole("button", { name: "দেখান" }).click();
    await page.waitForURL(/\/admin\/audit\?.*subject=/);
    await page.getByText("ভূমিকা দিলেন: ওয়ার্ড প্রশাসক").waitFor();
    await page.getByText("ওয়ার্ডে পোস্টিং দিলেন: ঢাকা উত্তর সিটি কর্পোরেশনের ওয়ার্ড ১২").waitFor();
    assert.equal(await page.locator("li[data-action]").count(), 2);
    assert.equal(await page.locator("li[data-action]").getByText("সুপার অ্যাডমিন শাহনাজ").count(), 2);
    await screenshot(page, "audit-filtered-1366", { fullPage: true });
    await page.goto(`${APP_URL}/admin/audit`);
    await screenshot(page, "audit-1366");
    const auditUrl = `${APP_URL}/admin/audit?subject=${national}`;

    // The same pages on a phone.
    const { context: phone, page: small, problems: phoneProblems } = await watchedPhonePage(browser, {
      locale: "bn-BD",
    });
    await phone.addCookies(await context.cookies());
    // The staff list grows with every run against the same stack: its top is what matters.
    const pages: [string, string, boolean][] = [
      ["/admin/staff", "staff-list-360", false],
      ["/admin/staff?role=ward_admin&ward=12", "staff-list-filtered-360", true],
      [`/admin/staff/${citizen.id}`, "staff-person-360", true],
      [auditUrl.slice(APP_URL.length), "audit-filtered-360", true],
    ];
    for (const [path, name, fullPage] of pages) {
      await small.goto(`${APP_URL}${path}`);
      await assertFitsPhoneWidth(small);
      await screenshot(small, name, { fullPage });
    }
    assert.deepEqual([...problems, ...phoneProblems], [], "no script errors or CSP violations");
    await phone.close();
    await context.close();
  },
);
