/**
 * Payments end to end in headless Chromium at 360 px, against the running app, the local stack and its
 * bKash sandbox: a citizen pays a fee (and gets a Bengali receipt), cancels one, fails one for lack of
 * balance; a donation moves a campaign's progress in a second browser live; a super admin refunds part of
 * the fee. Screenshots of the fee page, the sandbox checkout, the receipt and the campaign.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { APP_URL } from "@/devstack/config.ts";
import { newAccount } from "../staff/support.ts";
import { SANDBOX_OTP, SANDBOX_PIN, WALLETS } from "../../devstack/testing/bkash.ts";
import {
  assertFitsPhoneWidth,
  browserTest,
  screenshot,
  signInThroughPages,
  watchedPhonePage,
} from "../support/browser.ts";
import { paymentRecord } from "../payments/support.ts";

const CAMPAIGN = "de00ca00-0000-4000-8000-000000000001";

/** At the sandbox's checkout page: wallet, code, PIN (or cancel), as a payer types them. */
async function payAtBkash(page: Page, { wallet = WALLETS.pays as string, cancel = false, shot = "" } = {}) {
  await page.getByLabel("আপনার বিকাশ অ্যাকাউন্ট নম্বর").waitFor();
  if (shot) await screenshot(page, shot);
  if (cancel) {
    await page.getByRole("button", { name: "বাতিল" }).click();
    return;
  }
  await page.getByLabel("আপনার বিকাশ অ্যাকাউন্ট নম্বর").fill(wallet);
  await page.getByRole("button", { name: "নিশ্চিত করুন" }).click();
  await page.getByLabel("যাচাইকরণ কোড").fill(SANDBOX_OTP);
  await page.getByRole("button", { name: "নিশ্চিত করুন" }).click();
  await page.getByLabel("বিকাশ পিন").fill(SANDBOX_PIN);
  await page.getByRole("button", { name: "নিশ্চিত করুন" }).click();
}

/** Chooses a fee, confirms its amount (on the pay button) and goes on to bKash from the fee page. */
async function startFee(page: Page, feeName: string, amount: string, shot?: string) {
  await page.goto(`${APP_URL}/payments/new`);
  await page.getByRole("radio", { name: new RegExp(feeName) }).check();
  await page.getByRole("button", { name: "এগিয়ে যান" }).click();
  const pay = page.getByRole("button", { name: `বিকাশে ${amount} পরিশোধ করুন` });
  await pay.waitFor();
  if (shot) {
    await assertFitsPhoneWidth(page);
    await screenshot(page, shot, { fullPage: true });
  }
  await pay.click();
}

const paymentIdOf = (page: Page) => new URL(page.url()).pathname.split("/").pop()!;

