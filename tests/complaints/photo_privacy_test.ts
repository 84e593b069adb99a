import assert from "node:assert/strict";
import { withoutLocation } from "@/lib/complaints/photo_privacy.ts";
import { imageSize } from "@/lib/gallery/image_size.ts";
import {
  carriesLocation,
  concat,
  exifWithGps,
  gpsJpeg,
  gpsWebp,
  segment,
  text,
  webpOf,
} from "../support/gps_photos.ts";

Deno.test("GPS position is blanked out of a JPEG's EXIF; orientation and the image stay; XMP goes", () => {
  const scan = new Uint8Array([0xff, 0xda, 0, 4, 1, 2, 0x11, 0x22, 0x33, 0xff, 0xd9]);
  const xmp = segment(0xe1, concat(text("http://ns.adobe.com/xap/1.0/\0"), text("<exif:GPSLatitude>23,48N")));
  const jpeg = concat(
    new Uint8Array([0xff, 0xd8]),
    segment(0xe0, text("JFIF\0\x01\x01")),
    segment(0xe1, concat(text("Exif\0\0"), exifWithGps())),
    xmp,
    scan,
  ) as Uint8Array<ArrayBuffer>;

  const cleaned = withoutLocation(jpeg)!;
  assert.equal(cleaned.length, jpeg.length - xmp.length, "the XMP packet is gone");
  assert.deepEqual([...cleaned.subarray(cleaned.length - scan.length)], [...scan], "image data untouched");
  const tiffAt = 2 + (4 + 7) + 4 + 6;
  const tiff = new DataView(cleaned.buffer, tiffAt);
  assert.equal(tiff.getUint16(10 + 8, true), 6, "orientation kept");
  const gpsIfd = 8 + 2 + 24 + 4;
  assert.equal(tiff.getUint32(gpsIfd + 2 + 8, true), 0, "latitude reference blanked");
  const latitude = gpsIfd + 2 + 24 + 4;
  for (let i = 0; i < 6; i++) assert.equal(tiff.getUint32(latitude + i * 4, true), 0, "latitude blanked");
  assert.notEqual(jpeg[tiffAt + latitude], 0, "the original is left as it was");
});

function chunksOf(file: Uint8Array): string[] {
  const view = new DataView(file.buffer, file.byteOffset);
  const names: string[] = [];
  for (
    let at = 12;
    at + 8 <= file.length;
    at += 8 + view.getUint32(at + 4, true) + (view.getUint32(at + 4, true) % 2)
  ) {
    names.push(String.fromCharCode(...file.subarray(at, at + 4)));
  }
  return names;
}

Deno.test("a WebP loses its EXIF and XMP chunks, its header stops announcing them, the image stays", () => {
  const vp8x = new Uint8Array(10);
  vp8x[0] = 0x08 | 0x04 | 0x10; // EXIF, XMP, alpha
  const image = new Uint8Array([1, 2, 3, 4, 5]);
  const original = webpOf(
    ["VP8X", vp8x],
    ["ALPH", new Uint8Array([9])],
    ["VP8 ", image],
    ["EXIF", exifWithGps()],
    ["XMP ", text("<exif:GPSLatitude>23,48N</exif:GPSLatitude>")],
  );

  const cleaned = withoutLocation(original)!;
  assert.deepEqual(chunksOf(cleaned), ["VP8X", "ALPH", "VP8 "]);
  assert.equal(cleaned[20], 0x10, "only the alpha flag is left in VP8X");
  assert.equal(new DataView(cleaned.buffer).getUint32(4, true), cleaned.length - 8, "RIFF size put right");
  assert.ok(!new TextDecoder("latin1").decode(cleaned).includes("GPS"));
  assert.equal(original[20], 0x1c, "the original is left as it was");
});

Deno.test("a PNG loses its eXIf and text chunks (XMP, raw EXIF profiles); nothing after IEND is kept", () => {
  const chunk = (type: string, data: Uint8Array) => {
    const header = new Uint8Array(8);
    new DataView(header.buffer).setUint32(0, data.length);
    header.set(text(type), 4);
    return concat(header, data, new Uint8Array(4));
  };
  const png = concat(
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", new Uint8Array(13)),
    chunk("eXIf", exifWithGps()),
    chunk("iTXt", text("XML:com.adobe.xmp\0\0\0\0\0<exif:GPSLatitude>23,48N")),
    chunk("tEXt", text("Raw profile type exif\0GPS")),
    chunk("IDAT", new Uint8Array([7, 7, 7])),
    chunk("IEND", new Uint8Array()),
    text("GPS trailer"),
  ) as Uint8Array<ArrayBuffer>;

  const cleaned = withoutLocation(png)!;
  const kept = concat(
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", new Uint8Array(13)),
    chunk("IDAT", new Uint8Array([7, 7, 7])),
    chunk("IEND", new Uint8Array()),
  );
  assert.deepEqual([...cleaned], [...kept]);
});

Deno.test("files it cannot follow to the end, or that are no photo, are refused rather than stored as sent", () => {
  assert.equal(
    withoutLocation(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 99])),
    null,
  );
  assert.equal(withoutLocation(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0x40, 0x00, 1, 2])), null);
  const cut = webpOf(["VP8 ", new Uint8Array(8)], ["EXIF", exifWithGps()]);
  assert.equal(withoutLocation(cut.subarray(0, cut.length - 10)), null, "an EXIF chunk cut short");
  assert.equal(withoutLocation(text("<svg onload=alert(1)>") as Uint8Array<ArrayBuffer>), null);
});

Deno.test("a phone's JPEG and WebP say where they were taken; cleaned, neither does, and their size still reads", () => {
  for (const photo of [gpsJpeg(1600, 1200), gpsWebp(400, 300)]) {
    assert.ok(carriesLocation(photo), "the test photo has a position to take out");
    const cleaned = withoutLocation(photo)!;
    assert.ok(!carriesLocation(cleaned));
    assert.deepEqual(imageSize(cleaned), imageSize(photo));
  }
});

Deno.test("fill bytes before a JPEG marker are allowed: the photo is kept, its position still taken out", () => {
  const photo = gpsJpeg(800, 600);
  const app1 = 2; // the EXIF segment follows the start of image
  const filled = concat(photo.subarray(0, app1), new Uint8Array([0xff, 0xff]), photo.subarray(app1));
  const cleaned = withoutLocation(filled);
  assert.ok(cleaned, "not refused");
  assert.ok(!carriesLocation(cleaned));
  assert.deepEqual(imageSize(cleaned), { width: 800, height: 600 });
});
