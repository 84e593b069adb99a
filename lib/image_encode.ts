/**
 * Re-encodes a decoded picture in the browser, scaled down so its long edge is at most `longEdge` (never
 * up), as WebP (JPEG where the browser cannot write WebP) on white. Re-encoding drops EXIF, GPS position
 * included. Complaint photos and the gallery's sizes are made with it. Browser only.
 */

export interface EncodedImage {
  blob: Blob;
  width: number;
  height: number;
}

export async function encodeScaled(
  bitmap: ImageBitmap,
  longEdge: number,
  quality: number,
): Promise<EncodedImage> {
  const scale = Math.min(1, longEdge / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("no 2D canvas");
  // Transparent PNGs would turn black in JPEG.
  context.fillStyle = "#fff";
  context.fillRect(0, 0, width, height);
  context.imageSmoothingQuality = "high";
  context.drawImage(bitmap, 0, 0, width, height);
  const webp = await toBlob(canvas, "image/webp", quality);
  // Browsers that cannot write WebP hand back a PNG instead.
  const blob = webp.type === "image/webp" ? webp : await toBlob(canvas, "image/jpeg", quality);
  canvas.width = canvas.height = 0; // frees the pixels at once on low-memory phones
  return { blob, width, height };
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
