/**
 * The staff workspace end to end in headless Chromium, against the running app and local stack: a ward
 * admin at a desktop (1366 px) answers with a ready-made reply, leaves an internal note, starts work,
 * assigns a provider and raises the priority; a second tab's stale save is refused with the comment kept;
 * the same page at 360 px; then the citizen says the resolution did not fix it. Screenshots go to
 * test-output/screenshots/.
 */
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { APP_URL } from "@/devstack/config.ts";
import {
  assertFitsPhoneWidth,
  browserTest,
  cameraPhoto,
  PHONE_VIEWPORT,
  screenshot,
  signedInPage,
  watchForProblems,
} from "../support/browser.ts";
import { setStatus, signUpCitizen, staff as serviceRole } from "../complaints/support.ts";
import { fileComplaint, signInStaff, WARD } from "../staff/workspace_support.ts";

const DESKTOP_VIEWPORT = { width: 1366, height: 900 };

/** Scrolls each photo into view and waits for it, so a full-page screenshot shows the lazy-loaded ones. */
async function showLazyPhotos(page: Page): Promise<void> {
  for (const photo of await page.locator("main img").all()) {
    await photo.scrollIntoViewIfNeeded();
    await photo.evaluate((image: HTMLImageElement) => image.decode());
  }
}

/** A citizen with a name, and a complaint of theirs in WARD with two camera photos. */
async function citizensComplaint(browser: Browser) {
  const citizen = await signUpCitizen();
  await serviceRole.from("profiles").update({ full_name: "নাসরিন আক্তার" }).eq("id", citizen.session.user.id)
    .throwOnError();
  const drawing = await browser.newPage();
  const photos = [await cameraPhoto(drawing, 1200, 900), await cameraPhoto(drawing, 1200, 900)];
  await drawing.close();
  const filed = await fileComplaint(citizen, WARD, {
    title: "বাজারের ড্রেন উপচে রাস্তায় পানি",
    photos: photos.map((photo) => new Uint8Array(photo)),
  });
  return { citizen, filed };
}

