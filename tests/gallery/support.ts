/** Image bytes for the gallery tests: just a valid header, enough for content checks and Storage. */

/** An extended WebP (VP8X) header saying `width` × `height`, then an empty chunk (the file ends where it says). */
export function webpHeader(width: number, height: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(64);
  bytes.set(new TextEncoder().encode("VP8 "), 30);
  new DataView(bytes.buffer).setUint32(34, bytes.length - 38, true);
  bytes.set(new TextEncoder().encode("RIFF"));
  new DataView(bytes.buffer).setUint32(4, bytes.length - 8, true);
  bytes.set(new TextEncoder().encode("WEBPVP8X"), 8);
  new DataView(bytes.buffer).setUint32(16, 10, true);
  const u24 = (at: number, value: number) => bytes.set([value & 0xff, (value >> 8) & 0xff, value >> 16], at);
  u24(24, width - 1);
  u24(27, height - 1);
  return bytes;
}
