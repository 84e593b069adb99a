/**
 * Makes a phone photo small enough for a slow connection before it leaves the phone: decoded (upright,
 * whatever the camera's orientation flag says), scaled so the long edge is at most 1600 px, re-encoded as
 * WebP (JPEG where the browser cannot write WebP) at quality 0.7. A 12 MP photo comes out around
 * 100-250 KB. A photo that compresses badly (a busy scene, sensor noise) is encoded again at lower quality
 * at 1600 px first, so it stays legible, and only then smaller, until it weighs at most MAX_BYTES: the
 * result always fits, whatever the photo. Re-encoding drops EXIF, including any GPS position in it.
 * Browser only.
 */

import { type EncodedImage, encodeScaled } from "../../image_encode.ts";

const LONG_EDGE_PX = 1600;
/** Qualities tried at full size, best first; the last one is kept while the size comes down. */
const QUALITIES = [0.7, 0.55, 0.4];
/** The most a prepared photo weighs (300 KB). */
export const MAX_BYTES = 300 * 1000;
/** Each further attempt scales the long edge by this. */
const SHRINK = 0.8;

/** Throws when the browser cannot decode the file (not an image, or a format it does not read). */
export async function preparePhoto(file: Blob): Promise<EncodedImage> {
  const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  try {
    let longEdge = LONG_EDGE_PX;
    // Ends: every attempt after the qualities are used up has 0.64× the pixels of the one before, and a
    // picture of a few thousand pixels weighs a few KB at any content.
    for (let attempt = 0;; attempt++) {
      const quality = QUALITIES[Math.min(attempt, QUALITIES.length - 1)];
      if (attempt >= QUALITIES.length) longEdge = Math.max(1, Math.round(longEdge * SHRINK));
      const encoded = await encodeScaled(bitmap, longEdge, quality);
      if (encoded.blob.size <= MAX_BYTES) return encoded;
    }
  } finally {
    bitmap.close();
  }
}
