/**
 * The staff complaint queue end to end in headless Chromium, against the running app and local stack:
 * a ward admin at a ward office's desk (1366 px) searches, filters, goes back, sorts and pages, and sees a
 * complaint filed meanwhile announced live; a service provider on a phone (360 px) reads their cards and
 * hears of a new assignment; without JavaScript the form and pages still work. Screenshots go to
 * test-output/screenshots/.
 */
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
// First: the app's modules (through the staff support) load the stack's keys themselves.
import { fileComplaints, makeStaff, marker, operator } from "../staff/queue_support.ts";
import { APP_URL } from "@/devstack/config.ts";
import { randomPhone } from "../../devstack/testing/auth.ts";
import {
  assertFitsPhoneWidth,
  browserTest,
  PHONE_VIEWPORT,
  screenshot,
  signInThroughPages,
  watchForProblems,
} from "../support/browser.ts";

const DESK_VIEWPORT = { width: 1366, height: 900 };
const QUEUE_URL = `${APP_URL}/admin/complaints`;

type StaffRole = Parameters<typeof makeStaff>[1];

/** A new staff member with a name, signed in through the app's own pages; returns their id. */
async function signInAsStaff(page: Page, role: StaffRole, wards: number[], name: string): Promise<string> {
  const phone = randomPhone();
  const { data, error } = await operator.auth.admin.createUser({ phone, phone_confirm: true });
  assert.equal(error, null, error?.message);
  const id = data.user!.id;
  await makeStaff(id, role, wards);
  await operator.from("profiles").update({ full_name: name }).eq("id", id);

  await page.goto(QUEUE_URL);
  await signInThroughPages(page, phone);
  await page.waitForURL(QUEUE_URL);
  return id;
}

async function newPage(
  browser: Browser,
  viewport: { width: number; height: number },
  javaScriptEnabled = true,
) {
  const context = await browser.newContext({ viewport, locale: "bn-BD", javaScriptEnabled });
  return await context.newPage();
}

/** The tracking numbers of the listed complaints, in order. */
function listed(page: Page): Promise<string[]> {
  return page.locator("tr[data-complaint]").evaluateAll((rows) =>
    rows.map((row) => row.getAttribute("data-complaint")!)
  );
}

browserTest(
  "a ward admin at a desk (1366 px) searches, filters, sorts and pages, and sees a new complaint live",
  async (browser) => {
    const page = await newPage(browser, DESK_VIEWPORT);
    const problems = watchForProblems(page);
    await signInAsStaff(page, "ward_admin", [12, 19], "পরীক্ষা ওয়ার্ড অ্যাডমিন");

    await page.getByRole("heading", { name: "অভিযোগের সারি" }).waitFor();
    const table = page.getByRole("table");
    assert.equal(await table.getByRole("columnheader").count(), 8);
    assert.equal((await listed(page)).length, 25);
    await page.getByText("নতুন অভিযোগ এলে এখানেই জানানো হবে").waitFor();
    await screenshot(page, "staff-queue-desk");

    // Search for a part of a Bengali word, from the keyboard.
    await page.getByLabel("অভিযোগ খুঁজুন").fill("পচ");
    await page.getByLabel("অভিযোগ খুঁজুন").press("Enter");
    await page.waitForURL(/\?q=%E0%A6%AA%E0%A6%9A$/);
    const titles = await page.locator("tr[data-complaint] a").allTextContents();
    assert.ok(titles.length > 0 && titles.every((title) => title.includes("পচ")), titles.join(" | "));

    // Filters: the disclosure, a choice, the URL; the back button undoes it.
    await page.getByText("ফিল্টার", { exact: true }).click();
    await page.getByLabel("অগ্রাধিকার", { exact: true }).selectOption({ label: "উচ্চ" });
    await page.getByLabel("শুধু যেগুলোর সময় পেরিয়েছে").check();
    await page.getByRole("button", { name: "ফিল্টার করুন" }).click();
    await page.waitForURL(/priority=high&overdue=1/);
    const chips = page.getByRole("list", { name: "চালু ফিল্টার" });
    await chips.getByText("অগ্রাধিকার: উচ্চ").waitFor();
    for (const row of await page.locator("tr[data-complaint]").all()) {
      assert.ok((await row.textContent())!.includes("সময় পেরিয়েছে"), "every row is marked overdue");
    }
    await screenshot(page, "staff-queue-desk-filtered");
    await page.goBack();
    await page.waitForURL(/\?q=%E0%A6%AA%E0%A6%9A$/);
    assert.equal(await page.getByRole("list", { name: "চালু ফিল্টার" }).count(), 0);

    // Status tabs and sorting keep the search.
    await page.getByRole("navigation", { name: "অবস্থা অনুযায়ী" }).getByRole("link", { name: /খোলা/ }).click();
    await page.waitForURL(/status=open&q=/);
    await page.getByRole("navigation", { name: "সাজান" }).getByRole("link", { name: "সময়সীমা" }).click();
    await page.waitForURL(/status=open&q=.*&sort=deadline/);

    // Pages, newest first, over the whole queue.
    await page.goto(QUEUE_URL);
    const first = await listed(page);
    await page.getByRole("link", { name: /পরের পাতা/ }).click();
    await page.waitForURL(/after=/);
    const second = await listed(page);
    assert.equal(second.length, 25);
    assert.deepEqual(first.filter((number) => second.includes(number)), [], "no complaint on both pages");

    // A resident files a complaint in ward 12 while the queue is open: it is announced, and shown.
    await page.goto(QUEUE_URL);
    await page.getByText("নতুন অভিযোগ এলে এখানেই জানানো হবে").waitFor();
    const word = marker();
    const [filed] = await fileComplaints([{ title: `${word} ম্যানহোলের ঢাকনা নেই`, ward_id: 12 }]);
    const announcement = page.getByRole("status").filter({ hasText: "১টি নতুন বা বদলানো অভিযোগ" });
    await announcement.waitFor();
    await screenshot(page, "staff-queue-desk-live");
    await announcement.getByRole("link", { name: "দেখুন" }).click();
    await page.locator(`tr[data-complaint="${filed}"]`).waitFor();
    assert.equal((await listed(page))[0], filed, "the new complaint heads the queue");
    assert.equal(
      await page.locator(`tr[data-complaint="${filed}"] a`).getAttribute("href"),
      `/admin/complaints/${
        (await operator.from("complaints").select("id").eq("tracking_number", filed)).data![0].id
      }`,
    );

    assert.deepEqual(problems, [], "no script errors or CSP violations");
    await page.context().close();
  },
);

