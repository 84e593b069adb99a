/**
 * The staff workspace (/admin/complaints/<id>) and the citizen's answer to a resolution, through
 * `createHandler` against the running local stack, as real signed-in people: staff signed in with an SMS
 * code and given roles as a super admin would. Each action works for the role that may take it and is
 * refused, in Bengali, for anyone else (ward admin of another ward, a provider it is not assigned to,
 * forged statuses and assignees), with nothing changed and nothing typed lost.
 */
import assert from "node:assert/strict";
import { API_URL } from "@/devstack/config.ts";
import type { UserSession } from "@/lib/auth/session.ts";
import { appRequest as request } from "../support/app.ts";
import {
  type Citizen,
  jpegBytes,
  setStatus,
  sharedCitizens,
  staff as serviceRole,
} from "../complaints/support.ts";
import { fileComplaint, OTHER_WARD, signInStaff, type StaffMember, WARD } from "./workspace_support.ts";

let people: Promise<Record<"admin" | "otherAdmin" | "provider" | "otherProvider", StaffMember>> | undefined;
/** The staff of these tests, signed in once: ward admins of WARD and OTHER_WARD, two providers of WARD. */
function sharedStaff() {
  return people ??= (async () => {
    const [admin, otherAdmin, provider, otherProvider] = await Promise.all([
      signInStaff("ward_admin", [WARD], "ওয়ার্ড অ্যাডমিন রাশেদ"),
      signInStaff("ward_admin", [OTHER_WARD], "অন্য ওয়ার্ডের অ্যাডমিন"),
      signInStaff("service_provider", [WARD], "সেবাদাতা করিম"),
      signInStaff("service_provider", [WARD], "সেবাদাতা জলিল"),
    ]);
    return { admin, otherAdmin, provider, otherProvider };
  })();
}

const page = (id: string) => `/admin/complaints/${id}`;

/** A form post, as the pages' forms send it. */
function post(path: string, who: { session: UserSession }, fields: Record<string, string>) {
  return request(path, who, { method: "POST", body: new URLSearchParams(fields) });
}

async function complaintRow(id: string) {
  const { data } = await serviceRole.from("complaints")
    .select("status, priority, assigned_to, version, rejection_reason, reopened_count").eq("id", id).single();
  return data!;
}

/** The version the page was drawn with, as its forms carry it. */
function versionIn(html: string): string {
  const version = /name="version" value="(\d+)"/.exec(html)?.[1];
  assert.ok(version, "the forms carry the version");
  return version;
}

/** A complaint filed in WARD and assigned to the provider, as the ward admin would. */
async function assignedComplaint(citizen: Citizen, provider: StaffMember) {
  const filed = await fileComplaint(citizen, WARD);
  await serviceRole.from("complaints").update({ assigned_to: provider.id }).eq("id", filed.id).throwOnError();
  return filed;
}

Deno.test("a ward admin sees everything the citizen sent, the full history, and the desk's forms", async () => {
  const [a, b] = await sharedCitizens();
  const { admin, provider } = await sharedStaff();
  const filed = await fileComplaint(a, WARD, { photos: [jpegBytes(), jpegBytes()] });
  const followed = await request(`/api/complaints/${filed.id}/follow`, b, { method: "POST" });
  assert.equal(followed.status, 200);

  const response = await request(page(filed.id), admin);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("cache-control"), "private, no-store");
  const html = await response.text();
  for (
    const shown of [
      filed.tracking_number,
      "ড্রেন উপচে পড়ছে",
      "বাজারের পাশের ড্রেন উপচে নোংরা পানি রাস্তায় উঠে আসছে।",
      "বাজারের পাশের গলি",
      "ঢাকা উত্তর সিটি কর্পোরেশনের ওয়ার্ড ৪০",
      "https://www.openstreetmap.org/?mlat=23.7806&amp;mlon=90.4193",
      `href="tel:${a.phone}"`,
      "অগ্রাধিকার: মাঝারি",
      "সমাধানের সময়সীমা",
      "১ জন", // one follower
      "এখনো কাউকে দেওয়া হয়নি",
    ]
  ) assert.ok(html.includes(shown), `the workspace shows ${shown}`);
  const photos = html.match(/<img src="([^"]+)"/g)?.filter((img) =>
    img.includes(`${API_URL}/storage/v1/object/sign/`)
  );
  assert.equal(photos?.length, 2, "both photos, signed for the ward admin under Storage RLS");
  const signed = /<img src="([^"]+)"/.exec(html)![1].replaceAll("&amp;", "&");
  assert.equal((await fetch(signed)).status, 200, "and the link opens the photo");

  // Only the steps the workflow allows from "submitted"; the desk's priority and assignment forms.
  const statusOptions = [...html.matchAll(/<option value="(\w+)"[^>]*>[^<]*<\/option>/g)]
    .map((m) => m[1]).filter((value) =>
      ["submitted", "in_progress", "resolved", "closed", "rejected"].includes(value)
    );
  assert.deepEqual(statusOptions, ["in_progress", "resolved", "rejected"]);
  assert.ok(html.includes('name="priority"') && html.includes('name="assignee"'));
  assert.ok(html.includes(`<option value="${provider.id}"`), "the ward's provider is offered");
  assert.ok(
    html.includes("তৈরি উত্তর বেছে নিন") && html.includes("ময়লা সরানো হয়েছে"),
    "the category's templates",
  );

  const english = await (await request(page(filed.id), admin, { headers: { cookie: "lang=en" } })).text();
  for (
    const shown of [
      "Change the status",
      "Internal note",
      "Waste removed",
      "Ward 40, Dhaka North City Corporation",
    ]
  ) {
    assert.ok(english.includes(shown), `in English: ${shown}`);
  }
});

