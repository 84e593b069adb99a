/**
 * Chat about a complaint end to end in headless Chromium: the citizen on a 360 px phone and the ward admin
 * at a desktop have the chat open; what one sends (a plain form post) appears on the other's screen without a
 * reload, a photo too. Screenshot: test-output/screenshots/chat-phone.png.
 */
import type { Browser, Page } from "playwright-core";
import { APP_URL } from "@/devstack/config.ts";
import assert from "node:assert/strict";
import {
  assertFitsPhoneWidth,
  browserTest,
  cameraPhoto,
  PHONE_VIEWPORT,
  screenshot,
  signedInPage,
  watchForProblems,
} from "../support/browser.ts";
import { signUpCitizen } from "../complaints/support.ts";
import { fileComplaint, signInStaff, WARD } from "../staff/workspace_support.ts";

async function chatPage(
  browser: Browser,
  who: { session: { accessToken: string } },
  viewport: typeof PHONE_VIEWPORT,
  path: string,
): Promise<Page> {
  const page = await signedInPage(browser, who.session, viewport);
  await page.goto(`${APP_URL}${path}`);
  await page.locator('[data-live="true"]').last().waitFor();
  return page;
}

async function send(page: Page, text: string) {
  await page.getByLabel("বার্তা", { exact: true }).fill(text);
  await page.getByRole("button", { name: "পাঠান", exact: true }).click();
  await page.waitForLoadState("load");
}

browserTest("a citizen and a ward admin chat about a complaint, live on both sides", async (browser) => {
  const citizen = await signUpCitizen();
  const [admin, filed] = await Promise.all([
    signInStaff("ward_admin", [WARD], "ওয়ার্ড অ্যাডমিন রাশেদ"),
    fileComplaint(citizen, WARD, { title: "গলির বাতি নষ্ট" }),
  ]);
  const path = `/complaints/${filed.id}/chat`;
  const phone = await chatPage(browser, citizen, PHONE_VIEWPORT, path);
  const problems = watchForProblems(phone);
  const desk = await chatPage(browser, admin, { width: 1366, height: 900 }, path);

  await send(desk, "কাল সকালে বাতি বদলানো হবে।");
  await phone.getByText("কাল সকালে বাতি বদলানো হবে।").waitFor({ timeout: 10_000 });
  await desk.locator('[data-live="true"]').last().waitFor();
  await send(phone, "ধন্যবাদ! মোড়ের দ্বিতীয় খুঁটিটি।");
  await desk.getByText("ধন্যবাদ! মোড়ের দ্বিতীয় খুঁটিটি।").waitFor({ timeout: 10_000 });

  // A photo arrives live, and shows (its link signed for the reader by the app), not "reload to see".
  await phone.locator('[data-live="true"]').last().waitFor(); // listening again after its own post
  await desk.getByLabel("ছবি (ঐচ্ছিক)").setInputFiles({
    name: "pole.jpg",
    mimeType: "image/jpeg",
    buffer: await cameraPhoto(desk, 800, 600),
  });
  await send(desk, "এই খুঁটিটি?");
  const livePhoto = phone.locator('[data-live="true"] img[alt="চ্যাটে পাঠানো ছবি"]');
  await livePhoto.waitFor({ state: "attached", timeout: 10_000 });
  await livePhoto.scrollIntoViewIfNeeded(); // it loads lazily
  await phone.waitForFunction(
    () =>
      [...document.querySelectorAll<HTMLImageElement>('[data-live="true"] img')].some((img) =>
        img.naturalWidth > 0
      ),
  );
  assert.match((await livePhoto.getAttribute("src"))!, /^\/api\/chat\/photos\/\d+(\?|$)/);

  await phone.reload();
  await phone.getByText("কাল সকালে বাতি বদলানো হবে।").waitFor();
  await assertFitsPhoneWidth(phone);
  await screenshot(phone, "chat-phone", { fullPage: true });
  assert.deepEqual(problems, [], "no script errors or CSP violations");
  await phone.context().close();
  await desk.context().close();
});
