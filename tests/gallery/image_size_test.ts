import assert from "node:assert/strict";
import { imageSize } from "@/lib/gallery/image_size.ts";
import { webpHeader } from "./support.ts";

Deno.test("the pixel size is read from PNG, WebP (VP8X, VP8L, VP8) and JPEG headers", () => {
  const png = new Uint8Array(24);
  png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(png.buffer).setUint32(16, 4000);
  new DataView(png.buffer).setUint32(20, 3000);
  assert.deepEqual(imageSize(png), { width: 4000, height: 3000 });

  assert.deepEqual(imageSize(webpHeader(1600, 900)), { width: 1600, height: 900 });

  const lossless = new Uint8Array(30);
  lossless.set(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8L"));
  lossless[20] = 0x2f;
  new DataView(lossless.buffer).setUint32(21, (399) | (299 << 14), true);
  assert.deepEqual(imageSize(lossless), { width: 400, height: 300 });

  const lossy = new Uint8Array(30);
  lossy.set(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "));
  new DataView(lossy.buffer).setUint16(26, 640, true);
  new DataView(lossy.buffer).setUint16(28, 480, true);
  assert.deepEqual(imageSize(lossy), { width: 640, height: 480 });

  // SOI, an APP0 segment, then a baseline start of frame: 8 bits, height 3024, width 4032.
  const jpeg = new Uint8Array([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0,
    4,
    0,
    0,
    0xff,
    0xc0,
    0,
    11,
    8,
    0x0b,
    0xd0,
    0x0f,
    0xc0,
    3,
    1,
    0x22,
    0,
  ]);
  assert.deepEqual(imageSize(jpeg), { width: 4032, height: 3024 });
});

Deno.test("anything else, or a header cut short, has no size", () => {
  assert.equal(imageSize(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>")), null);
  assert.equal(imageSize(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4])), null);
  assert.equal(imageSize(new Uint8Array()), null);
});