Deno.test("a provider starts and resolves their complaint; priority and assignment are refused in Bengali", async () => {
  const [a] = await sharedCitizens();
  const { provider } = await sharedStaff();
  const filed = await assignedComplaint(a, provider);

  const html = await (await request(page(filed.id), provider)).text();
  assert.ok(
    !html.includes('name="priority"') && !html.includes('name="assignee"'),
    "no desk forms for providers",
  );
  assert.match(html, /<option value="in_progress"/);
  assert.doesNotMatch(html, /<option value="rejected"/);

  const started = await post(page(filed.id), provider, {
    action: "status",
    version: versionIn(html),
    status: "in_progress",
    comment: "কর্মী পাঠানো হয়েছে",
    public: "on",
  });
  assert.equal(started.status, 303);
  assert.equal(started.headers.get("location"), `${page(filed.id)}?saved=status`);
  const after = await (await request(started.headers.get("location")!, provider)).text();
  assert.ok(after.includes("অবস্থা বদলানো হয়েছে।"));
  assert.ok(after.includes("কর্মী পাঠানো হয়েছে") && after.includes("ট্র্যাকিং পাতায় প্রকাশ্য"));

  // A provider's forged posts: the database says no, the page says why, nothing changes.
  const before = await complaintRow(filed.id);
  const priority = await post(page(filed.id), provider, {
    action: "priority",
    version: String(before.version),
    priority: "high",
  });
  assert.equal(priority.status, 403);
  assert.ok((await priority.text()).includes("অগ্রাধিকার বদলাতে পারেন শুধু ওয়ার্ড অ্যাডমিন ও সুপার অ্যাডমিন।"));
  const rejected = await post(page(filed.id), provider, {
    action: "status",
    version: String(before.version),
    status: "rejected",
    comment: "আমাদের কাজ নয়",
  });
  assert.equal(rejected.status, 403);
  const refusedHtml = await rejected.text();
  assert.ok(refusedHtml.includes("আপনার ভূমিকায় অভিযোগটিকে এই অবস্থায় নেওয়া যায় না।"));
  assert.ok(refusedHtml.includes("আমাদের কাজ নয়"), "the comment is kept");
  assert.deepEqual(await complaintRow(filed.id), before, "nothing changed");

  const resolved = await post(page(filed.id), provider, {
    action: "status",
    version: String(before.version),
    status: "resolved",
    comment: "",
  });
  assert.equal(resolved.status, 303);
  assert.equal((await complaintRow(filed.id)).status, "resolved");
});

