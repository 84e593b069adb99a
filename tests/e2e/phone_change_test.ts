/**
 * A citizen who changed SIM moves their account to the new number from the account page, in headless
 * Chromium at 360 px: the code reaches the new number in the dev SMS inbox, the account (and the complaint
 * filed before) stays theirs, and the old number no longer reaches it. With and without JavaScript.
 */
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { APP_URL } from "@/devstack/config.ts";
import { toBengaliDigits } from "@/lib/i18n/format.ts";
import { userSessionFrom } from "@/lib/auth/session.ts";
import { listMyComplaints, submitComplaint } from "@/lib/complaints/repository.ts";
import { latestCode, randomPhone, signInWithPhone } from "../../devstack/testing/auth.ts";
import { randomSpot } from "../complaints/support.ts";
import {
  addSessionCookies,
  assertFitsPhoneWidth,
  browserTestWithAndWithoutJavaScript,
  screenshot,
  tokensOf,
  watchedPhonePage,
} from "../support/browser.ts";

async function changeNumber(browser: Browser, { javaScript }: { javaScript: boolean }): Promise<void> {
  const suffix = javaScript ? "" : "-nojs";
  const citizen = await signInWithPhone();
  const title = `নম্বর বদলের আগে ${crypto.randomUUID().slice(0, 6)}`;
  const spot = randomSpot();
  await submitComplaint(userSessionFrom(citizen.session), {
    clientRequestId: crypto.randomUUID(),
    category: "waste_management",
    title,
    description: "সিম বদলের আগে করা অভিযোগ, নতুন নম্বরেও আমার থাকবে।",
    location: "বাজারের পাশে",
    ...spot,
    wardId: 7,
  }, []);

  const { context, page, problems } = await watchedPhonePage(browser, { javaScriptEnabled: javaScript });
  await addSessionCookies(context, tokensOf(citizen));
  await page.goto(`${APP_URL}/account`);
  await page.getByRole("link", { name: "মোবাইল নম্বর বদলান" }).click();
  await page.waitForURL(`${APP_URL}/account/phone`);
  await assertFitsPhoneWidth(page);

  // Its own number is refused with a Bengali reason, and nothing is sent.
  const oldNational = citizen.phone.replace("+88", "");
  await page.getByLabel("নতুন মোবাইল নম্বর").fill(oldNational);
  await page.getByRole("button", { name: "নতুন নম্বরে কোড পাঠান" }).click();
  await page.getByText("এটিই আপনার বর্তমান নম্বর।", { exact: false }).waitFor();
  await screenshot(page, `phone-change${suffix}`);

  const newPhone = randomPhone();
  const newNational = newPhone.replace("+88", "");
  const typed = toBengaliDigits(`${newNational.slice(0, 5)}-${newNational.slice(5)}`);
  await page.getByLabel("নতুন মোবাইল নম্বর").fill(typed);
  const sentAfter = new Date(Date.now() - 1000);
  await page.getByRole("button", { name: "নতুন নম্বরে কোড পাঠান" }).click();
  await page.waitForURL(`${APP_URL}/account/phone/verify`);
  await page.getByText(`${typed} নম্বরে পাঠানো`, { exact: false }).waitFor();
  await assertFitsPhoneWidth(page);
  await screenshot(page, `phone-change-verify${suffix}`);

  const code = await latestCode(newPhone, { since: sentAfter });
  const codeField = page.getByLabel("এসএমএসের কোড");
  if (javaScript) {
    await page.waitForLoadState("networkidle");
    await codeField.pressSequentially(code); // the island submits at six digits
  } else {
    await codeField.fill(code);
    await page.getByRole("button", { name: "নম্বর বদলান" }).click();
  }
  await page.waitForURL(`${APP_URL}/account?phone_changed=1`);
  await page.getByText(`এখন থেকে ${typed} দিয়ে প্রবেশ করুন`, { exact: false }).waitFor();
  await assertFitsPhoneWidth(page);
  await screenshot(page, `phone-changed${suffix}`, { fullPage: true });

  // Same person, same complaints, now on the new number.
  await page.goto(`${APP_URL}/complaints`);
  await page.getByText(title).waitFor();

  // The old number signs in to a new, empty account, not to this one.
  const oldNumber = await signInWithPhone(citizen.phone);
  assert.notEqual(oldNumber.id, citizen.id);
  const { complaints } = await listMyComplaints(userSessionFrom(oldNumber.session), null);
  assert.deepEqual(complaints, []);

  assert.deepEqual(problems, [], "no script errors or CSP violations");
  await context.close();
}

browserTestWithAndWithoutJavaScript(
  "a citizen changes their number on the account page and keeps their complaints (360 px)",
  "changing the number works with JavaScript disabled",
  changeNumber,
);
