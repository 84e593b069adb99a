/**
 * The complaint pages and their API through `createHandler`, against the running local stack, as real
 * signed-in citizens: filing without JavaScript (multipart, photos through the server) and the island's
 * JSON protocol (photos first, then the form), idempotent retries, errors in Bengali next to the field,
 * nothing half-saved, the list, the detail page, following, and the public tracking pages.
 */
import assert from "node:assert/strict";
import { API_URL } from "@/devstack/config.ts";
import { PHOTO_BUCKET } from "@/lib/complaints/repository.ts";
import { appRequest as request } from "../support/app.ts";
import { carriesLocation, gpsWebp } from "../support/gps_photos.ts";
import {
  type Citizen,
  complaintForm,
  jpegBytes,
  randomSpot,
  setStatus,
  sharedCitizens,
  staff,
} from "./support.ts";

function spotFields(): { latitude: string; longitude: string } {
  const { latitude, longitude } = randomSpot();
  return { latitude: String(latitude), longitude: String(longitude) };
}

/** The objects Storage holds in a submission's folder. */
async function storedPhotos(citizen: Citizen, requestId: string): Promise<string[]> {
  const { data, error } = await staff.storage.from(PHOTO_BUCKET).list(
    `${citizen.session.user.id}/${requestId}`,
  );
  assert.equal(error, null);
  return data!.map((object) => object.name);
}

async function complaintsOf(citizen: Citizen, requestId: string) {
  const { data } = await staff.from("complaints").select("id, tracking_number")
    .eq("citizen_id", citizen.session.user.id).eq("client_request_id", requestId);
  return data!;
}

Deno.test("the form needs a signed-in person and works as a plain multipart form", async () => {
  const anonymous = await request("/complaints/new", null);
  assert.equal(anonymous.status, 303);
  assert.equal(anonymous.headers.get("location"), "/login?next=%2Fcomplaints%2Fnew");

  const [a] = await sharedCitizens();
  const response = await request("/complaints/new", a);
  assert.equal(response.status, 200);
  const html = await response.text();
  assert.match(
    html,
    /<form[^>]*method="post"[^>]*action="\/complaints\/new"[^>]*enctype="multipart\/form-data"/,
  );
  assert.match(html, /name="client_request_id" value="[0-9a-f-]{36}"/);
  assert.equal(html.match(/type="radio" name="category"/g)?.length, 6);
  assert.equal(html.match(/<option value="\d+">/g)?.length, 129);
  assert.match(html, /<optgroup label="ঢাকা উত্তর সিটি কর্পোরেশন">/);
  assert.match(html, /type="file" name="photos"[^>]*multiple/);
  // Named by the fieldset's visible legend, for screen readers that announce the control alone.
  assert.match(html, /<legend id="field-photos-label"[^>]*>ছবি/);
  assert.match(html, /type="file" name="photos"[^>]*aria-labelledby="field-photos-label"/);
  assert.ok(html.includes("অভিযোগ জমা দিন"));
});

Deno.test("the form speaks English when the reader chose it", async () => {
  const [a] = await sharedCitizens();
  const html = await (await request("/complaints/new", a, { headers: { cookie: "lang=en" } })).text();
  assert.match(html, /<html lang="en"/);
  for (const text of ["Submit complaint", "Waste management", "Dhaka South City Corporation", ">Ward 75<"]) {
    assert.ok(html.includes(text), `missing ${text}`);
  }
});

