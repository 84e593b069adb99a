/**
 * Complaints end to end in headless Chromium at 360 × 740, against the running app and local stack:
 * a citizen signs in with an SMS code, writes a complaint with location and two 12-megapixel photos
 * (made small in the browser), loses the connection, reloads (the draft survives), submits once, sees it
 * in the list, and watches a status change made by staff appear without reloading. Then the same form
 * without JavaScript, and "me too" on a complaint filed nearby. Screenshots go to test-output/screenshots/.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { PHOTO_BUCKET } from "@/lib/complaints/repository.ts";
import { MAX_BYTES } from "@/lib/complaints/browser/prepare_photo.ts";
import { randomPhone } from "../../devstack/testing/auth.ts";
import {
  assertFitsPhoneWidth,
  browserTest,
  cameraPhoto,
  E2E_APP_URL as APP_URL,
  PHONE_VIEWPORT,
  screenshot,
  signInThroughPages,
  watchedPhonePage,
} from "../support/browser.ts";
import { randomSpot, setStatus, staff } from "../complaints/support.ts";

/** Failed requests of a phone that lost its connection are expected. */
const OFFLINE_ERRORS = /net::ERR_INTERNET_DISCONNECTED/;

async function signIn(page: Page): Promise<void> {
  const phone = randomPhone();
  await page.goto(`${APP_URL}/complaints/new`);
  await signInThroughPages(page, phone);
  await page.waitForURL(/\/onboarding/);
  await page.getByLabel("পুরো নাম").fill(`পরীক্ষা ${phone.slice(-4)}`);
  await page.getByRole("button", { name: "সংরক্ষণ করুন" }).click();
  await page.waitForURL(`${APP_URL}/complaints/new`);
}

/** Someone else's open complaint, filed through the API as another citizen (staff creates the user). */
async function neighboursComplaint(spot: { latitude: number; longitude: number }): Promise<string> {
  const { data: user, error } = await staff.auth.admin.createUser({
    phone: randomPhone(),
    phone_confirm: true,
  });
  assert.equal(error, null, error?.message);
  const { data, error: insertError } = await staff.from("complaints").insert({
    citizen_id: user.user!.id,
    title: "মোড়ে ময়লার স্তূপ",
    description: "মোড়ের পাশে কয়েক দিন ধরে ময়লা জমে আছে।",
    category: "cleanliness",
    latitude: spot.latitude + 0.0003,
    longitude: spot.longitude,
  }).select("id").single();
  assert.equal(insertError, null, insertError?.message);
  return data!.id;
}

