import assert from "node:assert/strict";
import { join } from "node:path";
import { createHandler } from "$fresh/server.ts";
import { build } from "../src/server/mod.ts";
import manifest from "./fixture/fresh.gen.ts";
import config from "./fixture/fresh.config.ts";

async function mainScript(handler: Awaited<ReturnType<typeof createHandler>>): Promise<Uint8Array> {
  const page = await (await handler(new Request("http://localhost/islands"))).text();
  const src = /<script type="module"[^>]* src="([^"]+)"/.exec(page)![1];
  const response = await handler(new Request("http://localhost" + src));
  assert.equal(response.status, 200);
  return new Uint8Array(await response.arrayBuffer());
}

Deno.test("an ahead-of-time build in _fresh/ is served while it matches the sources", async () => {
  const outDir = await Deno.makeTempDir({ prefix: "fresh-build-" });
  try {
    const withOutDir = { ...config, build: { outDir } };
    await build(manifest, withOutDir);
    const written = await Deno.readFile(join(outDir, "js/main.js"));
    const bundleManifest = JSON.parse(await Deno.readTextFile(join(outDir, "manifest.json")));
    assert.equal(bundleManifest.islands.counter_default.file, "island-counter.js");
    assert.ok(bundleManifest.islands.counter_default.classCandidates.includes("bg-green-600"));

    assert.deepEqual(await mainScript(await createHandler(manifest, withOutDir)), written);

    // Sources changed since the build: the stale bundle is not used.
    await Deno.writeTextFile(
      join(outDir, "manifest.json"),
      JSON.stringify({ ...bundleManifest, fingerprint: "from-older-sources" }),
    );
    await Deno.writeFile(join(outDir, "js/main.js"), new TextEncoder().encode("/* stale */"));
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      assert.notDeepEqual(
        await mainScript(await createHandler(manifest, withOutDir)),
        await Deno.readFile(join(outDir, "js/main.js")),
      );
    } finally {
      console.warn = warn;
    }
    assert.match(warnings.join("\n"), /out of date/);
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
});

Deno.test("handlers created at the same time each get a working bundle", async () => {
  const [first, second] = await Promise.all([
    createHandler(manifest, config),
    createHandler(manifest, config),
  ]);
  assert.ok((await mainScript(first)).length > 0);
  assert.ok((await mainScript(second)).length > 0);
});

Deno.test("island code importing server-only modules fails the bundle with a clear message", async () => {
  const dir = await Deno.makeTempDir({ prefix: "fresh-bad-island-" });
  try {
    await Deno.mkdir(join(dir, "islands"));
    await Deno.writeTextFile(
      join(dir, "islands/Files.tsx"),
      'import { readFileSync } from "node:fs";\nexport default function Files() { return readFileSync("x"); }\n',
    );
    const badManifest = {
      routes: {},
      islands: { "./islands/Files.tsx": { default: () => null } },
      baseUrl: new URL(`file://${dir}/fresh.gen.ts`).href,
    };
    await assert.rejects(
      () => createHandler(badManifest),
      /"node:fs" cannot be bundled for the browser: island code may import local files and npm packages only/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
