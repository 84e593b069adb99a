/**
 * The chat page of a complaint through the app, without JavaScript: the citizen and the ward's admin write
 * with plain form posts and read each other; followers and other citizens get a 404; bad input (too long,
 * empty, script) and flooding are refused with a clear Bengali message and nothing stored.
 */
import assert from "node:assert/strict";
import { operator, page, request, sessionOf, signUp } from "../staff/support.ts";
import { fileComplaint, WARD } from "../staff/workspace_support.ts";
import { appRequest } from "../support/app.ts";
import { jpegBytes } from "../complaints/support.ts";

async function setUp() {
  const [citizen, admin, follower] = await Promise.all([
    signUp("নাগরিক"),
    signUp("ওয়ার্ড প্রশাসক", "ward_admin", [WARD]),
    signUp("অনুসরণকারী"),
  ]);
  const complaint = await fileComplaint({ phone: citizen.phone, session: sessionOf(citizen) }, WARD);
  await operator.from("complaint_followers").insert({ complaint_id: complaint.id, citizen_id: follower.id })
    .throwOnError();
  return { citizen, admin, follower, complaint, path: `/complaints/${complaint.id}/chat` };
}

async function storedMessages(complaintId: string): Promise<string[]> {
  const { data } = await operator.from("conversations").select("chat_messages(body, id)")
    .eq("complaint_id", complaintId).maybeSingle().throwOnError();
  const messages = (data as { chat_messages: { body: string; id: number }[] } | null)?.chat_messages ?? [];
  return messages.sort((a, b) => a.id - b.id).map((message) => message.body);
}

Deno.test("the citizen and the ward admin chat with form posts; the other side is notified", async () => {
  const { citizen, admin, path, complaint } = await setUp();
  const sent = await request(path, citizen, [["body", "কবে পরিষ্কার হবে?"]]);
  assert.equal(sent.status, 303);
  assert.equal(sent.headers.get("location"), `${path}#latest`);

  const staffView = await page(path, admin);
  assert.equal(staffView.status, 200);
  assert.ok(staffView.html.includes("কবে পরিষ্কার হবে?"));
  assert.ok(
    staffView.html.includes(`href="/admin/complaints/${complaint.id}"`),
    "staff go back to the workspace",
  );
  assert.equal((await request(path, admin, [["body", "আজ বিকেলে কর্মী যাবে।"]])).status, 303);

  const citizenView = await page(path, citizen);
  assert.ok(citizenView.html.indexOf("কবে পরিষ্কার হবে?") < citizenView.html.indexOf("আজ বিকেলে কর্মী যাবে।"));
  assert.ok(citizenView.html.includes("দেখেছেন"), "the staff member has seen the citizen's message");
  const notifications = await page("/notifications", citizen);
  assert.ok(notifications.html.includes("নতুন চ্যাট বার্তা"));
  const adminNotifications = await page("/notifications", admin);
  assert.ok(
    adminNotifications.html.includes(`href="${path}"`),
    "the complaint has nobody assigned: its ward's admin was told of the citizen's message",
  );
});

Deno.test("followers and other citizens cannot open or write into the chat", async () => {
  const { follower, path, complaint } = await setUp();
  const stranger = await signUp("অন্য নাগরিক");
  for (const outsider of [follower, stranger]) {
    assert.equal((await page(path, outsider)).status, 404);
    assert.equal((await request(path, outsider, [["body", "আমিও বলি"]])).status, 404);
  }
  assert.deepEqual(await storedMessages(complaint.id), []);
  assert.ok(!(await page(`/complaints/${complaint.id}`, follower)).html.includes("/chat"), "no chat link");
  // An address that is no complaint id at all (the fuzz suite's NUL) is not found either.
  for (const id of ["%00", "not-an-id"]) {
    assert.equal((await page(`/complaints/${id}/chat`, stranger)).status, 404);
  }
});

Deno.test("too long, empty and flooding are refused with a message; script is shown as text", async () => {
  const { citizen, path, complaint } = await setUp();
  const long = await request(path, citizen, [["body", "ক".repeat(2001)]]);
  assert.equal(long.status, 422);
  const longHtml = await long.text();
  assert.ok(longHtml.includes("বার্তা ২০০০ অক্ষরের বেশি হতে পারবে না।"));
  assert.ok(longHtml.includes("ক".repeat(2001)), "the draft is kept to shorten");
  const empty = await request(path, citizen, [["body", "   "]]);
  assert.equal(empty.status, 422);
  assert.ok((await empty.text()).includes("বার্তা লিখুন।"));

  assert.equal((await request(path, citizen, [["body", "<script>alert(1)</script>"]])).status, 303);
  const shown = (await page(path, citizen)).html;
  assert.ok(shown.includes("&lt;script>alert(1)&lt;/script>"), "shown as text");
  assert.ok(!shown.includes("<script>alert(1)"));

  for (let i = 2; i <= 10; i++) {
    assert.equal((await request(path, citizen, [["body", `বার্তা ${i}`]])).status, 303);
  }
  const flood = await request(path, citizen, [["body", "আরও একটি"]]);
  assert.equal(flood.status, 429);
  assert.ok((await flood.text()).includes("অনেক বার্তা পাঠিয়েছেন। এক মিনিট পর আবার চেষ্টা করুন।"));
  const stored = await storedMessages(complaint.id);
  assert.equal(stored.length, 10);
  assert.ok(!stored.includes("আরও একটি"));
});