Deno.test("without JavaScript: filed with two photos through the server; a double submit files once", async () => {
  const [a] = await sharedCitizens();
  const form = complaintForm({}, [jpegBytes(), jpegBytes()]);
  const requestId = String(form.get("client_request_id"));

  const filed = await request("/complaints/new", a, { method: "POST", body: form });
  assert.equal(filed.status, 303);
  const location = filed.headers.get("location")!;
  assert.match(location, /^\/complaints\/[0-9a-f-]{36}\?filed=1$/);
  const again = await request("/complaints/new", a, { method: "POST", body: form });
  assert.equal(
    again.headers.get("location"),
    location,
    "the second press of the button lands on the same complaint",
  );
  assert.equal((await complaintsOf(a, requestId)).length, 1);
  assert.equal((await storedPhotos(a, requestId)).length, 2);

  const page = await request(location, a);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get("cache-control"), "private, no-store");
  const html = await page.text();
  assert.ok(html.includes("ডাস্টবিন উপচে পড়ছে"));
  assert.ok(html.includes("আপনার অভিযোগ জমা হয়েছে"));
  assert.ok(html.includes("জমা দেওয়া হয়েছে"), "status in Bengali");
  assert.ok(html.includes("ঢাকা উত্তর সিটি কর্পোরেশনের ওয়ার্ড ৭"));
  const signedPhotoUrls = html.match(/<img src="([^"]+)"/g)?.filter((img) =>
    img.includes(`${API_URL}/storage/v1/object/sign/`)
  );
  assert.equal(signedPhotoUrls?.length, 2);
  assert.match(html, /CC-[2-9A-HJKMNP-TV-Z]{8}/);
});

Deno.test("without JavaScript: mistakes come back in Bengali next to their fields and nothing is stored", async () => {
  const [a] = await sharedCitizens();
  const form = complaintForm({ title: "ক", ward_id: "", location: "" }, [jpegBytes()]);
  const requestId = String(form.get("client_request_id"));
  const response = await request("/complaints/new", a, { method: "POST", body: form });
  assert.equal(response.status, 422);
  const html = await response.text();
  assert.match(html, /id="field-title-error"[^>]*>শিরোনাম অন্তত ৩ অক্ষরের লিখুন।</);
  assert.match(html, /id="field-ward_id-error"[^>]*>অবস্থান দিন, অথবা ওয়ার্ড বেছে নিয়ে ঠিকানা লিখুন।</);
  assert.ok(html.includes("গলির মুখের ডাস্টবিন"), "what was typed is kept");
  assert.ok(html.includes("নিরাপত্তার জন্য ছবিগুলো আবার বেছে নিন।"), "asks for the photos again");
  assert.deepEqual(await complaintsOf(a, requestId), []);
  assert.deepEqual(await storedPhotos(a, requestId), []);

  const disguised = complaintForm({}, [new TextEncoder().encode("<?php system($_GET['c']); ?>")]);
  const refused = await request("/complaints/new", a, { method: "POST", body: disguised });
  assert.equal(refused.status, 422);
  assert.ok((await refused.text()).includes("শুধু JPG, PNG বা WebP ছবি দিন।"));
});

Deno.test("when the database refuses the complaint, the photos just uploaded are removed again", async () => {
  const [a] = await sharedCitizens();
  const form = complaintForm({}, [jpegBytes()]);
  const requestId = String(form.get("client_request_id"));
  // A photo the island says it uploaded but never did: the database call fails after the upload above.
  form.append("photo_path", `${a.session.user.id}/${requestId}/${"0".repeat(32)}.jpg`);
  const response = await request("/complaints/new", a, {
    method: "POST",
    body: form,
    headers: { accept: "application/json" },
  });
  assert.equal(response.status, 503);
  assert.deepEqual(await response.json(), {
    errors: { form: "অভিযোগটি জমা দেওয়া যায়নি, কিছুই সংরক্ষণ হয়নি। একটু পরে আবার চেষ্টা করুন।" },
    photos_removed: true,
  });
  assert.deepEqual(await complaintsOf(a, requestId), []);
  assert.deepEqual(await storedPhotos(a, requestId), []);
});

