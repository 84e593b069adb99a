/**
 * The complaints data module against the running local stack: what citizens file, read, follow and look
 * up goes through PostgREST, Storage and the database's rules with their own JWT.
 */
import assert from "node:assert/strict";
import {
  decodeCursor,
  encodeCursor,
  followComplaint,
  getComplaint,
  getComplaintStatus,
  isAlreadyFiled,
  listMyComplaints,
  nearbyOpenComplaints,
  PAGE_SIZE,
  PHOTO_BUCKET,
  referenceData,
  removePhotos,
  submitComplaint,
  trackComplaint,
  unfollowComplaint,
  uploadPhoto,
} from "@/lib/complaints/repository.ts";
import type { ComplaintInput } from "@/lib/complaints/validation.ts";
import { jpegBytes, randomSpot, setStatus, sharedCitizens, staff } from "./support.ts";

const signedIn = sharedCitizens;

function complaint(overrides: Partial<ComplaintInput> = {}): ComplaintInput {
  return {
    clientRequestId: crypto.randomUUID(),
    category: "cleanliness",
    title: "রাস্তায় ময়লার স্তূপ",
    description: "মোড়ের পাশে তিন দিন ধরে ময়লা জমে আছে।",
    location: "রোড ৫-এর মাথায়",
    latitude: null,
    longitude: null,
    wardId: 12,
    ...overrides,
  };
}

Deno.test("reference data: the six active categories and all 129 wards", async () => {
  const { categories, wards } = await referenceData();
  assert.deepEqual(categories.map((category) => category.code), [
    "cleanliness",
    "waste_management",
    "water_supply",
    "electricity",
    "roads",
    "other",
  ]);
  assert.equal(wards.length, 129);
  assert.deepEqual(wards[54], {
    id: 55,
    city_corporation: "DSCC",
    number: 1,
    name_bn: "ওয়ার্ড ১",
    name_en: "Ward 1",
  });
});

Deno.test("a citizen files with two photos; a retry returns the same complaint; the owner sees the photos", async () => {
  const [a] = await signedIn();
  const input = complaint();
  const first = await uploadPhoto(a.session, input.clientRequestId, {
    bytes: jpegBytes(),
    type: "image/jpeg",
  });
  const secondBytes = jpegBytes();
  const second = await uploadPhoto(a.session, input.clientRequestId, {
    bytes: secondBytes,
    type: "image/jpeg",
  });
  assert.match(first, new RegExp(`^${a.session.user.id}/${input.clientRequestId}/[0-9a-f]{32}\\.jpg$`));
  assert.equal(
    await uploadPhoto(a.session, input.clientRequestId, { bytes: secondBytes, type: "image/jpeg" }),
    second,
    "uploading the same photo again (a retry) lands on the same object",
  );

  const filed = await submitComplaint(a.session, input, [first, second]);
  assert.equal(filed.created, true);
  assert.match(filed.tracking_number, /^CC-[2-9A-HJKMNP-TV-Z]{8}$/);
  assert.deepEqual(await submitComplaint(a.session, input, [first, second]), { ...filed, created: false });
  assert.equal(await isAlreadyFiled(a.session, input.clientRequestId), true);

  const detail = await getComplaint(a.session, filed.id);
  assert.ok(detail);
  assert.equal(detail.status, "submitted");
  assert.equal(detail.is_own, true);
  assert.deepEqual(detail.timeline.map((entry) => entry.status), ["submitted"]);
  assert.deepEqual(detail.photos.map((photo) => photo.position), [1, 2]);
  const download = await fetch(detail.photos[1].url);
  assert.equal(download.status, 200);
  assert.deepEqual(new Uint8Array(await download.arrayBuffer()), secondBytes);
});

Deno.test("a failed submission can clean up its photos; nothing else is left", async () => {
  const [a, b] = await signedIn();
  const input = complaint();
  const path = await uploadPhoto(a.session, input.clientRequestId, {
    bytes: jpegBytes(),
    type: "image/jpeg",
  });
  await assert.rejects(
    submitComplaint(a.session, input, [path, `${b.session.user.id}/${input.clientRequestId}/x.jpg`]),
    /photos must be uploaded/,
  );
  assert.equal(await isAlreadyFiled(a.session, input.clientRequestId), false);
  await removePhotos(a.session, [path]);
  const { data } = await staff.storage.from(PHOTO_BUCKET).list(
    `${a.session.user.id}/${input.clientRequestId}`,
  );
  assert.deepEqual(data, []);
});

