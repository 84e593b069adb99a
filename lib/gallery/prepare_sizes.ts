/**
 * Makes the gallery's two sizes of a photo in the staff member's browser, once, before upload: decoded
 * upright, scaled so the long edge is at most 400 px (thumbnail) and 1600 px (large), re-encoded as WebP
 * (JPEG where the browser cannot write WebP). Re-encoding drops EXIF, GPS position included, so neither
 * the original nor its location ever leaves the computer. Browser only.
 */
import { GALLERY_LONG_EDGES } from "./sizes.ts";
import { encodeScaled } from "../image_encode.ts";

export interface PreparedSizes {
  thumb: Blob;
  large: Blob;
}

export async function prepareSizes(file: Blob): Promise<PreparedSizes> {
  const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  try {
    return {
      thumb: (await encodeScaled(bitmap, GALLERY_LONG_EDGES.thumb, 0.75)).blob,
      large: (await encodeScaled(bitmap, GALLERY_LONG_EDGES.large, 0.8)).blob,
    };
  } finally {
    bitmap.close();
  }
}
