/**
 * The city services end to end in headless Chromium, against the running app and local stack:
 * a ward admin publishes an urgent notice and a citizen of that ward sees the banner appear live while a
 * citizen of another ward does not; a citizen sends an SOS and the ward admin's dashboard shows it live,
 * and the citizen's page follows the admin's acknowledgement; a super admin uploads a camera photo into an
 * album that a visitor then browses. Screenshots at 360 px go to test-output/screenshots/.
 */
import assert from "node:assert/strict";
import { randomPhone, signInWithPhone, waitForTexts } from "../../devstack/testing/auth.ts";
import { operator } from "../staff/support.ts";
import { memberTokens, newStaffMember } from "../staff/dashboard_support.ts";
import {
  assertFitsPhoneWidth,
  browserTest,
  cameraPhoto,
  E2E_APP_URL as APP_URL,
  PHONE_VIEWPORT,
  screenshot,
  signedInContext,
  tokensOf,
  watchForProblems,
} from "../support/browser.ts";

const DESKTOP = { width: 1280, height: 900 };

/** A new citizen living in `ward`, with tokens for a browser. */
async function citizenOf(ward: number, name: string) {
  const user = await signInWithPhone();
  await operator.from("profiles").update({ ward_id: ward, full_name: name }).eq("id", user.id).throwOnError();
  return { id: user.id, ...tokensOf(user) };
}

