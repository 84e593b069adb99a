/**
 * The notification pages as a citizen sees them (no JavaScript): the bell's count in the header of every
 * page, the list, mark read and mark all read as form posts, the SMS settings form; and what the status
 * change of their complaint does: a notification and, by default, a Bengali SMS in the dev inbox, none with
 * SMS turned off.
 */
import assert from "node:assert/strict";
import { inboxMessages } from "@/devstack/testing/auth.ts";
import { asOperator } from "@/devstack/testing/db.ts";
import { staffUpdate } from "./support.ts";
import { operator, page, request, signUp } from "../staff/support.ts";
import { fileComplaint, WARD } from "../staff/workspace_support.ts";
import { sessionOf } from "../staff/support.ts";

/** The unread count the header's bell shows on `html`. */
function bellCount(html: string): number {
  const match =
    /href="\/notifications"[^>]*data-unread="(\d+)"|data-unread="(\d+)"[^>]*href="\/notifications"/
      .exec(html);
  assert.ok(match, "the header has the bell");
  return Number(match[1] ?? match[2]);
}

/** The texts to `phone` other than its sign-in code. */
async function notificationSms(phone: string): Promise<string[]> {
  return (await inboxMessages(phone)).map((message) => message.body).filter((body) => !body.includes("কোড"));
}