browserTest(
  "a ward admin works a complaint in the workspace at 1366 px and 360 px",
  async (browser) => {
    const { filed } = await citizensComplaint(browser);
    const [admin, provider] = await Promise.all([
      signInStaff("ward_admin", [WARD], "ওয়ার্ড অ্যাডমিন রাশেদ"),
      signInStaff("service_provider", [WARD], "সেবাদাতা করিম মিয়া"),
    ]);
    const url = `${APP_URL}/admin/complaints/${filed.id}`;
    const page = await signedInPage(browser, admin.session, DESKTOP_VIEWPORT);
    const problems = watchForProblems(page);
    await page.goto(url);
    await page.getByRole("heading", { name: "বাজারের ড্রেন উপচে রাস্তায় পানি" }).waitFor();
    assert.equal(await page.locator("main img").count(), 2);
    await screenshot(page, "staff-workspace-new", { fullPage: true });

    // A ready-made reply, put into the text without any script, then sent and shown on the tracking page.
    await page.getByLabel("তৈরি উত্তর", { exact: true }).selectOption({ label: "ময়লা সরানো হয়েছে" });
    await page.getByRole("button", { name: "লেখায় বসান", exact: true }).click();
    await page.getByText("তৈরি উত্তরটি লেখায় বসানো হয়েছে।").waitFor();
    assert.equal(
      await page.getByLabel("লেখা", { exact: true }).inputValue(),
      "ময়লা সরিয়ে জায়গাটি পরিষ্কার করা হয়েছে।",
    );
    await page.getByLabel(/উত্তরটি পাবলিক ট্র্যাকিং পাতাতেও দেখান/).check();
    await page.getByRole("button", { name: "পাঠান", exact: true }).click();
    await page.getByText("উত্তর পাঠানো হয়েছে।").waitFor();

    await page.getByRole("radio", { name: /অভ্যন্তরীণ নোট/ }).check();
    await page.getByLabel("লেখা", { exact: true }).fill("দোকানদারেরা ড্রেনে ময়লা ফেলেন; বাজার কমিটিকে জানাতে হবে।");
    await page.getByRole("button", { name: "পাঠান", exact: true }).click();
    await page.getByText("নোট রাখা হয়েছে।").waitFor();

    await page.getByLabel("নতুন অবস্থা").selectOption({ label: "প্রক্রিয়াধীন" });
    await page.getByLabel("মন্তব্য", { exact: true }).fill("কর্মী পাঠানো হয়েছে, আজ বিকেলে কাজ শুরু হবে।");
    await page.getByLabel("পাবলিক ট্র্যাকিং পাতাতেও মন্তব্যটি দেখান").check();
    await page.getByRole("button", { name: "অবস্থা বদলান", exact: true }).click();
    await page.getByText("অবস্থা বদলানো হয়েছে।").waitFor();

    await page.getByLabel("এই ওয়ার্ডের সেবাদাতা").selectOption(provider.id);
    await page.getByRole("button", { name: "দায়িত্ব দিন", exact: true }).click();
    await page.getByText("দায়িত্ব দেওয়া হয়েছে।").waitFor();

    // Someone else raises the priority in another tab; this tab's older page may not overwrite it.
    const other = await page.context().newPage();
    await other.goto(url);
    await other.getByLabel("নতুন অগ্রাধিকার").selectOption({ label: "বেশি" });
    await other.getByRole("button", { name: "অগ্রাধিকার বদলান", exact: true }).click();
    await other.getByText("অগ্রাধিকার বদলানো হয়েছে; সময়সীমাও সেই অনুযায়ী বদলেছে।").waitFor();
    await other.close();

    await page.getByLabel("নতুন অবস্থা").selectOption({ label: "সমাধান করা হয়েছে" });
    await page.getByLabel("মন্তব্য", { exact: true }).fill("ড্রেন পরিষ্কার করা হয়েছে।");
    await page.getByRole("button", { name: "অবস্থা বদলান", exact: true }).click();
    await page.getByText(/আপনি পাতাটি খোলার পর অন্য কেউ অভিযোগটি বদলেছেন/).waitFor();
    assert.equal(await page.getByLabel("মন্তব্য", { exact: true }).inputValue(), "ড্রেন পরিষ্কার করা হয়েছে।");
    await page.getByText("অগ্রাধিকার: বেশি").waitFor();
    await screenshot(page, "staff-workspace-conflict");

    await page.getByRole("button", { name: "অবস্থা বদলান", exact: true }).click();
    await page.getByText("অবস্থা বদলানো হয়েছে।").waitFor();
    const timeline = page.locator("li[data-kind]");
    assert.deepEqual(
      await timeline.evaluateAll((items) => items.map((item) => item.getAttribute("data-kind"))),
      ["status", "reply", "note", "status", "status"],
    );
    await screenshot(page, "staff-workspace-desktop", { fullPage: true });
    assert.deepEqual(problems, [], "no script errors or CSP violations");
    await page.context().close();

    const phone = await signedInPage(browser, admin.session, PHONE_VIEWPORT);
    await phone.goto(url);
    await phone.getByText("সেবাদাতা করিম মিয়া").first().waitFor();
    await assertFitsPhoneWidth(phone);
    await showLazyPhotos(phone);
    await screenshot(phone, "staff-workspace-phone", { fullPage: true });
    await phone.context().close();
  },
);

browserTest(
  "the citizen says the resolution did not fix it (360 px)",
  async (browser) => {
    const { citizen, filed } = await citizensComplaint(browser);
    await setStatus(filed.id, "in_progress");
    await setStatus(filed.id, "resolved");
    const page = await signedInPage(browser, citizen.session, PHONE_VIEWPORT);
    const problems = watchForProblems(page);
    await page.goto(`${APP_URL}/complaints/${filed.id}`);
    await page.getByRole("heading", { name: "সমস্যাটির কি সমাধান হয়েছে?" }).waitFor();
    await assertFitsPhoneWidth(page);
    await showLazyPhotos(page);
    await screenshot(page, "complaint-resolution-answer", { fullPage: true });

    await page.getByLabel("কী এখনো ঠিক হয়নি?").fill("ড্রেন আবার বন্ধ, পানি জমে আছে।");
    await page.getByRole("button", { name: "সমাধান হয়নি", exact: true }).click();
    await page.getByText("অভিযোগটি আবার খোলা হয়েছে। কর্মীরা আবার কাজ শুরু করবেন।").waitFor();
    assert.equal(await page.getByRole("button", { name: "সমাধান হয়েছে, বন্ধ করুন", exact: true }).count(), 0);
    assert.deepEqual(problems, [], "no script errors or CSP violations");
    await page.context().close();
  },
);
