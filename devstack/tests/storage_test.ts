/**
 * Local Storage through the gateway with the official supabase-js client, for users signed in by phone
 * OTP through local Auth: private complaint photos stay in their owner's folder (RLS decides), signed
 * URLs, listing, removal, public buckets, and the limits a bucket sets.
 */
import assert from "node:assert/strict";
import { API_URL } from "../config.ts";
import { ANON_KEY, SERVICE_ROLE_KEY, signJwt } from "../keys.ts";
import { createStorageService } from "../storage/mod.ts";
import {
  serviceRoleClient,
  sharedSignedInUsers,
  type SignedInUser,
  supabaseClient,
} from "../testing/auth.ts";

const BUCKET = "complaint-photos";
const STORAGE_URL = `${API_URL}/storage/v1`;

const admin = serviceRoleClient();

/** A fresh folder of A's for one test: `<A's id>/<random request id>`. */
const folderOf = (user: SignedInUser) => `${user.id}/${crypto.randomUUID()}`;

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const jpeg = (bytes: Uint8Array<ArrayBuffer> = JPEG) => new Blob([bytes], { type: "image/jpeg" });

/** A fresh folder of `user`'s, the bucket as they see it, and a JPEG uploaded under each of `names` there. */
async function folderWithPhotos(user: SignedInUser, names: string[] = []) {
  const folder = folderOf(user);
  const photos = user.client.storage.from(BUCKET);
  for (const name of names) {
    assert.equal((await photos.upload(`${folder}/${name}`, jpeg())).error, null);
  }
  return { folder, photos };
}
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);

async function bytesOf(blob: Blob | Response): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await blob.arrayBuffer());
}

/** storage-js reports Storage's own status code (`statusCode`) and message. */
function assertStorageError(error: unknown, statusCode: string, message?: RegExp | string) {
  assert.ok(error, `expected a Storage error ${statusCode}`);
  const storageError = error as { statusCode?: string; message: string };
  assert.equal(storageError.statusCode, statusCode, storageError.message);
  if (typeof message === "string") assert.equal(storageError.message, message);
  else if (message) assert.match(storageError.message, message);
}