browserTest(
  "a service provider on a phone (360 px) reads their cards and hears of a new assignment",
  async (browser) => {
    const page = await newPage(browser, PHONE_VIEWPORT);
    const problems = watchForProblems(page);
    const id = await signInAsStaff(page, "service_provider", [19], "পরীক্ষা সেবাদাতা");
    const word = marker();
    const mine = await fileComplaints([
      { title: `${word} ড্রেন উপচে পানি জমেছে`, ward_id: 19, assigned_to: id, priority: "high" },
      { title: `${word} ফুটপাতে ময়লার স্তূপ`, ward_id: 19, assigned_to: id },
    ]);
    const { error } = await operator.from("complaints").update({ status: "in_progress", reopened_count: 1 })
      .eq("tracking_number", mine[1]);
    assert.equal(error, null, error?.message);

    await page.reload();
    assert.deepEqual(new Set(await listed(page)), new Set(mine), "only their own assignments");
    assert.ok(await page.getByText("আবার খোলা হয়েছে").isVisible());
    assert.equal(await page.getByRole("columnheader").first().isVisible(), false, "cards, not columns");
    await page.getByText("নতুন অভিযোগ এলে এখানেই জানানো হবে").waitFor();
    await assertFitsPhoneWidth(page);
    await screenshot(page, "staff-queue-phone");
    await page.locator(`tr[data-complaint="${mine[1]}"]`).evaluate((card) => card.scrollIntoView());
    await screenshot(page, "staff-queue-phone-cards");

    const [assigned] = await fileComplaints([
      { title: `${word} সড়কবাতি নষ্ট`, ward_id: 19, assigned_to: id, category: "electricity" },
    ]);
    const announcement = page.getByRole("status").filter({ hasText: "১টি নতুন বা বদলানো অভিযোগ" });
    await announcement.waitFor();
    await assertFitsPhoneWidth(page);
    await screenshot(page, "staff-queue-phone-live");
    await announcement.getByRole("link", { name: "দেখুন" }).click();
    await page.locator(`tr[data-complaint="${assigned}"]`).waitFor();

    await page.getByText("ফিল্টার", { exact: true }).click();
    await assertFitsPhoneWidth(page);
    await screenshot(page, "staff-queue-phone-filters", { fullPage: true });

    assert.deepEqual(problems, [], "no script errors or CSP violations");
    await page.context().close();
  },
);

browserTest(
  "without JavaScript a ward admin on a phone still searches, filters and pages",
  async (browser) => {
    const scripted = await newPage(browser, PHONE_VIEWPORT);
    await signInAsStaff(scripted, "ward_admin", [12, 19], "পরীক্ষা অ্যাডমিন");
    const page = await newPage(browser, PHONE_VIEWPORT, false);
    await page.context().addCookies(await scripted.context().cookies());

    await page.goto(QUEUE_URL);
    await page.getByLabel("অভিযোগ খুঁজুন").fill("উপচে");
    await page.getByRole("button", { name: "খুঁজুন" }).click();
    await page.waitForURL(/\?q=/);
    await page.getByText("ফিল্টার", { exact: true }).click();
    await page.getByLabel("ওয়ার্ড", { exact: true }).selectOption({ label: "ওয়ার্ড ১৯, ঢাকা উত্তর" });
    await page.getByRole("button", { name: "ফিল্টার করুন" }).click();
    await page.waitForURL(/ward=19/);
    for (const row of await page.locator("tr[data-complaint]").all()) {
      assert.ok((await row.textContent())!.includes("ওয়ার্ড ১৯"));
    }
    assert.equal(await page.getByText("নতুন অভিযোগ এলে এখানেই জানানো হবে").count(), 0, "no live parts");
    await assertFitsPhoneWidth(page);
    await screenshot(page, "staff-queue-phone-nojs");

    await page.goto(QUEUE_URL);
    await page.getByRole("link", { name: /পরের পাতা/ }).click();
    await page.waitForURL(/after=/);
    assert.equal((await listed(page)).length, 25);
    await page.getByRole("link", { name: "প্রথম পাতায় ফিরুন" }).click();
    await page.waitForURL(QUEUE_URL);
    await scripted.context().close();
    await page.context().close();
  },
);
