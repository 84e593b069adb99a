/**
 * The streaming multipart reader gets the file out byte for byte however the body is cut into chunks,
 * including files that contain text looking like a boundary.
 */
import assert from "node:assert/strict";
import { multipartBoundary, readMultipartUpload } from "../storage/multipart.ts";

/** The body a browser or storage-js would send for this form, as bytes plus its Content-Type. */
async function encode(form: FormData): Promise<{ bytes: Uint8Array; contentType: string }> {
  const response = new Response(form);
  return {
    bytes: new Uint8Array(await response.arrayBuffer()),
    contentType: response.headers.get("content-type")!,
  };
}

function chunked(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset += size));
    },
  });
}

async function collect(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for await (const chunk of source) parts.push(chunk.slice());
  return new Uint8Array(await new Blob(parts).arrayBuffer());
}

Deno.test("fields and the file part come through whatever the chunk size", async () => {
  const content = new TextEncoder().encode("line one\r\n--not-the-boundary\r\n\r\n--\r\nend");
  const form = new FormData();
  form.append("cacheControl", "3600");
  form.append("metadata", JSON.stringify({ ward: 7 }));
  form.append("", new Blob([content], { type: "image/png" }));
  const { bytes, contentType } = await encode(form);
  const boundary = multipartBoundary(contentType)!;

  for (const size of [1, 2, 3, 7, 64, bytes.length]) {
    const upload = await readMultipartUpload(chunked(bytes, size), boundary);
    assert.equal(upload.fields.get("cacheControl"), "3600", `chunk size ${size}`);
    assert.equal(upload.fields.get("metadata"), '{"ward":7}');
    assert.equal(upload.contentType, "image/png");
    assert.deepEqual(await collect(upload.body), content, `chunk size ${size}`);
  }
});

Deno.test("a body that ends before its closing boundary is refused", async () => {
  const form = new FormData();
  form.append("", new Blob([new Uint8Array(1000).fill(1)], { type: "image/jpeg" }));
  const { bytes, contentType } = await encode(form);
  const upload = await readMultipartUpload(
    chunked(bytes.slice(0, 600), 100),
    multipartBoundary(contentType)!,
  );
  await assert.rejects(collect(upload.body), /Malformed multipart body/);
});

Deno.test("a form without a file part is refused", async () => {
  const form = new FormData();
  form.append("cacheControl", "60");
  const { bytes, contentType } = await encode(form);
  await assert.rejects(
    readMultipartUpload(chunked(bytes, 16), multipartBoundary(contentType)!),
    /No content provided/,
  );
});
