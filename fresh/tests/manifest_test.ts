import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { manifestStatus, updateManifest } from "$fresh/dev.ts";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const FIXTURE = join(REPO, "fresh/tests/fixture");

async function project(files: Record<string, string>): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "fresh-manifest-" });
  for (const [path, contents] of Object.entries(files)) {
    await Deno.mkdir(dirname(join(dir, path)), { recursive: true });
    await Deno.writeTextFile(join(dir, path), contents);
  }
  return dir;
}

const PAGE = "export default function Page() { return null; }\n";

Deno.test("fresh.gen.ts lists routes and islands, skipping (_folders) and test files", async () => {
  const dir = await project({
    "routes/index.tsx": PAGE,
    "routes/blog/[slug].tsx": PAGE,
    "routes/(auth)/login.tsx": PAGE,
    "routes/(_components)/Card.tsx": PAGE,
    "routes/blog/(_islands)/Like.tsx": PAGE,
    "routes/index_test.ts": "",
    "routes/notes.md": "",
    "islands/Counter.tsx": PAGE,
  });
  try {
    assert.equal(await updateManifest(dir), true);
    const source = await Deno.readTextFile(join(dir, "fresh.gen.ts"));
    assert.match(source, /^\/\/ DO NOT EDIT\./);
    assert.match(source, /import \* as \$Counter from "\.\/islands\/Counter\.tsx";/);
    assert.match(source, /import type \{ Manifest \} from "\$fresh\/server\.ts";/);
    assert.match(source, /"\.\/routes\/\(auth\)\/login\.tsx": \$/);
    assert.match(source, /"\.\/routes\/blog\/\[slug\]\.tsx": \$/);
    assert.match(source, /baseUrl: import\.meta\.url,\n\} satisfies Manifest;/);
    assert.doesNotMatch(source, /_components|index_test|notes\.md/);
    const islands = source.slice(source.indexOf("islands: {"));
    assert.match(
      islands,
      /"\.\/routes\/blog\/\(_islands\)\/Like\.tsx": \$/,
      "an (_islands) folder holds islands",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("fresh.gen.ts is rewritten only when the file list changes", async () => {
  const dir = await project({ "routes/index.tsx": PAGE });
  try {
    await updateManifest(dir);
    const path = join(dir, "fresh.gen.ts");
    await Deno.writeTextFile(path, (await Deno.readTextFile(path)) + "// kept while nothing changes\n");
    assert.equal(await updateManifest(dir), false);
    assert.match(await Deno.readTextFile(path), /kept while nothing changes/);

    await Deno.writeTextFile(join(dir, "routes/about.tsx"), PAGE);
    await Deno.remove(join(dir, "routes/index.tsx"));
    assert.deepEqual(await manifestStatus(dir), {
      upToDate: false,
      added: ["./routes/about.tsx"],
      removed: ["./routes/index.tsx"],
    });
    assert.equal(await updateManifest(dir), true);
    assert.equal((await manifestStatus(dir)).upToDate, true);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the fixture's checked-in fresh.gen.ts is current", async () => {
  assert.deepEqual(await manifestStatus(FIXTURE), { upToDate: true, added: [], removed: [] });
});

Deno.test("`dev.ts check` exits 1 with a message when fresh.gen.ts is stale, 0 when current", async () => {
  const dir = await project({
    "routes/index.tsx": PAGE,
    "dev.ts": 'import dev from "$fresh/dev.ts";\nawait dev(import.meta.url, "./main.ts");\n',
  });
  const check = () =>
    new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--config", join(REPO, "deno.json"), join(dir, "dev.ts"), "check"],
      stdout: "piped",
      stderr: "piped",
    }).output();
  try {
    const stale = await check();
    assert.equal(stale.code, 1);
    assert.match(
      new TextDecoder().decode(stale.stderr),
      /fresh\.gen\.ts is out of date[\s\S]*\.\/routes\/index\.tsx/,
    );
    await updateManifest(dir);
    const current = await check();
    assert.equal(current.code, 0, new TextDecoder().decode(current.stderr));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
