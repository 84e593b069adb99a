/**
 * Makes the gallery's two sizes of a photo in the staff member's browser, once, before upload: decoded
 * upright, scaled so the long edge is at most 400 px (thumbnail) and 1600 px (large), re-encoded as WebP
 * (JPEG where the browser cannot write WebP). Re-encoding drops EXIF, GPS position included, so neither
 * the original nor its location ever leaves the computer. Browser only.
 */
import { GALLERY_LONG_EDGES } from "./sizes.ts";

export interface PreparedSizes {
  thumb: Blob;
  large: Blob;
}

export async function prepareSizes(file: Blob): Promise<PreparedSizes> {
  const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  try {
    return {
      thumb: await encode(bitmap, GALLERY_LONG_EDGES.thumb, 0.75),
      large: await encode(bitmap, GALLERY_LONG_EDGES.large, 0.8),
    };
  } finally {
    bitmap.close();
  }
}

async function encode(bitmap: ImageBitmap, longEdge: number, quality: number): Promise<Blob> {
  const scale = Math.min(1, longEdge / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const context = canvas.getContext("2d");
  if (!context) throw new Error("no 2D canvas");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.imageSmoothingQuality = "high";
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  const webp = await toBlob(canvas, "image/webp", quality);
  const blob = webp.type === "image/webp" ? webp : await toBlob(canvas, "image/jpeg", quality);
  canvas.width = canvas.height = 0;
  return blob;
}

function toBlob(canvas: HTMLCanvasElement, type: string, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => blob ? resolve(blob) : reject(new Error(`could not encode ${type}`)),
      type,
      quality,
    )
  );
}