browserTest(
  "a citizen files a complaint with two photos, sees it listed, and watches staff move it live (360 px)",
  async (browser) => {
    const spot = randomSpot();
    const neighbours = await neighboursComplaint(spot);
    const { context, page, problems } = await watchedPhonePage(
      browser,
      { geolocation: { ...spot, accuracy: 12 }, permissions: ["geolocation"], locale: "bn-BD" },
      OFFLINE_ERRORS,
    );
    await signIn(page);

    // Write it: category, text, location from the device, two camera photos.
    const title = `রাস্তায় ময়লার স্তূপ ${crypto.randomUUID().slice(0, 4)}`;
    await page.getByText("পরিচ্ছন্নতা", { exact: true }).click();
    await page.getByLabel("শিরোনাম").fill(title);
    await page.getByLabel("বিস্তারিত").fill("মোড়ের পাশে তিন দিন ধরে ময়লা জমে আছে, দুর্গন্ধে হাঁটা যায় না।");
    await page.getByRole("button", { name: "আমার এখনকার অবস্থান দিন" }).click();
    await page.getByText("অবস্থান নেওয়া হয়েছে (প্রায় ১২ মিটারের মধ্যে)।").waitFor();
    await page.getByRole("heading", { name: "কাছেই একই ধরনের অভিযোগ আছে" }).waitFor();
    await page.getByText("মোড়ে ময়লার স্তূপ").waitFor();

    const photos = [await cameraPhoto(page), await cameraPhoto(page)];
    assert.ok(photos.every((photo) => photo.length > 1_000_000), "the test photos are camera-sized");
    await page.locator('input[type="file"]').setInputFiles(
      photos.map((buffer, i) => ({ name: `IMG_000${i}.jpg`, mimeType: "image/jpeg", buffer })),
    );
    await page.getByText("পাঠানো হয়েছে").or(page.getByText(/কেবি$/)).first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll('img[alt^="ছবি "]').length === 2);
    const sizes = await page.locator("li p[aria-live]").allTextContents();
    assert.equal(sizes.length, 2);
    await assertFitsPhoneWidth(page);
    await screenshot(page, "complaint-form", { fullPage: true });

    // The connection drops at the worst moment: nothing is lost, nothing is filed.
    await context.setOffline(true);
    await page.getByRole("button", { name: "অভিযোগ জমা দিন" }).click();
    await page.getByText(/সংযোগ পাওয়া যাচ্ছে না/).waitFor();
    await context.setOffline(false);

    // A reload (or a crash) later, the draft is still there, photos included.
    await page.reload();
    await page.getByText("আগের অসমাপ্ত অভিযোগটি ফিরিয়ে আনা হয়েছে।").waitFor();
    assert.equal(await page.getByLabel("শিরোনাম").inputValue(), title);
    await page.waitForFunction(() => document.querySelectorAll('img[alt^="ছবি "]').length === 2);

    await page.getByRole("button", { name: "অভিযোগ জমা দিন" }).click();
    await page.waitForURL(/\/complaints\/[0-9a-f-]{36}\?filed=1$/);
    const id = new URL(page.url()).pathname.split("/")[2];
    await page.getByText("আপনার অভিযোগ জমা হয়েছে।").waitFor();

    // Stored once, with two photos made small in the browser (long edge 1600 px).
    const { data: filed } = await staff.from("complaints")
      .select("citizen_id, client_request_id, latitude, status, complaint_photos(storage_path)")
      .eq("title", title);
    assert.equal(filed?.length, 1, "exactly one complaint despite the failed first try");
    assert.equal(filed![0].complaint_photos.length, 2);
    assert.ok(Math.abs(Number(filed![0].latitude) - spot.latitude) < 1e-5, "the location is on the record");
    const { data: objects } = await staff.storage.from(PHOTO_BUCKET)
      .list(`${filed![0].citizen_id}/${filed![0].client_request_id}`);
    for (const object of objects!) {
      const size = object.metadata?.size as number;
      assert.ok(size <= MAX_BYTES, `a prepared photo weighs ${size} bytes`);
    }
    const dimensions = await page.locator("main img").evaluateAll((images) =>
      Promise.all(
        (images as HTMLImageElement[]).map(async (image) => {
          await image.decode();
          return [image.naturalWidth, image.naturalHeight];
        }),
      )
    );
    assert.deepEqual(dimensions, [[1600, 1200], [1600, 1200]]);
    await assertFitsPhoneWidth(page);

    // Staff move it on; the open page follows without a reload.
    await page.getByText("সরাসরি হালনাগাদ হচ্ছে").waitFor();
    await page.evaluate(() => (globalThis as unknown as { stillSamePage: boolean }).stillSamePage = true);
    await setStatus(id, "in_progress");
    const status = page.getByRole("region", { name: "অবস্থা" });
    await status.locator('[data-status="in_progress"]').first().waitFor();
    assert.equal(await status.locator("ol li").count(), 2);
    await page.getByText("অবস্থা বদলেছে: প্রক্রিয়াধীন").waitFor({ state: "attached" });
    assert.equal(
      await page.evaluate(() => (globalThis as unknown as { stillSamePage?: boolean }).stillSamePage),
      true,
    );
    await screenshot(page, "complaint-detail", { fullPage: true });

    await page.getByRole("navigation").getByRole("link", { name: "অভিযোগ" }).click();
    await page.waitForURL(`${APP_URL}/complaints`);
    const card = page.locator("main li").filter({ hasText: title });
    await card.waitFor();
    assert.equal(await card.locator('[data-status="in_progress"]').count(), 1);
    await assertFitsPhoneWidth(page);
    await screenshot(page, "complaints-list", { fullPage: true });

    // "Me too" on the neighbour's complaint instead of filing it again.
    await page.goto(`${APP_URL}/complaints/new`);
    await page.getByText("পরিচ্ছন্নতা", { exact: true }).click();
    await page.getByRole("button", { name: "আমার এখনকার অবস্থান দিন" }).click();
    await page.getByRole("button", { name: "আমারও একই সমস্যা" }).click();
    await page.waitForURL(`${APP_URL}/complaints/${neighbours}?followed=1`);
    await page.getByText("আপনি এই অভিযোগটি অনুসরণ করছেন।").waitFor();
    await screenshot(page, "complaint-followed", { fullPage: true });

    assert.deepEqual(problems, [], "no script errors or CSP violations");
    await context.close();
  },
);

