/**
 * Photos sent without JavaScript arrive as the camera wrote them. Phones put the place a photo was taken
 * into its EXIF data; this blanks that out of JPEGs before they are stored (the complaint keeps the
 * location the citizen chose to give, if any). Everything else, the orientation flag included, stays, so
 * the photo still shows the right way up. XMP packets, which may repeat the position, are dropped.
 */

const GPS_IFD_POINTER = 0x8825;
/** Bytes per value of each TIFF field type (1 BYTE … 12 DOUBLE). */
const TYPE_SIZES = [0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8];
const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0, 0]; // "Exif\0\0"
const XMP_HEADER = new TextEncoder().encode("http://ns.adobe.com/xap/1.0/");
const START_OF_SCAN = 0xda;

/** A copy of the JPEG without GPS position; other files (and JPEGs it cannot read) come back unchanged. */
export function withoutGpsPosition(jpeg: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return jpeg;
  const copy = jpeg.slice();
  const keep: [number, number][] = [[0, 2]];
  let offset = 2;
  while (offset + 4 <= copy.length && copy[offset] === 0xff) {
    const marker = copy[offset + 1];
    if (marker === START_OF_SCAN) break;
    const length = (copy[offset + 2] << 8) | copy[offset + 3];
    const end = offset + 2 + length;
    if (length < 2 || end > copy.length) return jpeg;
    const payload = copy.subarray(offset + 4, end);
    const isApp1 = marker === 0xe1;
    if (isApp1 && startsWith(payload, EXIF_HEADER)) blankGps(payload.subarray(EXIF_HEADER.length));
    if (!(isApp1 && startsWith(payload, XMP_HEADER))) keep.push([offset, end]);
    offset = end;
  }
  keep.push([offset, copy.length]);
  const size = keep.reduce((total, [from, to]) => total + to - from, 0);
  const result = new Uint8Array(size);
  let at = 0;
  for (const [from, to] of keep) {
    result.set(copy.subarray(from, to), at);
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
