/**
 * The gallery through the app's pages: a super admin makes an album, adds a photo as the two sizes a
 * browser made, publishes it, and a visitor browses it (srcset, lazy, served from the public bucket);
 * non-images, oversized photos, an original sent without scripts and other wards' staff are refused.
 */
import assert from "node:assert/strict";
// Before devstack/testing: the app's modules (through the staff support) load the stack's keys themselves.
import { operator, page, type Person, request, sessionOf, signUp } from "../staff/support.ts";
import { appRequest } from "../support/app.ts";
import { webpHeader } from "./support.ts";
import { carriesLocation, gpsJpeg, gpsWebp } from "../support/gps_photos.ts";

async function upload(person: Person, albumId: string, files: Record<string, Blob>): Promise<Response> {
  const body = new FormData();
  for (const [name, blob] of Object.entries(files)) {
    body.set(name, blob, `${name}.${blob.type.split("/")[1]}`);
  }
  body.set("caption_bn", "খালের পাড় পরিষ্কারের পর");
  return await appRequest(`/admin/gallery/${albumId}`, { session: sessionOf(person) }, {
    method: "POST",
    body,
    headers: { accept: "application/json" },
  });
}

const webp = (width: number, height: number) => new Blob([webpHeader(width, height)], { type: "image/webp" });

Deno.test("a super admin publishes an album that a visitor browses; bad uploads are refused", async () => {
  const title = `খাল পরিষ্কার অভিযান ${crypto.randomUUID().slice(0, 6)}`;
  const [boss, wardAdmin] = await Promise.all([
    signUp("সুপার অ্যাডমিন গ্যালারি", "super_admin"),
    signUp("ওয়ার্ড অ্যাডমিন গ্যালারি", "ward_admin", [12]),
  ]);
  const made = await request("/admin/gallery", boss, [["title_bn", title], ["ward_id", ""]]);
  assert.equal(made.status, 303);
  const albumId = made.headers.get("location")!.split("/").pop()!;
  try {
    const notImage = await upload(boss, albumId, {
      thumb: new Blob(["<script>alert(1)</script>"], { type: "image/webp" }),
      large: webp(1600, 1200),
    });
    assert.equal(notImage.status, 415);
    assert.equal((await notImage.json()).error, "এটি ছবি নয়। JPEG, PNG বা WebP ছবি দিন।");
    const huge = await upload(boss, albumId, { thumb: webp(400, 300), large: webp(4000, 3000) });
    assert.equal(huge.status, 413, "a 12 MP photo is never stored");
    const original = await upload(boss, albumId, { photo: webp(4000, 3000) });
    assert.equal(original.status, 422, "an original sent without scripts is not stored either");
    assert.equal((await page(`/gallery/${albumId}`, null)).status, 404, "a draft is not public");

    const added = await upload(boss, albumId, { thumb: webp(400, 300), large: webp(1600, 1200) });
    assert.equal(added.status, 201);
    const refused = await upload(wardAdmin, albumId, { thumb: webp(400, 300), large: webp(1600, 1200) });
    assert.equal(refused.status, 404, "a ward admin cannot even see a city-wide draft");

    assert.equal((await request(`/admin/gallery/${albumId}`, boss, [["publish", "1"]])).status, 303);
    const list = await page("/gallery", null);
    assert.ok(list.html.includes(title));
    const album = await page(`/gallery/${albumId}`, null);
    assert.equal(album.status, 200);
    const img = album.html.match(/<img [^>]*>/)![0];
    assert.match(img, /srcset="[^"]+-thumb\.webp 400w, [^"]+-large\.webp 1600w"/);
    assert.match(img, /loading="(lazy|eager)"/);
    assert.match(img, /width="1600" height="1200"/);
    assert.match(img, /alt="খালের পাড় পরিষ্কারের পর"/);

    const large = img.match(/, (\S+-large\.webp) 1600w/)![1];
    const served = await fetch(large);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get("content-type"), "image/webp");
    await served.body?.cancel();

    const { data: photos } = await operator.from("gallery_photos").select("id").eq("album_id", albumId);
    assert.equal(photos!.length, 1, "one photo: the refused uploads left nothing");
  } finally {
    const { data: files } = await operator.storage.from("gallery").list(albumId);
    if (files?.length) {
      await operator.storage.from("gallery").remove(files.map((file) => `${albumId}/${file.name}`));
    }
    await operator.from("gallery_albums").delete().eq("id", albumId);
  }
});