Deno.test("with JavaScript: photos first, then the form as JSON; retries are safe", async () => {
  const [a] = await sharedCitizens();
  const requestId = crypto.randomUUID();
  const photo = jpegBytes();
  const upload = () =>
    request(`/api/complaints/photos?request=${requestId}`, a, {
      method: "POST",
      body: photo,
      headers: { "content-type": "image/jpeg", accept: "application/json" },
    });
  const uploaded = await (await upload()).json();
  assert.match(uploaded.path, new RegExp(`^${a.session.user.id}/${requestId}/[0-9a-f]{32}\\.jpg$`));
  assert.deepEqual(await (await upload()).json(), uploaded, "a retried upload gives the same object");

  const text = await request(`/api/complaints/photos?request=${requestId}`, a, {
    method: "POST",
    body: "not a photo",
    headers: { "content-type": "image/jpeg" },
  });
  assert.equal(text.status, 415);
  assert.deepEqual(await text.json(), { error: "শুধু JPG, PNG বা WebP ছবি দিন।" });
  const anonymous = await request(`/api/complaints/photos?request=${requestId}`, null, {
    method: "POST",
    body: photo,
  });
  assert.equal(anonymous.status, 401);

  const submit = (fields: Record<string, string>, paths: string[]) => {
    const form = complaintForm({ client_request_id: requestId, ...fields });
    for (const path of paths) form.append("photo_path", path);
    return request("/complaints/new", a, {
      method: "POST",
      body: form,
      headers: { accept: "application/json" },
    });
  };
  const invalid = await submit({ description: "ছোট" }, [uploaded.path]);
  assert.equal(invalid.status, 422);
  assert.deepEqual(await invalid.json(), { errors: { description: "সমস্যাটি অন্তত ১০ অক্ষরে বুঝিয়ে লিখুন।" } });
  const foreign = await submit({}, [`${crypto.randomUUID()}/${requestId}/${"a".repeat(32)}.jpg`]);
  assert.equal(foreign.status, 422);

  const place = { ...spotFields(), ward_id: "", location: "" };
  const first = await submit(place, [uploaded.path]);
  assert.equal(first.status, 201);
  const filed = await first.json();
  assert.equal(filed.location, `/complaints/${filed.id}?filed=1`);
  const retry = await submit(place, [uploaded.path]);
  assert.equal(retry.status, 200);
  assert.equal((await retry.json()).id, filed.id);

  const status = await request(`/api/complaints/${filed.id}/status`, a);
  const state = await status.json();
  assert.equal(state.status, "submitted");
  assert.deepEqual(state.timeline.map((entry: { status: string }) => entry.status), ["submitted"]);

  const token = await (await request("/api/complaints/live-token", a)).json();
  assert.equal(token.access_token, a.session.accessToken);
  assert.ok(token.expires_at > Date.now() / 1000);
  assert.equal((await request("/api/complaints/live-token", null)).status, 401);
});

Deno.test("my complaints: status badges, Bengali dates, ten per page with a link to older ones", async () => {
  const [, b] = await sharedCitizens();
  for (let i = 0; i < 11; i++) {
    const filed = await request("/complaints/new", b, {
      method: "POST",
      body: complaintForm({ title: `তালিকা ${i}` }),
    });
    assert.equal(filed.status, 303);
  }
  const html = await (await request("/complaints", b)).text();
  assert.equal(html.match(/href="\/complaints\/[0-9a-f-]{36}"/g)?.length, 10);
  assert.ok(html.includes("তালিকা 10"), "newest first");
  assert.match(html, /data-status="submitted"/);
  assert.match(html, /জমা: [০-৯]+ [^,]+, [০-৯]{4}/);
  const older = /href="(\/complaints\?before=[^"]+)"/.exec(html)?.[1]?.replaceAll("&amp;", "&");
  assert.ok(older);
  const next = await (await request(older, b)).text();
  assert.ok(next.includes("তালিকা 0"));
  assert.ok(next.includes("সাম্প্রতিক অভিযোগে ফিরুন"));
});

