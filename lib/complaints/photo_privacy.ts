/**
 * Photos sent to the server arrive as the camera (or whoever sent them) wrote them. Phones put the place a
 * photo was taken into its metadata; `withoutLocation` takes it out before anything is stored (a complaint
 * keeps the location the citizen chose to give, if any), for complaint, chat and gallery photos alike:
 *
 *   - JPEG: the EXIF GPS directory is blanked; everything else in EXIF, the orientation flag included,
 *     stays, so the photo still shows the right way up. XMP packets, which may repeat the position, go.
 *   - WebP: the EXIF and XMP chunks go, and the VP8X header stops announcing them.
 *   - PNG: the eXIf chunk and every text chunk (tEXt, zTXt, iTXt: XMP, and "Raw profile type exif") go.
 *
 * A file whose structure cannot be followed to its end is refused (null), never stored as it came.
 */
import { imageTypeOf } from "../image_type.ts";

/** A copy of the photo without location metadata; null when it is not a JPEG, PNG or WebP it can follow. */
export function withoutLocation(photo: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> | null {
  switch (imageTypeOf(photo)) {
    case "image/jpeg":
      return jpegWithoutGps(photo);
    case "image/webp":
      return webpWithoutMetadata(photo);
    case "image/png":
      return pngWithoutMetadata(photo);
    default:
      return null;
  }
}

const GPS_IFD_POINTER = 0x8825;
/** Bytes per value of each TIFF field type (1 BYTE … 12 DOUBLE). */
const TYPE_SIZES = [0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8];
const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0, 0]; // "Exif\0\0"
const XMP_HEADER = new TextEncoder().encode("http://ns.adobe.com/xap/1.0/");
const START_OF_SCAN = 0xda;

/** The JPEG's segments up to the image data, GPS blanked and XMP left out; null if they do not reach it. */
function jpegWithoutGps(jpeg: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> | null {
  const copy = jpeg.slice();
  const keep: [number, number][] = [[0, 2]];
  let offset = 2;
  while (offset + 4 <= copy.length && copy[offset] === 0xff && copy[offset + 1] !== START_OF_SCAN) {
    if (copy[offset + 1] === 0xff) {
      offset += 1; // a fill byte before the marker (allowed; some encoders write them): left out
      continue;
    }
    const length = (copy[offset + 2] << 8) | copy[offset + 3];
    const end = offset + 2 + length;
    if (length < 2 || end > copy.length) return null;
    const payload = copy.subarray(offset + 4, end);
    const isApp1 = copy[offset + 1] === 0xe1;
    if (isApp1 && startsWith(payload, EXIF_HEADER)) blankGps(payload.subarray(EXIF_HEADER.length));
    if (!(isApp1 && startsWith(payload, XMP_HEADER))) keep.push([offset, end]);
    offset = end;
  }
  if (copy[offset] !== 0xff || copy[offset + 1] !== START_OF_SCAN) return null;
  keep.push([offset, copy.length]);
  return joined(copy, keep);
}

const WEBP_DROPPED = new Set(["EXIF", "XMP "]);
/** VP8X header flags saying an EXIF (0x08) or XMP (0x04) chunk follows. */
const VP8X_METADATA_FLAGS = 0x08 | 0x04;

/** The WebP's chunks without EXIF and XMP, its sizes put right; null when a chunk runs past the file. */
function webpWithoutMetadata(webp: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> | null {
  const copy = webp.slice();
  const view = new DataView(copy.buffer);
  if (copy.length < 20) return null;
  const end = Math.min(copy.length, 8 + view.getUint32(4, true));
  const keep: [number, number][] = [[0, 12]];
  let offset = 12;
  while (offset < end) {
    if (offset + 8 > end) return null;
    const fourcc = ascii(copy, offset, 4);
    const chunkEnd = offset + 8 + view.getUint32(offset + 4, true);
    const paddedEnd = chunkEnd + (chunkEnd % 2);
    if (chunkEnd > end) return null;
    if (fourcc === "VP8X" && chunkEnd > offset + 8) copy[offset + 8] &= ~VP8X_METADATA_FLAGS;
    if (!WEBP_DROPPED.has(fourcc)) keep.push([offset, Math.min(paddedEnd, end)]);
    offset = paddedEnd;
  }
  const result = joined(copy, keep);
  new DataView(result.buffer).setUint32(4, result.length - 8, true);
  return result;
}

const PNG_DROPPED = new Set(["eXIf", "tEXt", "zTXt", "iTXt"]);

/** The PNG's chunks up to IEND without EXIF and text; null when a chunk runs past the file or IEND is missing. */
function pngWithoutMetadata(png: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> | null {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const keep: [number, number][] = [[0, 8]];
  let offset = 8;
  while (offset + 12 <= png.length) {
    const type = ascii(png, offset + 4, 4);
    const chunkEnd = offset + 12 + view.getUint32(offset);
    if (chunkEnd > png.length) return null;
    if (!PNG_DROPPED.has(type)) keep.push([offset, chunkEnd]);
    if (type === "IEND") return joined(png, keep);
    offset = chunkEnd;
  }
  return null;
}

const ascii = (bytes: Uint8Array, at: number, length: number) =>
  String.fromCharCode(...bytes.subarray(at, at + length));

/** The `ranges` of `bytes`, one after another, as a new array. */
function joined(bytes: Uint8Array, ranges: [number, number][]): Uint8Array<ArrayBuffer> {
  const size = ranges.reduce((total, [from, to]) => total + to - from, 0);
  const result = new Uint8Array(size);
  let at = 0;
  for (const [from, to] of ranges) {
    result.set(bytes.subarray(from, to), at);
    at += to - from;
  }
  return result;
}

function startsWith(bytes: Uint8Array, prefix: ArrayLike<number>): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** Zeroes every value of the GPS directory in a TIFF block (EXIF), in place. */
function blankGps(tiff: Uint8Array): void {
  if (tiff.length < 8) return;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const little = tiff[0] === 0x49; // "II"; "MM" is big-endian
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  const entries = (ifd: number) => {
    if (ifd + 2 > tiff.length) return [];
    const count = u16(ifd);
    return Array.from({ length: count }, (_, i) => ifd + 2 + i * 12).filter((entry) =>
      entry + 12 <= tiff.length
    );
  };

  const pointer = entries(u32(4)).find((entry) => u16(entry) === GPS_IFD_POINTER);
  if (pointer === undefined) return;
  for (const entry of entries(u32(pointer + 8))) {
    const size = (TYPE_SIZES[u16(entry + 2)] ?? 1) * u32(entry + 4);
    if (size <= 4) {
      tiff.fill(0, entry + 8, entry + 12);
    } else {
      const at = u32(entry + 8);
      tiff.fill(0, Math.min(at, tiff.length), Math.min(at + size, tiff.length));
    }
  }
}
