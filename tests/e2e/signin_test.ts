/**
 * Phone sign-in end to end in headless Chromium at 360 px, against the running app (:8000) and local
 * stack: the code is read from the dev SMS inbox. Once with JavaScript and once without. Screenshots go
 * to test-output/screenshots/.
 */
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { APP_URL } from "@/devstack/config.ts";
import { toBengaliDigits } from "@/lib/i18n/format.ts";
import { latestCode, randomPhone } from "../../devstack/testing/auth.ts";
import {
  assertFitsPhoneWidth,
  browserTest,
  browserTestWithAndWithoutJavaScript,
  screenshot,
  watchedPhonePage,
} from "../support/browser.ts";

async function signInAndOut(browser: Browser, { javaScript }: { javaScript: boolean }): Promise<void> {
  const suffix = javaScript ? "" : "-nojs";
  const { context, page, problems } = await watchedPhonePage(browser, { javaScriptEnabled: javaScript });
  const phone = randomPhone();
  const national = phone.replace("+88", ""); // 01XXXXXXXXX
  const name = `পরীক্ষা ${phone.slice(-4)}`;

  await page.goto(`${APP_URL}/`);
  assert.equal(await page.getAttribute("html", "lang"), "bn");
  assert.equal(await page.locator("script[src], script[type=module]").count(), 0, "home needs no JavaScript");
  await assertFitsPhoneWidth(page);
  await screenshot(page, `home${suffix}`);

  await page.getByRole("banner").getByRole("link", { name: "প্রবেশ করুন" }).click();
  await page.waitForURL(`${APP_URL}/login`);
  await screenshot(page, `login${suffix}`);

  // People type their number in many ways; Bengali digits with a dash must work.
  const typed = toBengaliDigits(`${national.slice(0, 5)}-${national.slice(5)}`);
  await page.getByLabel("মোবাইল নম্বর").fill(typed);
  const sentAfter = new Date(Date.now() - 1000);
  await page.getByRole("button", { name: "কোড পাঠান" }).click();
  await page.waitForURL(`${APP_URL}/login/verify`);
  await assertFitsPhoneWidth(page);
  await screenshot(page, `verify${suffix}`);

  const code = await latestCode(phone, { since: sentAfter });
  const codeField = page.getByLabel("এসএমএসের কোড");
  assert.equal(await codeField.getAttribute("autocomplete"), "one-time-code");
  assert.equal(await codeField.getAttribute("inputmode"), "numeric");
  if (javaScript) {
    await codeField.pressSequentially(code); // the island submits once six digits are in
  } else {
    await codeField.fill(code);
    await page.getByRole("button", { name: "প্রবেশ করুন" }).click();
  }
  await page.waitForURL(/\/onboarding/);
  await assertFitsPhoneWidth(page);
  await screenshot(page, `onboarding${suffix}`);

  const cookies = await context.cookies();
  const access = cookies.find((cookie) => cookie.name === "cc-access");
  assert.ok(access?.httpOnly, "the session cookie is httpOnly");
  assert.equal(access?.sameSite, "Lax");

  // The name is required: an empty form comes back with a Bengali error.
  await page.getByRole("button", { name: "সংরক্ষণ করুন" }).click();
  await page.getByText("আপনার নাম লিখুন।").waitFor();
  await page.getByLabel("পুরো নাম").fill(name);
  await page.getByLabel(/জাতীয় পরিচয়পত্র/).fill("১২৩৪৫৬৭৮৯০");
  await page.getByLabel(/^ওয়ার্ড/).selectOption({ label: "ওয়ার্ড ১৭" });
  await page.getByRole("button", { name: "সংরক্ষণ করুন" }).click();
  await page.waitForURL(`${APP_URL}/`);
  await page.getByText(`স্বাগতম, ${name}`).waitFor();
  assert.equal(await page.getByRole("banner").getByRole("link", { name: "প্রবেশ করুন" }).count(), 0);
  await screenshot(page, `home-signed-in${suffix}`);

  await page.getByRole("navigation").getByRole("link", { name: "অ্যাকাউন্ট" }).click();
  await page.getByText(typed).waitFor();
  await screenshot(page, `account${suffix}`);
  await page.getByRole("button", { name: "বের হন" }).click();
  await page.waitForURL(`${APP_URL}/`);
  await page.getByRole("banner").getByRole("link", { name: "প্রবেশ করুন" }).waitFor();
  assert.equal((await context.cookies()).some((cookie) => cookie.name.startsWith("cc-")), false);

  // Signed out means signed out: the account page asks to sign in again.
  await page.goto(`${APP_URL}/account`);
  assert.match(page.url(), /\/login\?next=%2Faccount$/);
  assert.deepEqual(problems, [], "no script errors or CSP violations");
  await page.close();
  await context.close();
}

browserTestWithAndWithoutJavaScript(
  "a citizen signs in with phone and SMS code, completes onboarding, and signs out (360 px)",
  "sign-in works with JavaScript disabled",
  signInAndOut,
);

browserTest(
  "the not-found page speaks the reader's language and fits a phone",
  async (browser) => {
    const { context, page, problems } = await watchedPhonePage(browser);
    const response = await page.goto(`${APP_URL}/no-such-page`);
    assert.equal(response?.status(), 404);
    await page.getByRole("heading", { name: "পাতাটি পাওয়া যায়নি" }).waitFor();
    await assertFitsPhoneWidth(page);
    await screenshot(page, "404");

    await page.getByRole("button", { name: "English" }).click();
    await page.waitForURL(`${APP_URL}/no-such-page`);
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "en");
    await screenshot(page, "404-en");
    await page.goto(`${APP_URL}/`);
    await assertFitsPhoneWidth(page);
    await screenshot(page, "home-en");
    assert.deepEqual(problems, []);
    await context.close();
  },
);