Deno.test("staff start a message from a ready-made reply without JavaScript; citizens have none", async () => {
  const { citizen, admin, path } = await setUp();
  const { data: template } = await operator.from("response_templates").select("id, body_bn")
    .eq("title_bn", "পরিদর্শন").single().throwOnError();
  const staffPage = await page(path, admin);
  assert.ok(staffPage.html.includes(`name="template"`));
  const picked = await request(path, admin, [["body", ""], ["template", String(template!.id)], [
    "use_template",
    "1",
  ]]);
  assert.equal(picked.status, 200);
  assert.ok(
    (await picked.text()).includes(`>${template!.body_bn}</textarea>`),
    "the reply is in the message box",
  );

  assert.ok(
    !(await page(path, citizen)).html.includes(`name="template"`),
    "citizens see no ready-made replies",
  );
  const tried = await request(path, citizen, [["body", "আমার লেখা"], ["template", String(template!.id)], [
    "use_template",
    "1",
  ]]);
  assert.ok(!(await tried.text()).includes(template!.body_bn), "and cannot fetch one");
});

Deno.test("help chat: a citizen asks without a complaint; their ward's admin answers from the queue", async () => {
  const [citizen, admin, otherAdmin, provider] = await Promise.all([
    signUp("নাগরিক"),
    signUp("ওয়ার্ড প্রশাসক", "ward_admin", [WARD]),
    signUp("অন্য ওয়ার্ডের প্রশাসক", "ward_admin", [WARD + 1]),
    signUp("সেবাদাতা", "service_provider", [WARD]),
  ]);
  const noWard = await page("/help", citizen);
  assert.equal(noWard.status, 422);
  assert.ok(noWard.html.includes("সহায়তা চ্যাটের আগে প্রোফাইলে আপনার ওয়ার্ড বেছে নিন।"));

  await operator.from("profiles").update({ ward_id: WARD }).eq("id", citizen.id).throwOnError();
  assert.equal((await request("/help", citizen, [["body", "আমাদের গলিতে ময়লার গাড়ি কবে আসে?"]])).status, 303);

  const queue = await page("/admin/help", admin);
  const link = /href="(\/admin\/help\/[0-9a-f-]{36})"/.exec(queue.html)?.[1];
  assert.ok(link, "the help chat is in the ward admin's queue");
  const told = await page("/notifications", admin);
  assert.ok(told.html.includes("নতুন চ্যাট বার্তা"), "the ward's admin is notified of the question");
  assert.ok(told.html.includes(`href="${link}"`), "and the notification leads to it in the queue");
  assert.ok(!(await page("/notifications", otherAdmin)).html.includes("নতুন চ্যাট বার্তা"), "not another ward's");
  assert.ok(queue.html.includes("উত্তরের অপেক্ষায়"));
  assert.ok((await page(link, admin)).html.includes("আমাদের গলিতে ময়লার গাড়ি কবে আসে?"));
  assert.equal((await request(link, admin, [["body", "প্রতিদিন সকাল ৭টায়।"]])).status, 303);
  assert.ok((await page("/help", citizen)).html.includes("প্রতিদিন সকাল ৭টায়।"));

  assert.ok(!(await page("/admin/help", otherAdmin)).html.includes(link), "not in another ward's queue");
  assert.equal((await page(link, otherAdmin)).status, 404);
  assert.equal((await page(link, provider)).status, 404, "service providers work assignments, not the inbox");
  assert.equal((await request(link, otherAdmin, [["body", "হ্যালো"]])).status, 404);
});