Deno.test("my complaints: newest first, ten to a page, keyset cursor, nothing twice", async () => {
  const [, b] = await signedIn();
  for (let i = 0; i < PAGE_SIZE + 2; i++) {
    await submitComplaint(b.session, complaint({ title: `অভিযোগ ${i}` }), []);
  }
  const first = await listMyComplaints(b.session, null);
  assert.equal(first.complaints.length, PAGE_SIZE);
  assert.ok(first.next);
  const cursor = decodeCursor(encodeCursor(first.next));
  assert.deepEqual(cursor, first.next);
  const second = await listMyComplaints(b.session, cursor);
  const all = [...first.complaints, ...second.complaints];
  assert.ok(all.length >= PAGE_SIZE + 2);
  assert.equal(new Set(all.map((c) => c.id)).size, all.length, "no complaint on two pages");
  const times = all.map((c) => Date.parse(c.created_at));
  assert.deepEqual(times, [...times].sort((x, y) => y - x), "newest first");
  assert.equal(all[0].title, `অভিযোগ ${PAGE_SIZE + 1}`);
  assert.ok(all.every((c) => c.is_own));
});

Deno.test("cursors from elsewhere are ignored", () => {
  assert.equal(decodeCursor("2026-11-24T05:00:00Z_not-a-uuid"), null);
  assert.equal(decodeCursor(`x",id.gt.0)_${crypto.randomUUID()}`), null);
  assert.equal(decodeCursor(null), null);
});

Deno.test("B finds A's complaint nearby, says 'me too', follows its progress, then stops", async () => {
  const [a, b] = await signedIn();
  const spot = randomSpot();
  const input = complaint({ ...spot, wardId: null, location: null });
  const photo = await uploadPhoto(a.session, input.clientRequestId, {
    bytes: jpegBytes(),
    type: "image/jpeg",
  });
  const filed = await submitComplaint(a.session, input, [photo]);

  assert.equal(await getComplaint(b.session, filed.id), null, "B cannot read it before following");
  const nearby = await nearbyOpenComplaints(b.session, {
    category: "cleanliness",
    latitude: spot.latitude + 0.0003,
    longitude: spot.longitude,
  });
  assert.deepEqual(nearby.map((c) => [c.id, c.is_own, c.is_following]), [[filed.id, false, false]]);
  assert.ok(nearby[0].distance_m > 25 && nearby[0].distance_m < 45);

  assert.equal(await followComplaint(b.session, filed.id), true);
  const followed = await getComplaint(b.session, filed.id);
  assert.ok(followed);
  assert.equal(followed.is_own, false);
  assert.equal(followed.is_following, true);
  assert.deepEqual(followed.photos, [], "followers do not see photos");
  assert.equal(followed.title, input.title);
  assert.deepEqual(
    [
      followed.description,
      followed.location,
      followed.latitude,
      followed.longitude,
      followed.rejection_reason,
    ],
    [null, null, null, null, null],
    "nor the description or the place",
  );
  assert.ok((await listMyComplaints(b.session, null)).complaints.some((c) => c.id === filed.id && !c.is_own));

  await setStatus(filed.id, "in_progress");
  assert.equal((await getComplaintStatus(b.session, filed.id))?.status, "in_progress");

  await unfollowComplaint(b.session, filed.id);
  assert.equal(await getComplaint(b.session, filed.id), null);
  assert.equal(await followComplaint(a.session, filed.id), false, "nobody follows their own complaint");
});

Deno.test("anyone tracks a complaint by number, without what identifies the citizen", async () => {
  const [a] = await signedIn();
  const filed = await submitComplaint(a.session, complaint({ wardId: 60 }), []);
  await setStatus(filed.id, "rejected", "একই সমস্যা আগে জানানো হয়েছে");

  const tracked = await trackComplaint(filed.tracking_number.toLowerCase().replace("-", " "));
  assert.ok(tracked);
  assert.equal(tracked.tracking_number, filed.tracking_number);
  assert.equal(tracked.status, "rejected");
  assert.equal(tracked.ward?.city_corporation, "DSCC");
  assert.deepEqual(tracked.timeline.map((entry) => entry.status), ["submitted", "rejected"]);
  const text = JSON.stringify(tracked);
  for (const secret of ["রাস্তায় ময়লার স্তূপ", "মোড়ের পাশে", "রোড ৫", "একই সমস্যা", a.session.user.id]) {
    assert.ok(!text.includes(secret), `the public view leaks ${secret}`);
  }
  assert.equal(await trackComplaint("CC-ZZZZZZZZ"), null);
});