browserTest(
  "without JavaScript the form still files, photos included, with Bengali errors first",
  async (browser) => {
    const scripted = await browser.newContext({ viewport: PHONE_VIEWPORT });
    const signInPage = await scripted.newPage();
    await signIn(signInPage);
    const photos = [await cameraPhoto(signInPage, 1200, 900), await cameraPhoto(signInPage, 1200, 900)];

    const context = await browser.newContext({ viewport: PHONE_VIEWPORT, javaScriptEnabled: false });
    await context.addCookies(await scripted.cookies());
    const page = await context.newPage();
    await page.goto(`${APP_URL}/complaints/new`);
    const title = `ড্রেন বন্ধ ${crypto.randomUUID().slice(0, 4)}`;
    await page.getByText("বর্জ্য ব্যবস্থাপনা", { exact: true }).click();
    await page.getByLabel("শিরোনাম").fill(title);
    await page.getByLabel("বিস্তারিত").fill("ছোট"); // too short: comes back with an error
    await page.getByLabel("ওয়ার্ড").selectOption({ label: "ওয়ার্ড ১৭" });
    await page.getByLabel("ঠিকানা বা চেনা জায়গা").fill("স্কুলের গেটের সামনে");
    await page.getByRole("button", { name: "অভিযোগ জমা দিন" }).click();
    await page.getByText("সমস্যাটি অন্তত ১০ অক্ষরে বুঝিয়ে লিখুন।").waitFor();
    assert.equal(await page.getByLabel("শিরোনাম").inputValue(), title, "what was typed is kept");
    await assertFitsPhoneWidth(page);
    await screenshot(page, "complaint-form-nojs-errors", { fullPage: true });

    await page.getByLabel("বিস্তারিত").fill("ড্রেন বন্ধ হয়ে নোংরা পানি রাস্তায় উঠে আসছে।");
    await page.locator('input[name="photos"]').setInputFiles(
      photos.map((buffer, i) => ({ name: `IMG_10${i}.jpg`, mimeType: "image/jpeg", buffer })),
    );
    await page.getByRole("button", { name: "অভিযোগ জমা দিন" }).click();
    await page.waitForURL(/\/complaints\/[0-9a-f-]{36}\?filed=1$/);
    await page.getByRole("heading", { name: title }).waitFor();
    assert.equal(await page.locator("main img").count(), 2);
    await page.getByRole("region", { name: "অবস্থা" }).getByText("জমা দেওয়া হয়েছে").first().waitFor();
    await screenshot(page, "complaint-detail-nojs", { fullPage: true });

    const number = await page.locator("main a[href^='/track/']").textContent();
    await page.goto(`${APP_URL}/track`);
    await page.getByLabel("ট্র্যাকিং নম্বর").fill(number!.toLowerCase().replace("-", " "));
    await page.getByRole("button", { name: "অবস্থা দেখুন" }).click();
    await page.waitForURL(`${APP_URL}/track/${number}`);
    await page.getByText("বর্জ্য ব্যবস্থাপনা").waitFor();
    assert.equal(await page.getByText(title).count(), 0, "the public page does not show the title");
    await assertFitsPhoneWidth(page);
    await screenshot(page, "complaint-track", { fullPage: true });
    await context.close();
    await scripted.close();
  },
);
