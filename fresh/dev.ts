/** `$fresh/dev.ts`: `await dev(import.meta.url, "./main.ts", config)` in the project's `dev.ts`. */
export { dev, dev as default } from "./src/dev/mod.ts";
export { collectProjectFiles, manifestSource, manifestStatus, updateManifest } from "./src/dev/manifest.ts";