Deno.test("wrong people: another ward's admin, an unassigned provider, a citizen on /admin", async () => {
  const [a] = await sharedCitizens();
  const { otherAdmin, provider, otherProvider } = await sharedStaff();
  const filed = await assignedComplaint(a, provider);
  const before = await complaintRow(filed.id);

  for (
    const [who, name] of [[otherAdmin, "another ward's admin"], [
      otherProvider,
      "an unassigned provider",
    ]] as const
  ) {
    const shown = await request(page(filed.id), who);
    assert.equal(shown.status, 404, `${name} does not see it`);
    assert.ok((await shown.text()).includes("অভিযোগটি আপনার কাজের এলাকায় নেই"));
    const changed = await post(page(filed.id), who, {
      action: "status",
      version: String(before.version),
      status: "in_progress",
      comment: "",
    });
    assert.equal(changed.status, 404, `${name} cannot change it`);
    assert.ok(
      (await changed.text()).includes(
        "অভিযোগটি আপনার ওয়ার্ডের নয় বা এখন আর আপনার দায়িত্বে নেই, তাই কিছুই বদলানো হয়নি।",
      ),
    );
    const wrote = await post(page(filed.id), who, {
      action: "write",
      version: String(before.version),
      kind: "note",
      body: "আমার নোট",
    });
    assert.equal(wrote.status, 404, `${name} cannot write on it`);
  }
  assert.deepEqual(await complaintRow(filed.id), before, "nothing changed");

  const citizen = await request(page(filed.id), a);
  assert.equal(citizen.status, 403);
  assert.ok((await citizen.text()).includes("এই পাতা শুধু সিটি কর্পোরেশনের কর্মীদের জন্য।"));
  const forged = await post(page(filed.id), a, {
    action: "status",
    version: "1",
    status: "closed",
    comment: "x",
  });
  assert.equal(forged.status, 403);
  assert.deepEqual(await complaintRow(filed.id), before);

  const unknown = await post(page(filed.id), provider, { action: "delete", version: "1" });
  assert.equal(unknown.status, 400);
  const forgedVersion = await post(page(filed.id), provider, { action: "unassign", version: "99999999999" });
  assert.equal(forgedVersion.status, 400);
});

Deno.test("status: the comment rejecting or closing needs, and forged steps the database refuses", async () => {
  const [a] = await sharedCitizens();
  const { admin } = await sharedStaff();
  const filed = await fileComplaint(a, WARD);
  const version = String((await complaintRow(filed.id)).version);

  const noReason = await post(page(filed.id), admin, {
    action: "status",
    version,
    status: "rejected",
    comment: " ",
  });
  assert.equal(noReason.status, 422);
  assert.match(await noReason.text(), /id="field-comment-error"[^>]*>বাতিল করতে কারণ লিখুন/);

  const forged = await post(page(filed.id), admin, {
    action: "status",
    version,
    status: "closed",
    comment: "সরাসরি বন্ধ",
  });
  assert.equal(forged.status, 422, "submitted → closed is not in the workflow");
  const forgedHtml = await forged.text();
  assert.ok(forgedHtml.includes("অভিযোগটিকে এখনকার অবস্থা থেকে ওই অবস্থায় নেওয়া যায় না।"));
  assert.ok(forgedHtml.includes("সরাসরি বন্ধ"), "the comment is kept");
  const bogus = await post(page(filed.id), admin, { action: "status", version, status: "done", comment: "" });
  assert.equal(bogus.status, 422);
  assert.ok((await bogus.text()).includes("তালিকা থেকে নতুন অবস্থা বেছে নিন।"));
  assert.equal((await complaintRow(filed.id)).status, "submitted", "nothing changed");

  const rejected = await post(page(filed.id), admin, {
    action: "status",
    version,
    status: "rejected",
    comment: "জায়গাটি সিটি কর্পোরেশনের বাইরে",
  });
  assert.equal(rejected.status, 303);
  assert.deepEqual(
    [(await complaintRow(filed.id)).status, (await complaintRow(filed.id)).rejection_reason],
    ["rejected", "জায়গাটি সিটি কর্পোরেশনের বাইরে"],
  );
  const citizenPage = await (await request(`/complaints/${filed.id}`, a)).text();
  assert.ok(citizenPage.includes("জায়গাটি সিটি কর্পোরেশনের বাইরে"), "the citizen reads the reason");
  const final = await (await request(page(filed.id), admin)).text();
  assert.ok(final.includes("এই অবস্থা থেকে আপনার ভূমিকায় আর কোনো পরিবর্তন নেই।"));
});