browserTest(
  "a citizen pays a fee, cancels one, fails one for balance; a super admin refunds part",
  async (browser) => {
    const citizen = await newAccount("নাগরিক রহিমা");
    const { context, page, problems } = await watchedPhonePage(browser, { locale: "bn-BD" });
    await page.goto(`${APP_URL}/payments/new`);
    await signInThroughPages(page, citizen.phone);
    await page.waitForURL(`${APP_URL}/payments/new`);
    await page.getByRole("heading", { name: "বিকাশে ফি পরিশোধ", level: 1 }).waitFor();
    await page.getByText("৳ ৫০০").first().waitFor();
    await assertFitsPhoneWidth(page);
    await screenshot(page, "payments-fee-360", { fullPage: true });

    // Paid: back from bKash to a receipt with the TrxID, invoice and amount in Bengali digits.
    await startFee(page, "বিশেষ \\(বড় আকারের\\) বর্জ্য অপসারণ \\(উত্তর\\)", "৳ ৫০০", "payments-fee-confirm-360");
    await payAtBkash(page, { shot: "payments-bkash-checkout-360" });
    await page.waitForURL(new RegExp(`${APP_URL}/payments/[0-9a-f-]{36}$`));
    await page.getByText("পরিশোধ সফল হয়েছে। ধন্যবাদ!").waitFor();
    const paid = await paymentRecord(paymentIdOf(page));
    assert.equal(paid.state, "completed");
    await page.getByText(paid.trx_id!).waitFor();
    await page.getByText(paid.invoice_number).waitFor();
    await page.getByText("৳ ৫০০").first().waitFor();
    await page.getByRole("button", { name: "রসিদ প্রিন্ট করুন" }).waitFor();
    await assertFitsPhoneWidth(page);
    await screenshot(page, "payments-receipt-360", { fullPage: true });
    const paidUrl = page.url();

    // Cancelled at bKash.
    await startFee(page, "মাসিক গৃহস্থালি বর্জ্য সংগ্রহ ফি \\(উত্তর\\)", "৳ ১০০");
    await payAtBkash(page, { cancel: true });
    await page.getByText("আপনি পরিশোধ বাতিল করেছেন। কোনো টাকা কাটা হয়নি।").waitFor();
    assert.equal((await paymentRecord(paymentIdOf(page))).state, "cancelled");

    // Not enough balance.
    await startFee(page, "মাসিক গৃহস্থালি বর্জ্য সংগ্রহ ফি \\(উত্তর\\)", "৳ ১০০");
    await payAtBkash(page, { wallet: WALLETS.lacksBalance });
    await page.getByText("অ্যাকাউন্টে যথেষ্ট টাকা নেই", { exact: false }).waitFor();
    assert.equal((await paymentRecord(paymentIdOf(page))).state, "failed");
    await screenshot(page, "payments-failed-balance-360", { fullPage: true });

    await page.goto(`${APP_URL}/payments`);
    assert.equal(await page.getByRole("listitem").filter({ hasText: "CCP" }).count(), 3);
    await screenshot(page, "payments-mine-360", { fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();

    // A super admin refunds 200 of the 500 with a reason.
    const admin = await newAccount("হিসাবরক্ষক সুপার অ্যাডমিন", true);
    const desk = await watchedPhonePage(browser, { locale: "bn-BD" });
    await desk.page.goto(`${APP_URL}/admin/payments/${paid.id}`);
    await signInThroughPages(desk.page, admin.phone);
    await desk.page.waitForURL(`${APP_URL}/admin/payments/${paid.id}`);
    await desk.page.getByLabel("ফেরতের পরিমাণ (টাকা)").fill("২০০");
    await desk.page.getByLabel("কারণ").fill("সেবা আংশিক দেওয়া হয়েছে");
    await desk.page.getByRole("button", { name: "বিকাশে ফেরত পাঠান" }).click();
    await desk.page.getByText("ফেরতের অনুরোধ বিকাশে পাঠানো হয়েছে।").waitFor();
    const refunded = await paymentRecord(paid.id);
    assert.equal(refunded.state, "partially_refunded");
    assert.equal(refunded.refunded_amount, 200);
    await assertFitsPhoneWidth(desk.page);
    await screenshot(desk.page, "payments-admin-refund-360", { fullPage: true });
    // …and checks the payment with bKash: its record of the transaction is shown and kept.
    await desk.page.getByRole("button", { name: "বিকাশে যাচাই করুন" }).click();
    await desk.page.getByText("বিকাশকে জিজ্ঞেস করা হয়েছে; উত্তর নিচে দেখুন।").waitFor();
    await desk.page.getByRole("heading", { name: /বিকাশের সর্বশেষ উত্তর/ }).waitFor();
    await assertFitsPhoneWidth(desk.page);
    await screenshot(desk.page, "payments-admin-check-360", { fullPage: true });
    await desk.page.goto(`${APP_URL}/admin/payments`);
    await desk.page.getByText(paid.invoice_number).waitFor();
    await screenshot(desk.page, "payments-admin-list-360");
    assert.deepEqual(desk.problems, []);
    await desk.context.close();
    assert.ok(paidUrl);
  },
);

browserTest("a donation moves the campaign's progress live in another browser", async (browser) => {
  const donor = await newAccount("দাতা করিম");
  const watcher = await watchedPhonePage(browser, { locale: "bn-BD" });
  await watcher.page.goto(`${APP_URL}/campaigns/${CAMPAIGN}`);
  await watcher.page.getByText("সরাসরি হালনাগাদ").waitFor();
  const before = await watcher.page.getByTestId("campaign-raised").textContent();
  await assertFitsPhoneWidth(watcher.page);
  await screenshot(watcher.page, "payments-campaign-360", { fullPage: true });

  const giver = await watchedPhonePage(browser, { locale: "bn-BD" });
  await giver.page.goto(`${APP_URL}/campaigns/${CAMPAIGN}`);
  await giver.page.getByRole("link", { name: "দান করতে সাইন ইন করুন" }).click();
  await signInThroughPages(giver.page, donor.phone);
  await giver.page.waitForURL(`${APP_URL}/campaigns/${CAMPAIGN}`);
  await giver.page.getByLabel("পরিমাণ (টাকা)").fill("৭৫০");
  await giver.page.getByLabel("আমার নাম প্রকাশ করবেন না (বেনামে দান)").check();
  await giver.page.getByRole("button", { name: "বিকাশে দান করুন" }).click();
  await payAtBkash(giver.page);
  await giver.page.getByText("পরিশোধ সফল হয়েছে। ধন্যবাদ!").waitFor();

  // The first browser hears it without reloading.
  await watcher.page.waitForFunction(
    (text) => document.querySelector("[data-testid=campaign-raised]")?.textContent !== text,
    before,
  );
  const after = await watcher.page.getByTestId("campaign-raised").textContent();
  assert.notEqual(after, before);
  await screenshot(watcher.page, "payments-campaign-after-360", { fullPage: true });
  await giver.page.goto(`${APP_URL}/campaigns/${CAMPAIGN}`);
  await giver.page.getByText("নাম প্রকাশে অনিচ্ছুক").first().waitFor();
  assert.deepEqual(watcher.problems, []);
  assert.deepEqual(giver.problems, []);
  await watcher.context.close();
  await giver.context.close();
});

browserTest(
  "without JavaScript a citizen pays a fee and donates, and gets their receipts",
  async (browser) => {
    const citizen = await newAccount("জাভাস্ক্রিপ্ট ছাড়া নাগরিক");
    const signedIn = await watchedPhonePage(browser, { locale: "bn-BD" });
    await signedIn.page.goto(`${APP_URL}/payments`);
    await signInThroughPages(signedIn.page, citizen.phone);
    await signedIn.page.waitForURL(`${APP_URL}/payments`);
    const storageState = await signedIn.context.storageState();
    await signedIn.context.close();

    const { context, page, problems } = await watchedPhonePage(browser, {
      locale: "bn-BD",
      javaScriptEnabled: false,
      storageState,
    });
    await startFee(page, "জন্ম নিবন্ধন সনদের অনুলিপি", "৳ ৫০");
    await payAtBkash(page);
    await page.getByText("পরিশোধ সফল হয়েছে। ধন্যবাদ!").waitFor();
    assert.equal((await paymentRecord(paymentIdOf(page))).state, "completed");

    await page.goto(`${APP_URL}/campaigns/${CAMPAIGN}`);
    await page.getByLabel("পরিমাণ (টাকা)").fill("১০০");
    await page.getByRole("button", { name: "বিকাশে দান করুন" }).click();
    await payAtBkash(page);
    await page.getByText("পরিশোধ সফল হয়েছে। ধন্যবাদ!").waitFor();
    const donation = await paymentRecord(paymentIdOf(page));
    assert.equal(donation.state, "completed");
    assert.equal(donation.amount, 100);
    assert.deepEqual(problems, []);
    await context.close();
  },
);