Deno.test("B follows A's complaint: sees it without photos, live-able, and can stop following", async () => {
  const [a, b] = await sharedCitizens();
  const spot = randomSpot();
  const form = complaintForm(
    { latitude: String(spot.latitude), longitude: String(spot.longitude), ward_id: "", location: "" },
    [jpegBytes()],
  );
  const location = (await request("/complaints/new", a, { method: "POST", body: form })).headers.get(
    "location",
  )!;
  const id = location.split("/")[2].split("?")[0];

  assert.equal((await request(`/complaints/${id}`, b)).status, 404, "not B's to see yet");
  const query = new URLSearchParams({
    category: "waste_management",
    latitude: String(spot.latitude + 0.0002),
    longitude: String(spot.longitude),
  });
  const nearby = await request(`/api/complaints/nearby?${query}`, b);
  const found = (await nearby.json()).complaints;
  assert.deepEqual(found.map((c: { id: string }) => c.id), [id]);

  const follow = await request(`/api/complaints/${id}/follow`, b, { method: "POST" });
  assert.deepEqual(await follow.json(), { location: `/complaints/${id}?followed=1` });
  const html = await (await request(`/complaints/${id}?followed=1`, b)).text();
  assert.ok(html.includes("আপনি এই অভিযোগটি অনুসরণ করছেন"));
  assert.ok(!html.includes("/storage/v1/object/sign/"), "no photos for followers");
  assert.ok(html.includes("ডাস্টবিন উপচে পড়ছে"), "the title");
  for (const hidden of ["গলির মুখের ডাস্টবিন", "openstreetmap.org"]) {
    assert.ok(!html.includes(hidden), `a follower is shown ${hidden}`);
  }
  assert.ok((await (await request("/complaints", b)).text()).includes("অনুসরণ করছেন"));
  assert.equal(
    (await request(`/api/complaints/${id}/follow`, a, { method: "POST" })).status,
    409,
    "not your own",
  );

  const unfollow = new FormData();
  unfollow.set("action", "unfollow");
  const stopped = await request(`/complaints/${id}`, b, { method: "POST", body: unfollow });
  assert.equal(stopped.status, 303);
  assert.equal((await request(`/complaints/${id}`, b)).status, 404);
});

Deno.test("unknown or malformed complaint ids are 404", async () => {
  const [a] = await sharedCitizens();
  assert.equal((await request(`/complaints/${crypto.randomUUID()}`, a)).status, 404);
  assert.equal((await request("/complaints/not-a-uuid", a)).status, 404);
  assert.equal((await request(`/api/complaints/${crypto.randomUUID()}/status`, a)).status, 404);
});

Deno.test("public tracking: by number, as typed, without personal data; unknown numbers are 404", async () => {
  const [a] = await sharedCitizens();
  const location = (await request("/complaints/new", a, { method: "POST", body: complaintForm() }))
    .headers.get("location")!;
  const id = location.split("/")[2].split("?")[0];
  await setStatus(id, "in_progress");
  const { data } = await staff.from("complaints").select("tracking_number").eq("id", id).single();
  const number: string = data!.tracking_number;

  const lookup = await request(
    `/track?number=${encodeURIComponent(` ${number.toLowerCase().replace("-", "")} `)}`,
    null,
  );
  assert.equal(lookup.status, 303);
  assert.equal(lookup.headers.get("location"), `/track/${number}`);
  assert.equal(
    (await request(`/track/${number.toLowerCase()}`, null)).headers.get("location"),
    `/track/${number}`,
  );

  const page = await request(`/track/${number}`, null);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.ok(html.includes(number));
  assert.ok(html.includes("প্রক্রিয়াধীন"));
  assert.ok(html.includes("বর্জ্য ব্যবস্থাপনা"));
  assert.match(html, /<meta name="robots" content="noindex"/);
  for (const personal of ["ডাস্টবিন উপচে পড়ছে", "গলির মুখের", "বাজারের পাশে"]) {
    assert.ok(!html.includes(personal), `the public page shows ${personal}`);
  }

  const unknown = await request("/track/CC-ZZZZZZZZ", null);
  assert.equal(unknown.status, 404);
  assert.ok((await unknown.text()).includes("CC-ZZZZZZZZ নম্বরে কোনো অভিযোগ নেই"));
  const invalid = await request("/track?number=12", null);
  assert.equal(invalid.status, 422);
  assert.ok((await invalid.text()).includes("ট্র্যাকিং নম্বরে CC-এর পর ৮টি অক্ষর"));
});

Deno.test("a WebP photo that says where it was taken is stored without it (one check for complaint and chat photos)", async () => {
  const [a] = await sharedCitizens();
  const requestId = crypto.randomUUID();
  const uploaded = await request(`/api/complaints/photos?request=${requestId}`, a, {
    method: "POST",
    body: gpsWebp(1200, 900),
    headers: { "content-type": "image/webp", accept: "application/json" },
  });
  assert.equal(uploaded.status, 200);
  const { path } = await uploaded.json();
  const { data: stored } = await staff.storage.from(PHOTO_BUCKET).download(path);
  assert.ok(!carriesLocation(new Uint8Array(await stored!.arrayBuffer())), "no GPS position in Storage");
  await staff.storage.from(PHOTO_BUCKET).remove([path]);
});