Deno.test("photos posted straight to the server are stored without the place they were taken", async () => {
  const boss = await signUp("সুপার অ্যাডমিন গোপনীয়তা", "super_admin");
  const made = await request("/admin/gallery", boss, [["title_bn", "অবস্থান ছাড়া ছবি"], ["ward_id", ""]]);
  const albumId = made.headers.get("location")!.split("/").pop()!;
  try {
    const added = await upload(boss, albumId, {
      thumb: new Blob([gpsWebp(400, 300)], { type: "image/webp" }),
      large: new Blob([gpsJpeg(1600, 1200)], { type: "image/jpeg" }),
    });
    assert.equal(added.status, 201);
    const { data: photo } = await operator.from("gallery_photos").select("thumb_path, large_path")
      .eq("album_id", albumId).single().throwOnError();
    for (const path of [photo!.thumb_path, photo!.large_path]) {
      const { data: stored } = await operator.storage.from("gallery").download(path);
      const bytes = new Uint8Array(await stored!.arrayBuffer());
      assert.ok(bytes.length > 0);
      assert.ok(!carriesLocation(bytes), `${path} is stored without the GPS position`);
    }
  } finally {
    const { data: files } = await operator.storage.from("gallery").list(albumId);
    if (files?.length) {
      await operator.storage.from("gallery").remove(files.map((file) => `${albumId}/${file.name}`));
    }
    await operator.from("gallery_albums").delete().eq("id", albumId);
  }
});

Deno.test("staff change a caption, delete a photo and then the album, files and all; other wards' staff cannot", async () => {
  const [admin, otherAdmin] = await Promise.all([
    signUp("ওয়ার্ড অ্যাডমিন গ্যালারি রক্ষণ", "ward_admin", [21]),
    signUp("অন্য ওয়ার্ড অ্যাডমিন গ্যালারি", "ward_admin", [22]),
  ]);
  const made = await request("/admin/gallery", admin, [["title_bn", "পার্ক সংস্কার"], ["ward_id", "21"]]);
  const albumId = made.headers.get("location")!.split("/").pop()!;
  const files = async () =>
    ((await operator.storage.from("gallery").list(albumId)).data ?? []).map((file) => file.name);
  try {
    for (let i = 0; i < 2; i++) {
      assert.equal(
        (await upload(admin, albumId, { thumb: webp(400, 300), large: webp(1600, 1200) })).status,
        201,
      );
    }
    assert.equal((await request(`/admin/gallery/${albumId}`, admin, [["publish", "1"]])).status, 303);
    const { data: photos } = await operator.from("gallery_photos").select("id").eq("album_id", albumId)
      .order("created_at").throwOnError();
    const [kept, dropped] = photos!.map((photo) => photo.id);
    assert.equal((await files()).length, 4);

    const caption = (person: Person) =>
      request(`/admin/gallery/${albumId}`, person, [
        ["action", "caption"],
        ["photo_id", kept],
        ["caption_bn", "নতুন দোলনা বসানো হয়েছে"],
        ["caption_en", "New swings put up"],
      ]);
    const refusedCaption = await caption(otherAdmin);
    assert.equal(refusedCaption.status, 403, "another ward's admin cannot change a caption");
    assert.equal((await caption(admin)).status, 303);
    assert.match((await page(`/gallery/${albumId}`, null)).html, /alt="নতুন দোলনা বসানো হয়েছে"/);

    const removePhoto = (person: Person) =>
      request(`/admin/gallery/${albumId}`, person, [["action", "remove_photo"], ["photo_id", dropped]]);
    assert.equal((await removePhoto(otherAdmin)).status, 403, "nor delete a photo");
    assert.equal((await files()).length, 4, "and its files stay");
    assert.equal((await removePhoto(admin)).status, 303);
    assert.deepEqual(
      (await files()).filter((name) => name.startsWith(dropped)),
      [],
      "the photo's files are gone",
    );
    assert.equal((await files()).length, 2, "the other photo's stay");
    const { count } = await operator.from("gallery_photos").select("id", { count: "exact", head: true })
      .eq("album_id", albumId);
    assert.equal(count, 1);

    const unconfirmed = await request(`/admin/gallery/${albumId}`, admin, [["action", "remove_album"]]);
    assert.equal(unconfirmed.status, 422);
    assert.ok((await unconfirmed.text()).includes("অ্যালবাম মুছতে আগে নিশ্চিত করার ঘরে টিক দিন"));
    const byOther = await request(`/admin/gallery/${albumId}`, otherAdmin, [
      ["action", "remove_album"],
      ["confirm", "yes"],
    ]);
    assert.equal(byOther.status, 403, "another ward's admin cannot delete the album");
    assert.equal((await files()).length, 2);

    const removed = await request(`/admin/gallery/${albumId}`, admin, [["action", "remove_album"], [
      "confirm",
      "yes",
    ]]);
    assert.equal(removed.status, 303);
    assert.equal(removed.headers.get("location"), "/admin/gallery?done=album_removed");
    assert.deepEqual(await files(), [], "no file of the album is left in the public bucket");
    assert.equal((await page(`/gallery/${albumId}`, null)).status, 404);
  } finally {
    const left = await files();
    if (left.length) await operator.storage.from("gallery").remove(left.map((name) => `${albumId}/${name}`));
    await operator.from("gallery_albums").delete().eq("id", albumId);
  }
});
