import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "../server/mod.ts";
import { setDevMode } from "../server/dev_mode.ts";
import type { FreshConfig, Manifest } from "../server/types.ts";
import { describeStatus, MANIFEST_FILE, manifestStatus, updateManifest } from "./manifest.ts";

/**
 * The project's `dev.ts`: `dev(import.meta.url, "./main.ts", config)`.
 * - no argument: regenerate `fresh.gen.ts` if the file list changed, then run the entry point (islands
 *   are bundled in memory at startup, ignoring `_fresh/`);
 * - `build`: regenerate, then bundle the islands into `_fresh/` and return;
 * - `check`: report whether `fresh.gen.ts` is stale, with exit code 1 when it is.
 */
export async function dev(base: string, entrypoint: string, config: FreshConfig = {}): Promise<void> {
  const projectDir = dirname(fileURLToPath(base));
  if (Deno.args.includes("check")) {
    const status = await manifestStatus(projectDir);
    if (status.upToDate) {
      console.log(describeStatus(status));
    } else {
      console.error(describeStatus(status));
      Deno.exitCode = 1;
    }
    return;
  }
  if (await updateManifest(projectDir)) console.log(`Fresh: regenerated ${MANIFEST_FILE}`);
  if (Deno.args.includes("build")) {
    const manifest: Manifest = (await import(pathToFileURL(join(projectDir, MANIFEST_FILE)).href)).default;
    await build(manifest, config);
    console.log(`Fresh: built the island bundle into ${config.build?.outDir ?? join(projectDir, "_fresh")}`);
    return;
  }
  setDevMode(true);
  await import(new URL(entrypoint, base).href);
}
