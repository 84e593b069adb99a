import assert from "node:assert/strict";
import { withoutGpsPosition } from "@/lib/complaints/photo_privacy.ts";

/** A little-endian TIFF block: IFD0 with Orientation = 6 and a GPS pointer; GPS IFD with N 23°48'36". */
function exifWithGps(): Uint8Array {
  const tiff = new Uint8Array(8 + 2 + 2 * 12 + 4 + 2 + 2 * 12 + 4 + 24);
  const view = new DataView(tiff.buffer);
  tiff.set([0x49, 0x49, 42, 0]);
  view.setUint32(4, 8, true);
  const entry = (at: number, tag: number, type: number, count: number, value: number) => {
    view.setUint16(at, tag, true);
    view.setUint16(at + 2, type, true);
    view.setUint32(at + 4, count, true);
    view.setUint32(at + 8, value, true);
  };
  view.setUint16(8, 2, true);
  entry(10, 0x0112, 3, 1, 6); // Orientation: rotate 90°
  const gpsIfd = 8 + 2 + 24 + 4;
  entry(22, 0x8825, 4, 1, gpsIfd);
  view.setUint16(gpsIfd, 2, true);
  const latitude = gpsIfd + 2 + 24 + 4;
  entry(gpsIfd + 2, 0x0001, 2, 2, 0x4e); // GPSLatitudeRef "N"
  entry(gpsIfd + 14, 0x0002, 5, 3, latitude); // GPSLatitude, three rationals
  [23, 1, 48, 1, 36, 1].forEach((n, i) => view.setUint32(latitude + i * 4, n, true));
  return tiff;
}

function segment(marker: number, payload: Uint8Array): Uint8Array {
  const length = payload.length + 2;
  return new Uint8Array([0xff, marker, length >> 8, length & 0xff, ...payload]);
}

const concat = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((part) => [...part]));
const text = (value: string) => new TextEncoder().encode(value);

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

  const cleaned = withoutGpsPosition(jpeg);
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

Deno.test("files that are not JPEGs, or JPEGs it cannot follow, come back unchanged", () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
  assert.equal(withoutGpsPosition(png), png);
  const truncated = new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0x40, 0x00, 1, 2]);
  assert.equal(withoutGpsPosition(truncated), truncated);
});