Deno.test("a photo in the chat: the other side sees it, a follower cannot fetch it, a fake photo is refused", async () => {
  const { citizen, admin, follower, path } = await setUp();
  const post = (form: FormData) =>
    appRequest(path, { session: sessionOf(citizen) }, { method: "POST", body: form });
  const real = new FormData();
  real.set("body", "");
  real.set("photo", new File([jpegBytes()], "drain.jpg", { type: "image/jpeg" }));
  assert.equal((await post(real)).status, 303, "a photo alone is a message");

  const staffView = (await page(path, admin)).html;
  const link = /<img src="([^"]+)" alt="চ্যাটে পাঠানো ছবি"/.exec(staffView)?.[1]?.replaceAll("&amp;", "&");
  assert.ok(link, "the ward admin sees the photo");
  assert.equal((await fetch(link)).status, 200);

  const { data: message } = await operator.from("chat_messages").select("id, photo_path").not(
    "photo_path",
    "is",
    null,
  )
    .eq("sender_id", citizen.id).single().throwOnError();

  // A photo that arrived live: the island shows /api/chat/photos/<id>, which sends its reader on to a link.
  const livePhoto = `/api/chat/photos/${message!.id}`;
  const forAdmin = await request(livePhoto, admin);
  assert.equal(forAdmin.status, 303);
  assert.equal((await fetch(forAdmin.headers.get("location")!)).headers.get("content-type"), "image/jpeg");
  assert.equal((await request(livePhoto, follower)).status, 404, "a follower is not sent to it");
  assert.equal((await request(livePhoto, null)).status, 401, "a visitor is told to sign in");
  assert.equal((await request("/api/chat/photos/abc", admin)).status, 404);
  const asFollower = await follower.client.storage.from("complaint-photos").createSignedUrl(
    message!.photo_path,
    60,
  );
  assert.ok(asFollower.error, "a follower cannot get a link to it");

  const fake = new FormData();
  fake.set("body", "দেখুন");
  fake.set(
    "photo",
    new File([new TextEncoder().encode("<svg onload=alert(1)>")], "x.jpg", { type: "image/jpeg" }),
  );
  const refused = await post(fake);
  assert.equal(refused.status, 422);
  assert.ok(
    (await refused.text()).includes("শুধু JPG, PNG বা WebP ছবি দিন।"),
    "a file that is not a photo is refused",
  );
  const { count } = await operator.from("chat_messages").select("id", { count: "exact", head: true })
    .eq("sender_id", citizen.id).throwOnError();
  assert.equal(count, 1, "nothing of it was stored");
});

Deno.test("a refused message leaves no photo behind in storage", async () => {
  const { citizen, complaint, path } = await setUp();
  const post = (body: string, bytes = jpegBytes()) => {
    const form = new FormData();
    form.set("body", body);
    form.set("photo", new File([bytes], "drain.jpg", { type: "image/jpeg" }));
    return appRequest(path, { session: sessionOf(citizen) }, { method: "POST", body: form });
  };
  const kept = jpegBytes();
  assert.equal((await post("প্রথম ছবি", kept)).status, 303);
  const { data: conversation } = await operator.from("conversations").select("id")
    .eq("complaint_id", complaint.id).single().throwOnError();
  const folder = `${citizen.id}/chat-${conversation!.id}`;
  const objects = async () => {
    const { data, error } = await operator.storage.from("complaint-photos").list(folder);
    assert.equal(error, null);
    return data!.map((object) => `${folder}/${object.name}`).sort();
  };
  const photoPaths = async () => {
    const { data } = await operator.from("chat_messages").select("photo_path")
      .eq("conversation_id", conversation!.id).not("photo_path", "is", null).throwOnError();
    return data!.map((row) => row.photo_path as string).sort();
  };
  assert.equal((await objects()).length, 1);

  for (let i = 2; i <= 9; i++) {
    assert.equal((await request(path, citizen, [["body", `বার্তা ${i}`]])).status, 303);
  }
  // Three photos at once with room for one more message: one goes, the others are refused as too many,
  // whether before their upload or after it.
  const racing = await Promise.all([post("ক"), post("খ"), post("গ")]);
  assert.deepEqual(racing.map((response) => response.status).sort(), [303, 429, 429]);
  await Promise.all(racing.map((response) => response.body?.cancel()));
  assert.deepEqual(await objects(), await photoPaths(), "only the photos of sent messages are stored");
  assert.equal((await objects()).length, 2);

  // Over the limit: refused before anything is uploaded.
  const flood = await post("আরও একটি ছবি");
  assert.equal(flood.status, 429);
  assert.ok((await flood.text()).includes("অনেক বার্তা পাঠিয়েছেন। এক মিনিট পর আবার চেষ্টা করুন।"));
  // The photo of a message already sent, refused when sent again, stays with the first message.
  assert.equal((await post("আবার সেই ছবি", kept)).status, 429);
  assert.deepEqual(await objects(), await photoPaths());
  assert.equal((await objects()).length, 2);
});
