import assert from "node:assert/strict";
import { fetchPage } from "./fixture_server.ts";

async function styleOf(path: string): Promise<string> {
  const { text } = await fetchPage(path);
  const style = /<style id="__FRSH_TWIND" nonce="[0-9a-f]+">([^<]*)<\/style>/.exec(text);
  assert.ok(style, `no twind <style> in ${path}`);
  return style[1];
}

Deno.test("each page inlines CSS for the classes it uses, and only those", async () => {
  const home = await styleOf("/");
  assert.match(home, /\.text-red-500\{/);
  assert.match(home, /\.bg-white\{/, "classes on <body> from _app count");
  assert.doesNotMatch(home, /\.bg-blue-700/);
  const about = await styleOf("/about");
  assert.match(about, /\.bg-blue-700\{/);
  assert.doesNotMatch(about, /\.text-red-500/);
});

Deno.test("classes an island shows only after interaction are in the CSS of pages with that island", async () => {
  assert.match(await styleOf("/islands"), /\.bg-green-600\{/);
  assert.match(
    await styleOf("/nested"),
    /\.bg-green-600\{/,
    "Outer renders Counter, so Counter's source counts",
  );
  assert.doesNotMatch(await styleOf("/"), /\.bg-green-600/);
});
