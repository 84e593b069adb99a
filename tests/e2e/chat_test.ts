/**
 * Chat about a complaint end to end in headless Chromium: the citizen on a 360 px phone and the ward admin
 * at a desktop have the chat open; what one sends (a plain form post) appears on the other's screen without a
 * reload, a photo too; a message read while the chat is open is marked read, and the writer's "seen" mark
 * appears live. Screenshot: test-output/screenshots/chat-phone.png.
 */
import type { Browser, Page } from "playwright-core";
import { APP_URL } from "@/devstack/config.ts";
import assert from "node:assert/strict";
import {
  assertFitsPhoneWidth,
  browserTest,
  browserTestWithAndWithoutJavaScript,
  cameraPhoto,
  PHONE_VIEWPORT,
  screenshot,
  signedInContext,
  signedInPage,
  watchForProblems,
} from "../support/browser.ts";
import { asOperator } from "@/devstack/testing/db.ts";
import { signUpCitizen } from "../complaints/support.ts";
import { fileComplaint, signInStaff, WARD } from "../staff/workspace_support.ts";
import { operator } from "../staff/support.ts";

/** Waits until the citizen has read the conversation up to the latest message (the island said so). */
async function citizenReadLatest(complaintId: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { data } = await operator.from("conversations")
      .select("citizen_read_at, chat_messages(created_at)").eq("complaint_id", complaintId)
      .order("id", { referencedTable: "chat_messages", ascending: false })
      .limit(1, { referencedTable: "chat_messages" }).single().throwOnError();
    const { citizen_read_at: readAt, chat_messages: [latest] } = data as {
      citizen_read_at: string | null;
      chat_messages: { created_at: string }[];
    };
    if (readAt && Date.parse(readAt) >= Date.parse(latest.created_at)) return;
    assert.ok(Date.now() < deadline, "the citizen's open chat did not mark the new message read");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The "seen" mark on one's own message with this text. */
function seenMark(page: Page, text: string) {
  return page.locator('li[data-own="true"]').filter({ hasText: text }).getByText("দেখেছেন");
}

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
  // Read on arrival, with the page open and visible: no reload.
  await citizenReadLatest(filed.id);
  await seenMark(desk, "কাল সকালে বাতি বদলানো হবে।").waitFor({ timeout: 10_000 });
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

  // With the citizen away, the admin's new message stays unseen; it turns "seen" on the admin's open page
  // the moment the citizen opens the chat.
  await desk.locator('[data-live="true"]').last().waitFor();
  await send(desk, "কাজ শেষ হলে জানাব।");
  await desk.locator('[data-live="true"]').last().waitFor();
  assert.equal(await seenMark(desk, "কাজ শেষ হলে জানাব।").count(), 0, "not seen while the citizen is away");
  const back = await chatPage(browser, citizen, PHONE_VIEWPORT, path);
  await seenMark(desk, "কাজ শেষ হলে জানাব।").waitFor({ timeout: 10_000 });
  await back.context().close();
  await desk.context().close();
});

/**
 * `count` messages in the complaint's chat, alternately from the citizen and the admin, written as each of
 * them (the chat's triggers stamp sender and time) and then backdated a second apart, so the flood limit
 * (10 a minute) does not stop the setup.
 */
async function writeHistory(complaintId: string, people: string[], count: number): Promise<void> {
  await asOperator((sql) =>
    sql.begin(async (tx) => {
      const as = (id: string) =>
        tx`select set_config('request.jwt.claims', ${JSON.stringify({ sub: id })}, true)`;
      await as(people[0]);
      const [{ id: conversation }] = await tx<
        { id: string }[]
      >`select public.open_conversation(${complaintId}) as id`;
      for (let n = 1; n <= count; n++) {
        await as(people[n % people.length]);
        const [{ id }] = await tx<{ id: number }[]>`
          insert into public.chat_messages (conversation_id, body) values (${conversation}, ${`বার্তা নং ${n}`})
          returning id`;
        await tx`update public.chat_messages set created_at = now() - interval '1 hour' + make_interval(secs => ${n})
                  where id = ${id}`;
      }
    })
  );
}

browserTestWithAndWithoutJavaScript(
  "the chat's history pages back through older messages: none twice, none missing",
  "the chat's history pages back without JavaScript too",
  async (browser, { javaScript }) => {
    const citizen = await signUpCitizen();
    const [admin, filed] = await Promise.all([
      signInStaff("ward_admin", [WARD], "ওয়ার্ড অ্যাডমিন"),
      fileComplaint(citizen, WARD, { title: "পুরনো আলাপ" }),
    ]);
    const total = 65; // three pages of 30: 30, 30 and the oldest 5
    await writeHistory(filed.id, [citizen.session.user.id, admin.session.user.id], total);
    const context = await signedInContext(browser, citizen.session, {
      viewport: PHONE_VIEWPORT,
      javaScriptEnabled: javaScript,
    });
    const page = await context.newPage();
    await page.goto(`${APP_URL}/complaints/${filed.id}/chat`);
    const pages: string[][] = [];
    for (;;) {
      pages.push(await page.locator("ol > li[data-own] p.text-lg").allInnerTexts());
      const older = page.getByRole("link", { name: "আগের বার্তা", exact: true });
      if (await older.count() === 0) break;
      await older.click();
      await page.waitForLoadState("load");
      assert.match(page.url(), /\?before=\d+$/);
      await page.getByRole("link", { name: "সাম্প্রতিক বার্তায় ফিরুন" }).waitFor();
    }
    assert.deepEqual(pages.map((shown) => shown.length), [30, 30, 5]);
    const oldestFirst = pages.reverse().flat();
    assert.deepEqual(
      oldestFirst,
      Array.from({ length: total }, (_, i) => `বার্তা নং ${i + 1}`),
      "every message once, in order",
    );
    await context.close();
  },
);
