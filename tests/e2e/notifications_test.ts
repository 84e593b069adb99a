/**
 * Notifications end to end in headless Chromium, against the running app and local stack: a citizen at
 * 360 px sets their SMS preferences, a ward admin at a desktop changes their complaint's status in the
 * workspace, and the citizen's bell lights without a reload while a Bengali SMS lands in the dev inbox;
 * with status SMS turned off the bell still lights and no SMS is sent. Screenshots in
 * test-output/screenshots/ (preferences, bell, list).
 */
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { APP_URL } from "@/devstack/config.ts";
import { inboxMessages } from "@/devstack/testing/auth.ts";
import {
  assertFitsPhoneWidth,
  browserTest,
  PHONE_VIEWPORT,
  screenshot,
  signedInPage,
  watchForProblems,
} from "../support/browser.ts";
import { signUpCitizen } from "../complaints/support.ts";
import { fileComplaint, signInStaff, WARD } from "../staff/workspace_support.ts";

/** The texts to `phone` other than its sign-in code. */
async function notificationSms(phone: string): Promise<string[]> {
  return (await inboxMessages(phone)).map((message) => message.body).filter((body) => !body.includes("কোড"));
}

/** The ward admin moves the complaint to "in progress" in the workspace, as on their desk. */
async function startWork(browser: Browser, admin: { session: { accessToken: string } }, complaintId: string) {
  const page = await signedInPage(browser, admin.session, { width: 1366, height: 900 });
  await page.goto(`${APP_URL}/admin/complaints/${complaintId}`);
  await page.getByLabel("নতুন অবস্থা").selectOption({ label: "প্রক্রিয়াধীন" });
  await page.getByRole("button", { name: "অবস্থা বদলান", exact: true }).click();
  await page.getByText("অবস্থা বদলানো হয়েছে।").waitFor();
  await page.context().close();
}

/** Sets the citizen's SMS choices on the settings page: status SMS on or off, quiet hours off. */
async function chooseSms(page: Page, statusSms: boolean) {
  await page.goto(`${APP_URL}/notifications/settings`);
  await page.getByLabel("আমার অভিযোগের অবস্থা বদলালে").setChecked(statusSms);
  // Off, so the text does not wait for 07:00 in Dhaka when the test runs at night there.
  await page.getByLabel(/রাত ১০টা থেকে সকাল ৭টা/).setChecked(false);
  await page.getByRole("button", { name: "সংরক্ষণ করুন" }).click();
  await page.getByText("সংরক্ষণ করা হয়েছে।").waitFor();
}

/** A new citizen with a complaint titled `title` in WARD, the ward's admin, and the citizen's phone page. */
async function citizenWithComplaint(browser: Browser, title: string) {
  const citizen = await signUpCitizen();
  const [admin, filed] = await Promise.all([
    signInStaff("ward_admin", [WARD], "ওয়ার্ড অ্যাডমিন রাশেদ"),
    fileComplaint(citizen, WARD, { title }),
  ]);
  return { citizen, admin, filed, page: await signedInPage(browser, citizen.session, PHONE_VIEWPORT) };
}

browserTest("a status change lights the citizen's bell live and texts them in Bengali", async (browser) => {
  const { citizen, admin, filed, page } = await citizenWithComplaint(browser, "মোড়ের ড্রেন উপচে পড়ছে");
  const problems = watchForProblems(page);
  await chooseSms(page, true);
  await assertFitsPhoneWidth(page);
  await screenshot(page, "notification-settings-phone", { fullPage: true });

  await page.goto(`${APP_URL}/complaints/${filed.id}`);
  const bell = page.locator('header a[href="/notifications"]');
  assert.equal(await bell.getAttribute("aria-label"), "বিজ্ঞপ্তি");
  // Wait until the bell's island has joined the person's channel before the change is made.
  await page.locator('header a[href="/notifications"][data-live="true"]').waitFor();

  await startWork(browser, admin, filed.id);
  await page.locator('header a[aria-label="বিজ্ঞপ্তি, ১টি অপঠিত"]').waitFor({ timeout: 10_000 });
  await screenshot(page, "notification-bell-phone");

  const deadline = Date.now() + 10_000;
  while ((await notificationSms(citizen.phone)).length === 0) {
    assert.ok(Date.now() < deadline, "no SMS reached the dev inbox");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.deepEqual(await notificationSms(citizen.phone), [
    `ক্লিন কেয়ার: আপনার অভিযোগ ${filed.tracking_number} এখন কাজ চলছে।`,
  ]);

  await bell.click();
  await page.getByText(`আপনার অভিযোগ ${filed.tracking_number} এখন: প্রক্রিয়াধীন`).waitFor();
  await assertFitsPhoneWidth(page);
  await screenshot(page, "notification-list-phone", { fullPage: true });
  await page.getByRole("button", { name: "সব পড়া হয়েছে" }).click();
  await page.locator('header a[aria-label="বিজ্ঞপ্তি"]').waitFor();
  assert.deepEqual(problems, [], "no script errors or CSP violations");
  await page.context().close();
});

browserTest("with status SMS turned off the bell lights and no SMS is sent", async (browser) => {
  const { citizen, admin, filed, page } = await citizenWithComplaint(browser, "রাস্তার বাতি জ্বলে না");
  await chooseSms(page, false);
  await startWork(browser, admin, filed.id);
  await page.goto(`${APP_URL}/notifications`);
  await page.locator('header a[aria-label="বিজ্ঞপ্তি, ১টি অপঠিত"]').waitFor();
  await page.waitForTimeout(1_500);
  assert.deepEqual(await notificationSms(citizen.phone), [], "no SMS with status SMS turned off");
  await page.context().close();
});
