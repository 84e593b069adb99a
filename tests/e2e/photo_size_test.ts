/**
 * The photo a phone sends never weighs more than 300 KB, whatever was photographed: the worst case for any
 * encoder is pure noise (every pixel random), which at 12 MP and 1600 px weighs megabytes at the usual
 * quality. The complaint form's own preparation code (lib/complaints/browser/prepare_photo.ts) runs in
 * headless Chromium on a 12 MP noise JPEG and on a camera-like one, which must keep its full 1600 px.
 */
import assert from "node:assert/strict";
import * as esbuild from "esbuild";
import type { Page } from "playwright-core";
import { browserTest, cameraPhoto } from "../support/browser.ts";
import { MAX_BYTES } from "@/lib/complaints/browser/prepare_photo.ts";

/** The module as the browser runs it, its exports on `globalThis.photo`. */
async function preparePhotoScript(): Promise<string> {
  const { outputFiles } = await esbuild.build({
    entryPoints: [new URL("../../lib/complaints/browser/prepare_photo.ts", import.meta.url).pathname],
    bundle: true,
    format: "iife",
    globalName: "photo",
    write: false,
  });
  return outputFiles[0].text;
}

/** 4000 × 3000 pixels of random colours, as a JPEG at quality 0.92 (what a camera writes). */
async function noisePhoto(page: Page): Promise<number> {
  return await page.evaluate(async () => {
    const canvas = document.createElement("canvas");
    canvas.width = 4000;
    canvas.height = 3000;
    const context = canvas.getContext("2d")!;
    const pixels = context.createImageData(canvas.width, canvas.height);
    const random = new Uint32Array(pixels.data.buffer);
    for (let i = 0; i < random.length; i += 16384) crypto.getRandomValues(random.subarray(i, i + 16384));
    for (let i = 3; i < pixels.data.length; i += 4) pixels.data[i] = 255;
    context.putImageData(pixels, 0, 0);
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), "image/jpeg", 0.92));
    (globalThis as unknown as { original: Blob }).original = blob;
    return blob.size;
  });
}

/** Prepares the photo left in `globalThis.original` as the form does; its size and dimensions. */
function prepare(page: Page) {
  return page.evaluate(async () => {
    const { photo, original } = globalThis as unknown as {
      original: Blob;
      photo: { preparePhoto(file: Blob): Promise<{ blob: Blob; width: number; height: number }> };
    };
    const prepared = await photo.preparePhoto(original);
    return {
      bytes: prepared.blob.size,
      type: prepared.blob.type,
      width: prepared.width,
      height: prepared.height,
    };
  });
}

browserTest("a 12 MP photo of pure noise leaves the phone at 300 KB at most", async (browser) => {
  const page = await browser.newPage();
  await page.addScriptTag({ content: await preparePhotoScript() });

  const originalBytes = await noisePhoto(page);
  assert.ok(originalBytes > 10_000_000, `the noise photo is camera-sized (${originalBytes} bytes)`);
  const noise = await prepare(page);
  assert.ok(noise.bytes <= MAX_BYTES, `pure noise came out at ${noise.bytes} bytes`);
  assert.equal(noise.type, "image/webp");
  assert.ok(Math.max(noise.width, noise.height) >= 640, `still a picture: ${noise.width} × ${noise.height}`);

  const camera = await cameraPhoto(page);
  await page.evaluate((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    (globalThis as unknown as { original: Blob }).original = new Blob([bytes], { type: "image/jpeg" });
  }, camera.toString("base64"));
  const ordinary = await prepare(page);
  assert.deepEqual([ordinary.width, ordinary.height], [1600, 1200], "an ordinary photo keeps 1600 px");
  assert.ok(ordinary.bytes <= MAX_BYTES);
});
