/**
 * A follower ("me too") talking to PostgREST and Storage directly with their own JWT, as anyone can with
 * supabase-js and the public anon key: whatever they ask, they get what the public tracking page shows
 * plus the title, never the description, place, filer, request key, photos or staff's internal comments.
 */
import assert from "node:assert/strict";
import type { SupabaseClient } from "@supabase/supabase-js";
import { PHOTO_BUCKET, submitComplaint, uploadPhoto } from "@/lib/complaints/repository.ts";
// After the app's modules: lib/config.ts reads the local stack's keys when it loads.
import { supabaseClient } from "@/devstack/testing/auth.ts";
import { type Citizen, jpegBytes, randomSpot, setStatus, sharedCitizens, staff } from "./support.ts";

const asCitizen = (citizen: Citizen): SupabaseClient =>
  supabaseClient({ accessToken: citizen.session.accessToken });

Deno.test("a follower reads only the public part of a complaint, however they ask", async () => {
  const [a, b] = await sharedCitizens();
  const spot = randomSpot();
  const requestId = crypto.randomUUID();
  const description = `আমার বাড়ির সামনের ড্রেন বন্ধ, ফোন ০১৭১১-${requestId.slice(0, 6)}`;
  const location = `বাড়ি ${requestId.slice(0, 4)}, রোড ৫`;
  const photo = await uploadPhoto(a.session, requestId, { bytes: jpegBytes(), type: "image/jpeg" });
  const filed = await submitComplaint(a.session, {
    clientRequestId: requestId,
    category: "cleanliness",
    title: "ড্রেন বন্ধ",
    description,
    location,
    latitude: spot.latitude,
    longitude: spot.longitude,
    wardId: null,
  }, [photo]);
  await setStatus(filed.id, "in_progress");
  const internal = `নাগরিকের সাথে কথা হয়েছে ${requestId.slice(0, 6)}`;
  const { error: commented } = await staff.from("complaint_updates")
    .update({ comment: internal, comment_is_public: false })
    .eq("complaint_id", filed.id).eq("new_status", "in_progress");
  assert.equal(commented, null);

  const follower = asCitizen(b);
  assert.deepEqual((await follower.rpc("follow_complaint", { complaint_id: filed.id })).data, true);

  const row = await follower.from("complaints").select("*").eq("id", filed.id);
  assert.deepEqual(row.data, [], "no complaints row, whatever the columns");
  for (
    const column of ["description", "latitude", "longitude", "citizen_id", "client_request_id", "location"]
  ) {
    const filtered = await follower.from("complaints").select("id").eq("id", filed.id).not(
      column,
      "is",
      null,
    );
    assert.deepEqual(filtered.data, [], `nothing to learn by filtering on ${column}`);
  }
  const history = await follower.from("complaint_updates").select("comment").eq("complaint_id", filed.id);
  assert.deepEqual(history.data, [], "no history rows, so no internal comments");
  const embedded = await follower.from("complaint_followers")
    .select("complaint_id, complaints(description, citizen_id)").eq("complaint_id", filed.id);
  assert.deepEqual(embedded.data, [{ complaint_id: filed.id, complaints: null }], "nor through an embedding");
  const photos = await follower.from("complaint_photos").select("storage_path").eq("complaint_id", filed.id);
  assert.deepEqual(photos.data, []);
  const download = await follower.storage.from(PHOTO_BUCKET).download(photo);
  assert.ok(download.error, "the photo does not download");
  const signed = await follower.storage.from(PHOTO_BUCKET).createSignedUrl(photo, 60);
  assert.ok(signed.error, "nor can it be signed");

  const followed = await follower.rpc("followed_complaint", { complaint_id: filed.id });
  assert.equal(followed.error, null);
  assert.deepEqual(Object.keys(followed.data).sort(), [
    "category",
    "created_at",
    "id",
    "resolved_at",
    "status",
    "timeline",
    "title",
    "tracking_number",
    "updated_at",
    "ward_id",
  ]);
  assert.equal(followed.data.title, "ড্রেন বন্ধ");
  assert.deepEqual(
    followed.data.timeline.map((
      entry: { status: string; comment: string | null },
    ) => [entry.status, entry.comment]),
    [["submitted", null], ["in_progress", null]],
  );
  const listed = await follower.rpc("my_complaints");
  assert.ok(listed.data.some((c: { id: string; is_own: boolean }) => c.id === filed.id && !c.is_own));

  const everything = JSON.stringify([followed.data, listed.data]);
  for (
    const secret of [description, location, String(spot.latitude), a.session.user.id, requestId, internal]
  ) {
    assert.ok(!everything.includes(secret), `a follower is shown ${secret}`);
  }

  // The filer, through the same API, still reads it all.
  const own = await asCitizen(a).from("complaints")
    .select("description, location, citizen_id, client_request_id, complaint_updates(comment)")
    .eq("id", filed.id).single();
  assert.equal(own.data?.description, description);
  assert.equal(own.data?.client_request_id, requestId);
  assert.ok(
    own.data?.complaint_updates.some((update: { comment: string | null }) => update.comment === internal),
  );
});