Deno.test("a citizen uploads a photo into their own folder and downloads the same bytes", async () => {
  const [a] = await sharedSignedInUsers();
  const path = `${folderOf(a)}/photo.jpg`;
  const { data, error } = await a.client.storage.from(BUCKET).upload(path, jpeg(), { cacheControl: "600" });
  assert.equal(error, null);
  assert.deepEqual({ path: data!.path, fullPath: data!.fullPath }, { path, fullPath: `${BUCKET}/${path}` });
  assert.match(data!.id, /^[0-9a-f-]{36}$/);

  const downloaded = await a.client.storage.from(BUCKET).download(path);
  assert.equal(downloaded.error, null);
  assert.equal(downloaded.data!.type, "image/jpeg");
  assert.deepEqual(await bytesOf(downloaded.data!), JPEG);

  const response = await fetch(`${STORAGE_URL}/object/authenticated/${BUCKET}/${path}`, {
    headers: { apikey: ANON_KEY, authorization: `Bearer ${a.accessToken}` },
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("cache-control"), "max-age=600");
  assert.match(response.headers.get("etag") ?? "", /^"[0-9a-f]{32}"$/);
  assert.deepEqual(await bytesOf(response), JPEG);
});

Deno.test("uploading over an existing photo needs upsert, which replaces the bytes", async () => {
  const [a] = await sharedSignedInUsers();
  const path = `${folderOf(a)}/photo.jpg`;
  const photos = a.client.storage.from(BUCKET);
  const first = await photos.upload(path, jpeg());
  assert.equal(first.error, null);

  const again = await photos.upload(path, jpeg());
  assertStorageError(again.error, "409", "The resource already exists");

  const replacement = new Uint8Array([...JPEG, 1, 2, 3]);
  const upserted = await photos.upload(path, jpeg(replacement), { upsert: true });
  assert.equal(upserted.error, null);
  assert.equal(upserted.data!.id, first.data!.id, "the object keeps its id");
  assert.deepEqual(await bytesOf((await photos.download(path)).data!), replacement);

  // update() sends the raw bytes with a Content-Type instead of a form.
  const updated = await photos.update(path, JPEG, { contentType: "image/jpeg" });
  assert.equal(updated.error, null);
  assert.deepEqual(await bytesOf((await photos.download(path)).data!), JPEG);
});

Deno.test("another citizen can neither read, share, list, overwrite, delete nor upload into the owner's folder", async () => {
  const [a, b] = await sharedSignedInUsers();
  const folder = folderOf(a);
  const path = `${folder}/photo.jpg`;
  assert.equal((await a.client.storage.from(BUCKET).upload(path, jpeg())).error, null);
  const othersView = b.client.storage.from(BUCKET);

  assertStorageError((await othersView.download(path)).error, "404", "Object not found");
  assertStorageError((await othersView.createSignedUrl(path, 60)).error, "404", "Object not found");
  assert.deepEqual((await othersView.list(folder)).data, []);
  assertStorageError(
    (await othersView.upload(path, jpeg(), { upsert: true })).error,
    "403",
    "new row violates row-level security policy",
  );
  assertStorageError(
    (await othersView.upload(`${folder}/intruder.jpg`, jpeg())).error,
    "403",
    "new row violates row-level security policy",
  );
  assert.deepEqual((await othersView.remove([path])).data, []);

  const stillThere = await a.client.storage.from(BUCKET).download(path);
  assert.deepEqual(await bytesOf(stillThere.data!), JPEG);
});

Deno.test("anonymous callers can neither upload nor download private photos", async () => {
  const [a] = await sharedSignedInUsers();
  const path = `${folderOf(a)}/photo.jpg`;
  assert.equal((await a.client.storage.from(BUCKET).upload(path, jpeg())).error, null);
  const anon = supabaseClient().storage.from(BUCKET);
  assertStorageError((await anon.download(path)).error, "404", "Object not found");
  assertStorageError((await anon.upload(`${folderOf(a)}/anon.jpg`, jpeg())).error, "403");
  // The public URL of a private bucket leads nowhere.
  const response = await fetch(anon.getPublicUrl(path).data.publicUrl);
  assert.equal(response.status, 400);
  assert.equal((await response.json()).message, "Bucket not found");
});

Deno.test("a signed URL serves the photo without a session until it expires, and only that photo", async () => {
  const [a] = await sharedSignedInUsers();
  const { folder, photos } = await folderWithPhotos(a, ["shared.jpg", "private.jpg"]);
  const { data, error } = await photos.createSignedUrl(`${folder}/shared.jpg`, 60);
  assert.equal(error, null);

  const viaLink = await fetch(data!.signedUrl);
  assert.equal(viaLink.status, 200);
  assert.equal(viaLink.headers.get("content-type"), "image/jpeg");
  assert.deepEqual(await bytesOf(viaLink), JPEG);

  const partial = await fetch(data!.signedUrl, { headers: { range: "bytes=2-4" } });
  assert.equal(partial.status, 206);
  assert.equal(partial.headers.get("content-range"), `bytes 2-4/${JPEG.length}`);
  assert.deepEqual(await bytesOf(partial), JPEG.slice(2, 5));

  const otherObject = await fetch(data!.signedUrl.replace("shared.jpg", "private.jpg"));
  assert.equal(otherObject.status, 400);
  assert.equal((await otherObject.json()).message, "Invalid signature");

  const token = new URL(data!.signedUrl).searchParams.get("token")!;
  const forged = await signJwt({ url: `${BUCKET}/${folder}/private.jpg`, exp: 1 }).then((jwt) =>
    jwt.split(".").slice(0, 2).join(".") + "." + token.split(".")[2]
  );
  const tampered = await fetch(
    data!.signedUrl.replace("shared.jpg", "private.jpg").replace(token, forged),
  );
  assert.equal(tampered.status, 400);
  assert.equal((await tampered.json()).message, "signature verification failed");

  const shortLived = await photos.createSignedUrl(`${folder}/shared.jpg`, 1);
  await new Promise((resolve) => setTimeout(resolve, 2100));
  const expired = await fetch(shortLived.data!.signedUrl);
  assert.equal(expired.status, 400);
  assert.equal((await expired.json()).message, '"exp" claim timestamp check failed');
});

Deno.test("a signed link works only for what it was made for: a viewing link cannot upload, an upload link cannot view", async () => {
  const [a] = await sharedSignedInUsers();
  const path = `${folderOf(a)}/photo.jpg`;
  const photos = a.client.storage.from(BUCKET);
  assert.equal((await photos.upload(path, jpeg())).error, null);
  const viewing = (await photos.createSignedUrl(path, 60)).data!.signedUrl;
  const viewingToken = new URL(viewing).searchParams.get("token")!;

  const replaced = await fetch(`${STORAGE_URL}/object/upload/sign/${BUCKET}/${path}?token=${viewingToken}`, {
    method: "PUT",
    headers: { "content-type": "image/jpeg", "x-upsert": "true" },
    body: new Uint8Array([...JPEG, 9, 9]),
  });
  assert.equal(replaced.status, 400);
  assert.equal((await replaced.json()).code, "InvalidSignature");
  assert.deepEqual(await bytesOf((await photos.download(path)).data!), JPEG, "the photo is unchanged");

  const uploadPath = `${folderOf(a)}/later.jpg`;
  const upload = await photos.createSignedUploadUrl(uploadPath);
  assert.equal(upload.error, null);
  assert.equal((await photos.uploadToSignedUrl(uploadPath, upload.data!.token, jpeg())).error, null);
  const viewedWithUploadToken = await fetch(
    `${STORAGE_URL}/object/sign/${BUCKET}/${uploadPath}?token=${upload.data!.token}`,
  );
  assert.equal(viewedWithUploadToken.status, 400);
  assert.equal((await viewedWithUploadToken.json()).code, "InvalidSignature");
});

Deno.test("a signed link's lifetime must be a whole number of seconds a token can hold", async () => {
  const [a] = await sharedSignedInUsers();
  const path = `${folderOf(a)}/photo.jpg`;
  assert.equal((await a.client.storage.from(BUCKET).upload(path, jpeg())).error, null);
  for (const expiresIn of [0, -60, 1.5, "60", null, 1e300, Number.MAX_SAFE_INTEGER]) {
    const response = await fetch(`${STORAGE_URL}/object/sign/${BUCKET}/${path}`, {
      method: "POST",
      headers: {
        apikey: ANON_KEY,
        authorization: `Bearer ${a.accessToken}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ expiresIn }),
    });
    assert.equal(response.status, 400, String(expiresIn));
    assert.deepEqual(
      (({ statusCode, code }) => ({ statusCode, code }))(await response.json()),
      { statusCode: "400", code: "InvalidParameter" },
      String(expiresIn),
    );
  }
  const tenYears = 10 * 365 * 24 * 3600;
  assert.equal((await a.client.storage.from(BUCKET).createSignedUrl(path, tenYears)).error, null);
});

Deno.test("signing several photos reports the ones the caller cannot read", async () => {
  const [a, b] = await sharedSignedInUsers();
  const folder = folderOf(a);
  assert.equal((await a.client.storage.from(BUCKET).upload(`${folder}/1.jpg`, jpeg())).error, null);
  const paths = [`${folder}/1.jpg`, `${folder}/missing.jpg`];

  const { data } = await a.client.storage.from(BUCKET).createSignedUrls(paths, 60);
  assert.deepEqual(data!.map((entry) => [entry.path, entry.error]), [
    [paths[0], null],
    [paths[1], "Either the object does not exist or you do not have access to it"],
  ]);
  assert.equal((await fetch(data![0].signedUrl!)).status, 200);

  const others = await b.client.storage.from(BUCKET).createSignedUrls(paths, 60);
  assert.deepEqual(others.data!.map((entry) => entry.signedUrl), [null, null]);
});

Deno.test("listing shows folders then files under a prefix, with paging, search and sorting", async () => {
  const [a] = await sharedSignedInUsers();
  const { folder, photos } = await folderWithPhotos(a, ["b.jpg", "a.jpg", "sub/c.jpg", "sub/d/e.jpg"]);
  const names = async (options?: Parameters<typeof photos.list>[1], prefix = folder) => {
    const { data, error } = await photos.list(prefix, options);
    assert.equal(error, null);
    return data!.map((entry) => entry.name);
  };

  const { data: entries } = await photos.list(folder);
  assert.deepEqual(entries!.map((entry) => [entry.name, entry.id === null]), [
    ["sub", true],
    ["a.jpg", false],
    ["b.jpg", false],
  ]);
  const file = entries!.find((entry) => entry.name === "a.jpg")!;
  assert.equal(file.metadata!.mimetype, "image/jpeg");
  assert.equal(file.metadata!.size, JPEG.length);

  assert.deepEqual(await names({ sortBy: { column: "name", order: "desc" } }), ["sub", "b.jpg", "a.jpg"]);
  assert.deepEqual(await names({ limit: 1, offset: 1 }), ["a.jpg"]);
  assert.deepEqual(await names({ search: "b" }), ["b.jpg"]);
  assert.deepEqual(await names(undefined, `${folder}/sub`), ["d", "c.jpg"]);
  assert.ok(
    (await names(undefined, a.id)).includes(folder.split("/")[1]),
    "the request folder shows at the root",
  );
});

Deno.test("removing photos deletes them for good", async () => {
  const [a] = await sharedSignedInUsers();
  const { folder, photos } = await folderWithPhotos(a, ["1.jpg", "2.jpg"]);

  const { data, error } = await photos.remove([`${folder}/1.jpg`, `${folder}/2.jpg`, `${folder}/never.jpg`]);
  assert.equal(error, null);
  assert.deepEqual(data!.map((entry) => entry.name).sort(), [`${folder}/1.jpg`, `${folder}/2.jpg`]);
  assertStorageError((await photos.download(`${folder}/1.jpg`)).error, "404", "Object not found");
  assert.deepEqual((await photos.list(folder)).data, []);
  // The name is free again.
  assert.equal((await photos.upload(`${folder}/1.jpg`, jpeg())).error, null);
});

Deno.test("photos over the bucket's size limit or of other types are refused", async () => {
  const [a] = await sharedSignedInUsers();
  const { folder, photos } = await folderWithPhotos(a);
  const tooLarge = new Uint8Array(5 * 1024 * 1024 + 1);
  tooLarge.set(JPEG);
  assertStorageError(
    (await photos.upload(`${folder}/huge.jpg`, jpeg(tooLarge))).error,
    "413",
    "The object exceeded the maximum allowed size",
  );
  assertStorageError(
    (await photos.upload(`${folder}/notes.txt`, new Blob(["hello"], { type: "text/plain" }))).error,
    "415",
    "mime type text/plain is not supported",
  );
  assert.equal(
    (await photos.upload(`${folder}/ok.png`, new Blob([PNG], { type: "image/png" }))).error,
    null,
  );
  assert.deepEqual((await photos.list(folder)).data!.map((entry) => entry.name), ["ok.png"]);
});

Deno.test("a photo bucket refuses files whose bytes are not the image type they claim to be", async () => {
  const [a] = await sharedSignedInUsers();
  const { folder, photos } = await folderWithPhotos(a);
  const page = "<html><script>alert(document.cookie)</script></html>";
  for (
    const [name, blob] of [
      ["page.png", new Blob([page], { type: "image/png" })],
      ["page.jpg", new Blob([page], { type: "image/jpeg" })],
      ["jpeg-bytes.png", new Blob([JPEG], { type: "image/png" })],
      ["empty.webp", new Blob([], { type: "image/webp" })],
    ] as const
  ) {
    const { error } = await photos.upload(`${folder}/${name}`, blob);
    assertStorageError(error, "415", `the file's content is not ${blob.type}`);
  }
  // Signed uploads are checked the same way.
  const signed = (await photos.createSignedUploadUrl(`${folder}/signed.png`)).data!;
  const viaLink = await photos.uploadToSignedUrl(
    signed.path,
    signed.token,
    new Blob([page], { type: "image/png" }),
  );
  assertStorageError(viaLink.error, "415");
  assert.deepEqual((await photos.list(folder)).data, []);
});

Deno.test("uploads are served as stored, never sniffed; anything but an image or PDF opens sandboxed", async () => {
  const [a] = await sharedSignedInUsers();
  const photo = `${folderOf(a)}/photo.jpg`;
  assert.equal((await a.client.storage.from(BUCKET).upload(photo, jpeg())).error, null);
  const signedPhoto = (await a.client.storage.from(BUCKET).createSignedUrl(photo, 60)).data!.signedUrl;
  const shown = await fetch(signedPhoto);
  await shown.body?.cancel();
  assert.equal(shown.headers.get("x-content-type-options"), "nosniff");
  assert.equal(shown.headers.get("content-security-policy"), null, "an image is shown as it is");

  const id = `uploads-${crypto.randomUUID().slice(0, 8)}`;
  assert.equal((await admin.storage.createBucket(id, { public: true })).error, null);
  try {
    const files = admin.storage.from(id);
    const page = "<html><script>alert(document.cookie)</script></html>";
    const uploads: [string, string][] = [["page.html", "text/html"], ["drawing.svg", "image/svg+xml"]];
    for (const [name, type] of uploads) {
      assert.equal((await files.upload(name, new Blob([page], { type }))).error, null);
    }
    // Outside photo buckets the declared type is kept; nosniff keeps a browser from reading it as a page.
    assert.equal((await files.upload("claims.png", new Blob([page], { type: "image/png" }))).error, null);
    for (
      const [name, sandboxed] of [["page.html", true], ["drawing.svg", true], ["claims.png", false]] as const
    ) {
      const response = await fetch(files.getPublicUrl(name).data.publicUrl);
      await response.body?.cancel();
      assert.equal(response.headers.get("x-content-type-options"), "nosniff", name);
      assert.equal(
        response.headers.get("content-security-policy"),
        sandboxed ? "default-src 'none'; sandbox" : null,
        name,
      );
    }
    // Nor can such a file be copied or moved into the photo bucket, where it would pass for a photo.
    const intoPhotos = { destinationBucket: BUCKET };
    const target = `${folderOf(a)}/claims.png`;
    assertStorageError((await files.copy("claims.png", target, intoPhotos)).error, "415");
    assertStorageError((await files.move("claims.png", target, intoPhotos)).error, "415");
    assertStorageError((await files.copy("page.html", target, intoPhotos)).error, "415");
  } finally {
    await admin.storage.emptyBucket(id);
    await admin.storage.deleteBucket(id);
  }
});

Deno.test("config.toml's buckets exist with their settings; only the service role manages buckets", async () => {
  const { data, error } = await admin.storage.getBucket(BUCKET);
  assert.equal(error, null);
  assert.deepEqual(
    { public: data!.public, limit: data!.file_size_limit, types: data!.allowed_mime_types },
    { public: false, limit: 5 * 1024 * 1024, types: ["image/jpeg", "image/png", "image/webp"] },
  );
  const [a] = await sharedSignedInUsers();
  assert.deepEqual((await a.client.storage.listBuckets()).data, []);
  assertStorageError(
    (await a.client.storage.createBucket(`citizen-${crypto.randomUUID()}`)).error,
    "403",
    "new row violates row-level security policy",
  );
});

Deno.test("the service role updates a bucket's settings; bad settings are refused and others may not", async () => {
  const id = `settings-${crypto.randomUUID().slice(0, 8)}`;
  assert.equal((await admin.storage.createBucket(id)).error, null);
  try {
    const updated = await admin.storage.updateBucket(id, {
      public: true,
      fileSizeLimit: "1MB",
      allowedMimeTypes: ["image/png"],
    });
    assert.equal(updated.error, null);
    assert.deepEqual(updated.data, { message: "Successfully updated" });
    const { data } = await admin.storage.getBucket(id);
    assert.deepEqual(
      { public: data!.public, limit: data!.file_size_limit, types: data!.allowed_mime_types },
      { public: true, limit: 1_000_000, types: ["image/png"] },
    );

    const put = (body: unknown, token = SERVICE_ROLE_KEY) =>
      fetch(`${STORAGE_URL}/bucket/${id}`, {
        method: "PUT",
        headers: { apikey: ANON_KEY, authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    for (
      const bad of [
        {},
        { public: "yes" },
        { file_size_limit: "lots" },
        { file_size_limit: 1.5 },
        { file_size_limit: -1 },
        { allowed_mime_types: "image/png" },
        { allowed_mime_types: ["png"] },
      ]
    ) {
      const response = await put(bad);
      assert.equal(response.status, 400, JSON.stringify(bad));
      assert.equal((await response.json()).statusCode, "400", JSON.stringify(bad));
    }
    const tooLarge = await put({ file_size_limit: "1GB" });
    assert.equal(tooLarge.status, 400);
    assert.equal((await tooLarge.json()).statusCode, "413");
    const missing = await admin.storage.updateBucket(`missing-${id}`, { public: false });
    assertStorageError(missing.error, "404", "Bucket not found");

    // Nothing above changed it, and a citizen cannot either (no RLS policy lets them).
    const [a] = await sharedSignedInUsers();
    const byCitizen = await put({ public: false, allowed_mime_types: null }, a.accessToken);
    assert.equal((await byCitizen.json()).statusCode, "404");
    const after = (await admin.storage.getBucket(id)).data!;
    assert.deepEqual(
      { public: after.public, limit: after.file_size_limit, types: after.allowed_mime_types },
      { public: true, limit: 1_000_000, types: ["image/png"] },
    );

    assert.equal((await admin.storage.updateBucket(id, { public: false, fileSizeLimit: null })).error, null);
    const cleared = (await admin.storage.getBucket(id)).data!;
    assert.deepEqual([cleared.public, cleared.file_size_limit], [false, null]);
  } finally {
    await admin.storage.deleteBucket(id);
  }
});

Deno.test("a public bucket serves its files to anyone; emptying and deleting it", async () => {
  const id = `notices-${crypto.randomUUID().slice(0, 8)}`;
  assert.equal(
    (await admin.storage.createBucket(id, { public: true, allowedMimeTypes: ["text/*"] })).error,
    null,
  );
  const files = admin.storage.from(id);
  assert.equal((await files.upload("2026/notice.txt", "ওয়ার্ড সভা", { contentType: "text/plain" })).error, null);

  const response = await fetch(
    supabaseClient().storage.from(id).getPublicUrl("2026/notice.txt").data.publicUrl,
  );
  assert.equal(response.status, 200);
  assert.equal(await response.text(), "ওয়ার্ড সভা");

  assertStorageError((await admin.storage.deleteBucket(id)).error, "409");
  assert.equal((await admin.storage.emptyBucket(id)).error, null);
  assert.equal((await admin.storage.deleteBucket(id)).error, null);
  assertStorageError((await admin.storage.getBucket(id)).error, "404", "Bucket not found");
});

Deno.test("requests with a forged or malformed JWT are refused", async () => {
  const forged = await signJwt({ role: "service_role" }).then((jwt) => jwt.slice(0, -2) + "xx");
  // Storage verifies with jose and answers with its messages.
  for (
    const [token, message] of [[forged, "signature verification failed"], [
      "not-a-jwt",
      "Invalid Compact JWS",
    ]]
  ) {
    const storage = supabaseClient({ accessToken: token }).storage;
    assertStorageError((await storage.listBuckets()).error, "403", message);
  }
});

Deno.test("stored photos survive a restart; what an interrupted upload left on disk is cleaned up", async () => {
  // A Storage service of its own on the stack's database, keeping its files in a temporary folder.
  const root = await Deno.makeTempDir({ prefix: "storage-test-" });
  const [a] = await sharedSignedInUsers();
  const path = `${folderOf(a)}/photo.jpg`;
  const request = (method: string, body?: Uint8Array<ArrayBuffer>) => {
    const headers = { authorization: `Bearer ${a.accessToken}`, "content-type": "image/jpeg" };
    return [
      new Request(`${STORAGE_URL}/object/${BUCKET}/${path}`, { method, headers, body }),
      { path: `/object/${BUCKET}/${path}`, clientAddress: "127.0.0.1" },
    ] as const;
  };
  let service = await createStorageService({ root });
  try {
    const uploaded = await service.handle(...request("POST", JPEG));
    assert.equal(uploaded.status, 200, await uploaded.text());
    await service.close();

    // A crash mid-upload leaves a staged file in tmp/, or bytes already moved into objects/ whose row
    // never committed.
    const staged = `${root}/tmp/${crypto.randomUUID()}`;
    const uncommitted = crypto.randomUUID();
    const moved = `${root}/objects/${uncommitted.slice(0, 2)}/${uncommitted}`;
    await Deno.writeFile(staged, JPEG);
    await Deno.mkdir(moved.slice(0, moved.lastIndexOf("/")), { recursive: true });
    await Deno.writeFile(moved, JPEG);

    service = await createStorageService({ root });
    const downloaded = await service.handle(...request("GET"));
    assert.equal(downloaded.status, 200);
    assert.deepEqual(await bytesOf(downloaded), JPEG);
    for (const leftover of [staged, moved]) {
      await assert.rejects(Deno.stat(leftover), Deno.errors.NotFound, `${leftover} was not cleaned up`);
    }
  } finally {
    await service.close();
    await Deno.remove(root, { recursive: true });
  }
});

// ---------------------------------------------------------------------------------------------------
// The shapes and messages of Supabase Storage itself (supabase/storage), which storage-js and apps see
// ---------------------------------------------------------------------------------------------------

/** A fresh bucket of the service role's for one test, emptied and deleted afterwards. */
async function withBucket(options: { public: boolean }, test: (id: string) => Promise<void>) {
  const id = `contract-${crypto.randomUUID().slice(0, 8)}`;
  assert.equal((await admin.storage.createBucket(id, options)).error, null);
  try {
    await test(id);
  } finally {
    await admin.storage.emptyBucket(id);
    await admin.storage.deleteBucket(id);
  }
}

Deno.test("a bucket reads as Storage shows it, and emptying it answers Storage's message", async () => {
  await withBucket({ public: true }, async (id) => {
    const { data: bucket, error } = await admin.storage.getBucket(id);
    assert.equal(error, null);
    assert.deepEqual(Object.keys(bucket!).sort(), [
      "allowed_mime_types",
      "created_at",
      "file_size_limit",
      "id",
      "name",
      "owner",
      "public",
      "updated_at",
    ]);
    const listed = (await admin.storage.listBuckets()).data!.find((entry) => entry.id === id)!;
    assert.deepEqual(listed, { ...bucket, type: "STANDARD" });

    const files = admin.storage.from(id);
    assert.equal((await files.upload("a/notice.txt", "নোটিশ", { contentType: "text/plain" })).error, null);
    const emptied = await admin.storage.emptyBucket(id);
    assert.equal(emptied.error, null);
    assert.deepEqual(emptied.data, {
      message: "Empty bucket has been queued. Completion may take up to an hour.",
    });
    assert.deepEqual((await files.list("a")).data, []);
  });
});

Deno.test("object info has Storage's fields: the uploader's metadata ({} when none), no updated_at", async () => {
  await withBucket({ public: false }, async (id) => {
    const files = admin.storage.from(id);
    await files.upload("plain.txt", "এক", { contentType: "text/plain" });
    await files.upload("tagged.txt", "দুই", { contentType: "text/plain", metadata: { ward: "12" } });

    const { data: plain, error } = await files.info("plain.txt");
    assert.equal(error, null);
    assert.deepEqual(plain!.metadata, {});
    assert.equal(plain!.size, new TextEncoder().encode("এক").length);
    assert.equal(plain!.contentType, "text/plain");
    assert.deepEqual((await files.info("tagged.txt")).data!.metadata, { ward: "12" });

    const raw = await fetch(`${STORAGE_URL}/object/info/${id}/plain.txt`, {
      headers: { authorization: `Bearer ${SERVICE_ROLE_KEY}` },
    });
    const body = await raw.json();
    assert.deepEqual(Object.keys(body).sort(), [
      "bucket_id",
      "cache_control",
      "content_type",
      "created_at",
      "etag",
      "id",
      "last_modified",
      "metadata",
      "name",
      "size",
      "version",
    ]);
  });
});

Deno.test("without apikey or Authorization, Storage answers jose's message for the missing token", async () => {
  const response = await fetch(`${STORAGE_URL}/bucket`);
  assert.equal(response.status, 400);
  assert.deepEqual(await response.json(), {
    statusCode: "403",
    code: "AccessDenied",
    error: "Unauthorized",
    message: "Invalid Compact JWS",
  });
});

Deno.test("listV2 pages through what the caller may read, with folders as common prefixes", async () => {
  const [a, b] = await sharedSignedInUsers();
  const { folder, photos } = await folderWithPhotos(a, ["c.jpg", "a.jpg", "b.jpg", "deeper/d.jpg"]);

  const top = await photos.listV2({ prefix: `${folder}/`, with_delimiter: true });
  assert.equal(top.error, null);
  assert.deepEqual(
    top.data!.folders.map((entry) => [entry.key, entry.name]),
    [["deeper", `${folder}/deeper/`]],
  );
  assert.deepEqual(
    top.data!.objects.map((entry) => entry.name),
    ["a", "b", "c"].map((n) => `${folder}/${n}.jpg`),
  );
  assert.equal(top.data!.hasNext, false);

  // Two at a time, newest first, following the cursor; without the delimiter the deeper file counts too.
  const names: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await photos.listV2({
      prefix: folder,
      limit: 2,
      cursor,
      sortBy: { column: "created_at", order: "desc" },
    });
    assert.equal(page.error, null);
    assert.ok(page.data!.objects.length <= 2);
    names.push(...page.data!.objects.map((entry) => entry.name.slice(folder.length + 1)));
    cursor = page.data!.hasNext ? page.data!.nextCursor : undefined;
  } while (cursor);
  assert.deepEqual(names, ["deeper/d.jpg", "b.jpg", "a.jpg", "c.jpg"]);

  // B's listing of A's folder is empty: RLS decides as for every other read.
  const asB = await b.client.storage.from(BUCKET).listV2({ prefix: folder });
  assert.deepEqual(asB.data, { hasNext: false, folders: [], objects: [] });
  assertStorageError(
    (await photos.listV2({ prefix: folder, cursor: "not-a-cursor" })).error,
    "400",
    "Invalid cursor",
  );
});