browserTest("an urgent notice reaches its ward's citizens live, and only them (360 px)", async (browser) => {
  const WARD = 43;
  const title = `জরুরি: ${crypto.randomUUID().slice(0, 6)} এলাকায় গ্যাস লাইনে কাজ`;
  const [admin, resident, neighbour] = await Promise.all([
    newStaffMember("ward_admin", [WARD]),
    citizenOf(WARD, "ওয়ার্ডের বাসিন্দা"),
    citizenOf(WARD + 1, "পাশের ওয়ার্ডের বাসিন্দা"),
  ]);
  try {
    const residentContext = await signedInContext(browser, resident, { viewport: PHONE_VIEWPORT }, APP_URL);
    const residentPage = await residentContext.newPage();
    const problems = watchForProblems(residentPage);
    const neighbourContext = await signedInContext(browser, neighbour, { viewport: PHONE_VIEWPORT }, APP_URL);
    const neighbourPage = await neighbourContext.newPage();
    await Promise.all([residentPage.goto(`${APP_URL}/waste`), neighbourPage.goto(`${APP_URL}/waste`)]);
    // Both banners have joined their topics (the island asked for the current urgent notices first).
    await Promise.all([
      residentPage.waitForLoadState("networkidle"),
      neighbourPage.waitForLoadState("networkidle"),
    ]);

    const adminContext = await signedInContext(browser, memberTokens(admin), { viewport: DESKTOP }, APP_URL);
    const adminPage = await adminContext.newPage();
    await adminPage.goto(`${APP_URL}/admin/notices/new`);
    await adminPage.getByLabel("শিরোনাম (বাংলা)").fill(title);
    await adminPage.getByLabel("বিস্তারিত (বাংলা)").fill(
      "আজ রাত ১০টা পর্যন্ত গ্যাস থাকবে না।\n\n- চুলা বন্ধ রাখুন\n- গন্ধ পেলে ৯৯৯-এ ফোন করুন",
    );
    await adminPage.getByLabel("ধরন").selectOption("emergency");
    await adminPage.getByLabel("জরুরি: সবার পর্দায় ব্যানার হিসেবে দেখান").check();
    await adminPage.getByRole("button", { name: "সংরক্ষণ করুন" }).click();
    await adminPage.getByText("নোটিশ সংরক্ষিত হয়েছে।").waitFor();

    const banner = residentPage.getByRole("region", { name: "জরুরি নোটিশ" }).filter({ hasText: title });
    await banner.waitFor({ timeout: 10_000 });
    await screenshot(residentPage, "city-urgent-banner-360");
    // The neighbour's banner heard nothing: give a live message the same time again, then look.
    await neighbourPage.waitForTimeout(1500);
    assert.equal(await neighbourPage.getByText(title).count(), 0, "another ward's citizen sees no banner");

    await residentPage.goto(`${APP_URL}/`);
    await residentPage.getByText("আপনার ওয়ার্ডে পরের সংগ্রহ").waitFor();
    await assertFitsPhoneWidth(residentPage);
    await screenshot(residentPage, "city-home-citizen-360", { fullPage: true });
    await residentPage.goto(`${APP_URL}/notices`);
    await residentPage.getByRole("link", { name: title }).waitFor();
    await assertFitsPhoneWidth(residentPage);
    await screenshot(residentPage, "city-notices-360", { fullPage: true });
    await residentPage.getByRole("link", { name: title }).click();
    await residentPage.getByRole("heading", { level: 1, name: title }).waitFor();
    await screenshot(residentPage, "city-notice-360", { fullPage: true });
    await residentPage.goto(`${APP_URL}/waste`);
    await assertFitsPhoneWidth(residentPage);
    await screenshot(residentPage, "city-waste-360", { fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await operator.from("notices").delete().eq("title_bn", title);
  }
});

browserTest(
  "without JavaScript, a ward's citizen still sees an urgent notice on every page (360 px)",
  async (browser) => {
    const WARD = 46;
    const title = `জরুরি: ${crypto.randomUUID().slice(0, 6)} সড়কে পানি জমেছে`;
    const resident = await citizenOf(WARD, "স্ক্রিপ্ট ছাড়া বাসিন্দা");
    const { data: notice } = await operator.from("notices")
      .insert({ title_bn: title, body_bn: "বিকল্প পথ ব্যবহার করুন।", ward_ids: [WARD], urgent: true })
      .select("id").single().throwOnError();
    try {
      const context = await signedInContext(
        browser,
        resident,
        { viewport: PHONE_VIEWPORT, javaScriptEnabled: false },
        APP_URL,
      );
      const page = await context.newPage();
      for (const path of ["/", "/waste", "/emergency"]) {
        await page.goto(`${APP_URL}${path}`);
        const banner = page.getByRole("region", { name: "জরুরি নোটিশ" }).filter({ hasText: title });
        assert.equal(await banner.count(), 1, `the banner on ${path}`);
      }
      await assertFitsPhoneWidth(page);
      await screenshot(page, "city-urgent-banner-nojs-360");
      await page.getByRole("region", { name: "জরুরি নোটিশ" }).filter({ hasText: title })
        .getByRole("link", { name: "বিস্তারিত" }).click();
      await page.getByRole("heading", { level: 1, name: title }).waitFor();
    } finally {
      await operator.from("notices").delete().eq("id", notice!.id);
    }
  },
);

browserTest(
  "an SOS reaches the ward admin's dashboard live; the citizen follows each step (360 px)",
  async (browser) => {
    const WARD = 45;
    const DUTY_PHONE = randomPhone();
    await operator.from("ward_duty_phones").upsert({ ward_id: WARD, phone: DUTY_PHONE }).throwOnError();
    await operator.from("sos_reports").update({ status: "closed", outcome: "duplicate" }).eq("ward_id", WARD)
      .neq("status", "closed").throwOnError();
    const [admin, citizen] = await Promise.all([
      newStaffMember("ward_admin", [WARD]),
      citizenOf(WARD, "এসওএস প্রেরক"),
    ]);

    const adminContext = await signedInContext(browser, memberTokens(admin), { viewport: DESKTOP }, APP_URL);
    const adminPage = await adminContext.newPage();
    const adminProblems = watchForProblems(adminPage);
    await adminPage.goto(`${APP_URL}/admin`);
    await adminPage.locator("[data-sos-alerts][data-live]").waitFor();

    const context = await signedInContext(browser, citizen, { viewport: PHONE_VIEWPORT }, APP_URL);
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.goto(`${APP_URL}/emergency`);
    await page.getByText("জীবনের ঝুঁকি থাকলে এখনই ৯৯৯ নম্বরে ফোন করুন।").waitFor();
    await assertFitsPhoneWidth(page);
    await screenshot(page, "city-emergency-360", { fullPage: true });
    await page.getByRole("link", { name: "এসওএস পাঠান" }).click();
    await page.getByLabel("আগুন").check();
    await page.getByLabel("আর কিছু বলবেন? (ঠিকানা, কতজন আটকে আছে)").fill("তিনতলার রান্নাঘরে আগুন");
    await screenshot(page, "city-sos-form-360", { fullPage: true });
    await page.getByRole("button", { name: "এসওএস পাঠান" }).click();
    await page.getByText("এসওএস পাঠানো হয়েছে। ওয়ার্ড অফিস খবর পেয়েছে।").waitFor();

    const alert = adminPage.getByRole("alert").filter({ hasText: "নতুন এসওএস: আগুন, ওয়ার্ড ৪৫" });
    await alert.waitFor({ timeout: 10_000 });
    // …and the ward's duty phone gets it by SMS, in Bengali.
    const texts = await waitForTexts(DUTY_PHONE);
    assert.match(texts[0].body, /^জরুরি SOS: আগুন, ওয়ার্ড ৪৫। .*তিনতলার রান্নাঘরে আগুন/);

    await page.getByText("সরাসরি হালনাগাদ").waitFor();
    await adminPage.goto(`${APP_URL}/admin/sos`);
    await adminPage.getByRole("button", { name: "গ্রহণ করুন" }).first().click();
    await adminPage.getByText("এসওএস গ্রহণ করা হয়েছে।").waitFor();
    await page.getByRole("status").filter({ hasText: "আপনার এসওএস এখন: ওয়ার্ড অফিস দেখেছে, ব্যবস্থা নিচ্ছে" })
      .waitFor({ timeout: 10_000 });
    await assertFitsPhoneWidth(page);
    await screenshot(page, "city-sos-status-360", { fullPage: true });
    assert.deepEqual([...problems, ...adminProblems], []);
  },
);

browserTest(
  "a super admin uploads a camera photo into an album that a visitor browses (360 px)",
  async (browser) => {
    const title = `নদীর পাড় পরিষ্কার ${crypto.randomUUID().slice(0, 6)}`;
    const boss = await newStaffMember("super_admin");
    const adminContext = await signedInContext(browser, memberTokens(boss), { viewport: DESKTOP }, APP_URL);
    const adminPage = await adminContext.newPage();
    const problems = watchForProblems(adminPage);
    let albumId = "";
    try {
      await adminPage.goto(`${APP_URL}/admin/gallery`);
      await adminPage.getByLabel("শিরোনাম (বাংলা)").fill(title);
      await adminPage.getByRole("button", { name: "অ্যালবাম বানান" }).click();
      await adminPage.waitForURL(/\/admin\/gallery\/[0-9a-f-]{36}$/);
      albumId = adminPage.url().split("/").pop()!;
      await adminPage.waitForLoadState("networkidle");
      const photo = await cameraPhoto(adminPage);
      assert.ok(photo.length > 1_000_000, "a camera-sized original");
      await adminPage.getByLabel(/^ছবি/).setInputFiles({
        name: "IMG_0001.jpg",
        mimeType: "image/jpeg",
        buffer: photo,
      });
      await adminPage.getByLabel("ক্যাপশন (বাংলা)").fill("অভিযানের পর নদীর পাড়");
      await adminPage.getByRole("button", { name: "আপলোড করুন" }).click();
      await adminPage.getByText("ছবি যোগ হয়েছে।").waitFor({ timeout: 30_000 });
      await adminPage.getByRole("button", { name: "প্রকাশ করুন" }).click();
      await adminPage.getByRole("button", { name: "প্রকাশ বন্ধ করুন" }).waitFor();

      const visitorContext = await browser.newContext({ viewport: PHONE_VIEWPORT, locale: "bn-BD" });
      const page = await visitorContext.newPage();
      const visitorProblems = watchForProblems(page);
      await page.goto(`${APP_URL}/gallery`);
      await page.getByRole("link", { name: new RegExp(title) }).click();
      const image = page.getByRole("img", { name: "অভিযানের পর নদীর পাড়" });
      await image.waitFor();
      await page.waitForFunction(() =>
        [...document.images].every((img) => img.complete && img.naturalWidth > 0)
      );
      const shown = await image.evaluate((img: HTMLImageElement) => ({
        src: img.currentSrc,
        width: img.naturalWidth,
      }));
      assert.match(shown.src, /-thumb\.(webp|jpg)$/, "a phone loads the thumbnail");
      assert.ok(shown.width <= 400, `thumbnail ${shown.width}px wide`);
      const { data: stored } = await operator.from("gallery_photos").select("width, height").eq(
        "album_id",
        albumId,
      )
        .single();
      assert.deepEqual(
        stored,
        { width: 1600, height: 1200 },
        "the large size, never the 4000 × 3000 original",
      );
      await assertFitsPhoneWidth(page);
      await screenshot(page, "city-gallery-album-360", { fullPage: true });
      await page.goto(`${APP_URL}/gallery`);
      await screenshot(page, "city-gallery-360", { fullPage: true });
      assert.deepEqual([...problems, ...visitorProblems], []);
    } finally {
      if (albumId) {
        const { data: files } = await operator.storage.from("gallery").list(albumId);
        if (files?.length) {
          await operator.storage.from("gallery").remove(
            files.map((file) => `${albumId}/${file.name}`),
          );
        }
        await operator.from("gallery_albums").delete().eq("id", albumId);
      }
    }
  },
);