async function waitForSms(phone: string, count: number): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const bodies = await notificationSms(phone);
    if (bodies.length >= count) return bodies;
    assert.ok(Date.now() < deadline, `expected ${count} SMS to ${phone}, got ${bodies.length}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

Deno.test("a status change lights the bell, lists a Bengali notification and texts the citizen once", async () => {
  const [citizen, admin] = await Promise.all([signUp("নাগরিক"), signUp("ওয়ার্ড প্রশাসক", "ward_admin", [WARD])]);
  const complaint = await fileComplaint({ phone: citizen.phone, session: sessionOf(citizen) }, WARD);
  assert.equal(bellCount((await page("/", citizen)).html), 0);
  // Status SMS stay on; quiet hours off, so the text does not wait for the morning in Dhaka.
  await request("/notifications/settings", citizen, [["sms_status_mine", "on"]]);

  await staffUpdate(admin, complaint.id, "in_progress");
  const home = await page("/", citizen);
  assert.equal(bellCount(home.html), 1, "the bell counts the new notification on every page");
  assert.match(home.html, /aria-label="বিজ্ঞপ্তি, ১টি অপঠিত"/);

  const list = await page("/notifications", citizen);
  assert.equal(list.status, 200);
  assert.ok(list.html.includes(`আপনার অভিযোগ ${complaint.tracking_number} এখন: প্রক্রিয়াধীন`));
  assert.ok(list.html.includes(`href="/complaints/${complaint.id}"`));

  const [sms] = await waitForSms(citizen.phone, 1);
  assert.equal(sms, `ক্লিন কেয়ার: আপনার অভিযোগ ${complaint.tracking_number} এখন কাজ চলছে।`);

  const marked = await request("/notifications", citizen, [["all", "1"]]);
  assert.equal(marked.status, 303);
  assert.equal(bellCount((await page("/notifications", citizen)).html), 0, "mark all read empties the bell");
});

Deno.test("with status SMS turned off a change notifies in the app but sends no SMS", async () => {
  const [citizen, admin] = await Promise.all([signUp("নাগরিক"), signUp("ওয়ার্ড প্রশাসক", "ward_admin", [WARD])]);
  const complaint = await fileComplaint({ phone: citizen.phone, session: sessionOf(citizen) }, WARD);

  const settings = await page("/notifications/settings", citizen);
  assert.match(settings.html, /name="sms_status_mine" checked/, "status SMS are on by default");
  const saved = await request("/notifications/settings", citizen, [["quiet_hours", "on"]]);
  assert.equal(saved.status, 303);
  const after = await page("/notifications/settings?saved=1", citizen);
  assert.doesNotMatch(after.html, /name="sms_status_mine" checked/);
  assert.match(after.html, /name="quiet_hours" checked/);
  assert.ok(after.html.includes("সংরক্ষণ করা হয়েছে।"));

  await staffUpdate(admin, complaint.id, "in_progress");
  assert.equal(bellCount((await page("/", citizen)).html), 1);
  // The notification's SMS would have been queued in the same transaction: give delivery a moment.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  assert.deepEqual(await notificationSms(citizen.phone), [], "no SMS reached the number");
});

Deno.test("mark read takes one notification; someone else's id changes nothing", async () => {
  const [citizen, other, admin] = await Promise.all([
    signUp("নাগরিক"),
    signUp("অন্য নাগরিক"),
    signUp("ওয়ার্ড প্রশাসক", "ward_admin", [WARD]),
  ]);
  const complaint = await fileComplaint({ phone: citizen.phone, session: sessionOf(citizen) }, WARD);
  await staffUpdate(admin, complaint.id, "in_progress");
  await staffUpdate(admin, complaint.id, "resolved");
  const list = await page("/notifications", citizen);
  const ids = [...list.html.matchAll(/name="id" value="(\d+)"/g)].map((match) => match[1]);
  assert.equal(ids.length, 2);

  await request("/notifications", other, [["id", ids[0]]]);
  assert.equal(bellCount((await page("/", citizen)).html), 2, "another person cannot mark them read");
  await request("/notifications", citizen, [["id", ids[0]]]);
  assert.equal(bellCount((await page("/", citizen)).html), 1);
  assert.equal((await page("/notifications", null)).status, 303, "visitors are sent to sign in");
});

Deno.test("watching a ward: each new complaint there is listed, linked to its public tracking page", async () => {
  const [watcher, filer] = await Promise.all([signUp("পাড়ার বাসিন্দা"), signUp("নাগরিক")]);
  assert.equal(
    (await request("/notifications/settings", watcher, [["action", "watch"], ["ward_id", String(WARD)], [
      "channel",
      "in_app",
    ]])).status,
    303,
  );
  const settings = await page("/notifications/settings", watcher);
  assert.ok(
    settings.html.includes(
      `name="action" value="unwatch"/><input type="hidden" name="ward_id" value="${WARD}"`,
    ),
    "the watched ward is listed, with a way to stop",
  );
  const refused = await request("/notifications/settings", watcher, [["action", "watch"], [
    "ward_id",
    "99999",
  ], [
    "channel",
    "in_app",
  ]]);
  assert.equal(refused.status, 422);
  assert.ok((await refused.text()).includes("একটি ওয়ার্ড ও জানানোর উপায় বেছে নিন।"));

  const complaint = await fileComplaint({ phone: filer.phone, session: sessionOf(filer) }, WARD);
  const list = await page("/notifications", watcher);
  assert.ok(list.html.includes(`আপনার দেখা ওয়ার্ডে নতুন অভিযোগ ${complaint.tracking_number}`));
  assert.ok(list.html.includes(`href="/track/${complaint.tracking_number}"`));

  await request("/notifications/settings", watcher, [["action", "unwatch"], ["ward_id", String(WARD)]]);
  await fileComplaint({ phone: filer.phone, session: sessionOf(filer) }, WARD);
  assert.equal(bellCount((await page("/", watcher)).html), 1, "no more alerts after unwatching");
});

Deno.test("an urgent notice for my ward is listed in my notifications, linked to the notice", async () => {
  const [citizen, admin] = await Promise.all([
    signUp("ওয়ার্ডের বাসিন্দা"),
    signUp("ওয়ার্ড অফিস", "ward_admin", [WARD]),
  ]);
  await operator.from("profiles").update({ ward_id: WARD }).eq("id", citizen.id).throwOnError();
  const title = `জরুরি: পানি বন্ধ ${crypto.randomUUID().slice(0, 4)}`;
  const { data: notice } = await admin.client.from("notices")
    .insert({ title_bn: title, body_bn: "আজ রাতে পানি থাকবে না।", ward_ids: [WARD], urgent: true })
    .select("id").single().throwOnError();
  // What the minute job (pg_cron: announce-urgent-notices) does next.
  await asOperator((sql) => sql`select private.announce_urgent_notices()`);
  const list = await page("/notifications", citizen);
  assert.ok(list.html.includes(`href="/notices/${notice!.id}"`), "linked to the notice");
  assert.ok(list.html.includes(`জরুরি নোটিশ: ${title}`), "named by its title, in Bengali");
});