Deno.test("reply and internal note: the note never reaches the citizen or the tracking page", async () => {
  const [a] = await sharedCitizens();
  const { admin } = await sharedStaff();
  const filed = await fileComplaint(a, WARD);
  const html = await (await request(page(filed.id), admin)).text();
  const version = versionIn(html);
  const templateId = /<option value="(\d+)"[^>]*>ময়লা সরানো হয়েছে<\/option>/.exec(html)?.[1];
  assert.ok(templateId);

  // Without a script, "put into the text" comes back with the template after what was typed.
  const templated = await post(page(filed.id), admin, {
    action: "template",
    version,
    template: templateId,
    kind: "reply",
    body: "প্রিয় নাগরিক,",
  });
  assert.equal(templated.status, 200);
  const templatedHtml = await templated.text();
  assert.match(
    templatedHtml,
    /<textarea[^>]*name="body"[^>]*>প্রিয় নাগরিক,\n\nময়লা সরিয়ে জায়গাটি পরিষ্কার করা হয়েছে।<\/textarea>/,
  );
  assert.ok(templatedHtml.includes("তৈরি উত্তরটি লেখায় বসানো হয়েছে।"));

  const note = await post(page(filed.id), admin, {
    action: "write",
    version,
    kind: "note",
    body: "গোপন: চাবি দারোয়ানের কাছে",
    public: "on", // a note is never public, whatever the form says
  });
  assert.equal(note.headers.get("location"), `${page(filed.id)}?saved=note`);
  const reply = await post(page(filed.id), admin, {
    action: "write",
    version,
    kind: "reply",
    body: "ময়লা সরিয়ে জায়গাটি পরিষ্কার করা হয়েছে।",
  });
  assert.equal(reply.headers.get("location"), `${page(filed.id)}?saved=reply`);
  const empty = await post(page(filed.id), admin, { action: "write", version, kind: "reply", body: "  " });
  assert.equal(empty.status, 422);
  assert.ok((await empty.text()).includes("কিছু লিখুন, তারপর পাঠান।"));

  const staffView = await (await request(page(filed.id), admin)).text();
  assert.match(staffView, /data-kind="note"[\s\S]*শুধু কর্মীরা দেখেন[\s\S]*গোপন: চাবি দারোয়ানের কাছে/);
  assert.match(staffView, /data-kind="reply"[\s\S]*ময়লা সরিয়ে জায়গাটি পরিষ্কার করা হয়েছে।/);
  const citizenView = await (await request(`/complaints/${filed.id}`, a)).text();
  assert.ok(citizenView.includes("ময়লা সরিয়ে জায়গাটি পরিষ্কার করা হয়েছে।"), "the citizen reads the reply");
  assert.ok(!citizenView.includes("চাবি দারোয়ানের"), "but not the note");
  const tracking = await (await request(`/track/${filed.tracking_number}`, null)).text();
  assert.ok(!tracking.includes("চাবি দারোয়ানের") && !tracking.includes("ময়লা সরিয়ে"), "nor the tracking page");
});

Deno.test("priority and assignment by the ward admin; forged assignees are refused", async () => {
  const [a] = await sharedCitizens();
  const { admin, otherAdmin, provider } = await sharedStaff();
  const filed = await fileComplaint(a, WARD);
  let version = String((await complaintRow(filed.id)).version);

  const raised = await post(page(filed.id), admin, { action: "priority", version, priority: "high" });
  assert.equal(raised.headers.get("location"), `${page(filed.id)}?saved=priority`);
  version = String((await complaintRow(filed.id)).version);

  const outsider = await post(page(filed.id), admin, { action: "assign", version, assignee: otherAdmin.id });
  assert.equal(outsider.status, 422);
  assert.ok((await outsider.text()).includes("শুধু এই অভিযোগের ওয়ার্ডে নিযুক্ত কোনো সেবাদাতাকে দায়িত্ব দেওয়া যায়।"));
  const malformed = await post(page(filed.id), admin, { action: "assign", version, assignee: "1 OR 1=1" });
  assert.equal(malformed.status, 422);
  assert.ok((await malformed.text()).includes("তালিকা থেকে একজন সেবাদাতা বেছে নিন।"));
  assert.equal((await complaintRow(filed.id)).assigned_to, null, "nothing changed");

  const assigned = await post(page(filed.id), admin, { action: "assign", version, assignee: provider.id });
  assert.equal(assigned.headers.get("location"), `${page(filed.id)}?saved=assign`);
  assert.deepEqual(
    [(await complaintRow(filed.id)).priority, (await complaintRow(filed.id)).assigned_to],
    ["high", provider.id],
  );
  const html = await (await request(page(filed.id), admin)).text();
  assert.ok(html.includes("সেবাদাতা করিম") && html.includes("অগ্রাধিকার: বেশি"));

  const dropped = await post(page(filed.id), admin, { action: "unassign", version: versionIn(html) });
  assert.equal(dropped.headers.get("location"), `${page(filed.id)}?saved=unassign`);
  assert.equal((await complaintRow(filed.id)).assigned_to, null);
});

Deno.test("two staff at once: the save that has not seen the other's change is refused, the comment kept", async () => {
  const [a] = await sharedCitizens();
  const { admin, provider } = await sharedStaff();
  const filed = await assignedComplaint(a, provider);
  // Both open the page at the same version.
  const seen = versionIn(await (await request(page(filed.id), admin)).text());
  assert.equal(versionIn(await (await request(page(filed.id), provider)).text()), seen);

  const first = await post(page(filed.id), provider, {
    action: "status",
    version: seen,
    status: "in_progress",
  });
  assert.equal(first.status, 303);
  const second = await post(page(filed.id), admin, {
    action: "status",
    version: seen,
    status: "rejected",
    comment: "একই অভিযোগ আগেও করা হয়েছে",
  });
  assert.equal(second.status, 409);
  const html = await second.text();
  assert.ok(html.includes("আপনি পাতাটি খোলার পর অন্য কেউ অভিযোগটি বদলেছেন"));
  assert.match(html, /<textarea[^>]*name="comment"[^>]*>একই অভিযোগ আগেও করা হয়েছে<\/textarea>/);
  assert.ok(html.includes("অবস্থা: প্রক্রিয়াধীন"), "the page now shows the other's change");
  assert.notEqual(versionIn(html), seen, "and carries the new version");
  assert.equal((await complaintRow(filed.id)).status, "in_progress", "the first change stands");
});

Deno.test("the citizen confirms a resolution or says it is not fixed, within 7 days; nobody else can", async () => {
  const [a, b] = await sharedCitizens();
  const kept = await fileComplaint(a, WARD, { title: "সমাধান নিশ্চিত" });
  const reopened = await fileComplaint(a, WARD, { title: "সমাধান হয়নি" });
  for (const { id } of [kept, reopened]) {
    await setStatus(id, "in_progress");
    await setStatus(id, "resolved");
  }

  const own = await (await request(`/complaints/${kept.id}`, a)).text();
  assert.ok(own.includes("সমাধান হয়েছে, বন্ধ করুন") && own.includes("সমাধান হয়নি"));
  const stranger = await post(`/complaints/${kept.id}`, b, { action: "confirm" });
  assert.equal(stranger.status, 404, "another citizen cannot even see it");

  const confirmed = await post(`/complaints/${kept.id}`, a, { action: "confirm" });
  assert.equal(confirmed.headers.get("location"), `/complaints/${kept.id}?confirmed=1`);
  assert.equal((await complaintRow(kept.id)).status, "closed");
  const again = await post(`/complaints/${kept.id}`, a, { action: "confirm" });
  assert.equal(again.status, 409);
  assert.ok((await again.text()).includes("সমাধানের পর ৭ দিন পেরিয়ে গেছে"));

  const blank = await post(`/complaints/${reopened.id}`, a, { action: "reopen", reason: "   " });
  assert.equal(blank.status, 422);
  assert.match(await blank.text(), /id="field-reason-error"[^>]*>কী ঠিক হয়নি, তা লিখুন।</);
  const notFixed = await post(`/complaints/${reopened.id}`, a, {
    action: "reopen",
    reason: "ড্রেন আবার বন্ধ হয়ে গেছে",
  });
  assert.equal(notFixed.headers.get("location"), `/complaints/${reopened.id}?reopened=1`);
  assert.deepEqual(
    [(await complaintRow(reopened.id)).status, (await complaintRow(reopened.id)).reopened_count],
    ["in_progress", 1],
  );
  const after = await (await request(`/complaints/${reopened.id}?reopened=1`, a)).text();
  assert.ok(after.includes("অভিযোগটি আবার খোলা হয়েছে।") && after.includes("ড্রেন আবার বন্ধ হয়ে গেছে"));
  assert.ok(!after.includes("সমাধান হয়েছে, বন্ধ করুন"), "no answer forms once it is open again");

  const forged = await post(`/complaints/${reopened.id}`, a, { action: "close" });
  assert.equal(forged.status, 400);
});
