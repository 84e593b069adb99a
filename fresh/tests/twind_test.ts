import assert from "node:assert/strict";
import { fetchPage } from "./fixture_server.ts";
import twindv1 from "../plugins/twindv1.ts";
import fixtureTwindConfig from "./fixture/twind.config.ts";

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

/** The plugin's render hook around an already rendered page body. */
function renderWith(plugin: ReturnType<typeof twindv1>, htmlText: string): string {
  const result = plugin.render!({ render: () => ({ htmlText, requiresHydration: false }) });
  assert.ok(result && result.htmlText === undefined, "the HTML goes out as rendered");
  return result.styles?.[0]?.cssText ?? "";
}

Deno.test("the CSS of a set of classes is the same whichever page, order or repetition brings it", () => {
  const plugin = twindv1(fixtureTwindConfig);
  const first = renderWith(plugin, '<p class="text-red-500 p-2">a</p><p class="p-2">b</p>');
  assert.match(first, /\.text-red-500\{/);
  assert.match(first, /\.p-2\{/);
  assert.equal(renderWith(plugin, '<div class="p-2 text-red-500">other text</div>'), first);
  const other = renderWith(plugin, '<p class="bg-white">c</p>');
  assert.match(other, /\.bg-white\{/);
  assert.doesNotMatch(other, /\.text-red-500/);
});

Deno.test("a class that produces no CSS fails the render when strict, and is only logged when not", () => {
  const html = '<p class="p-2 text-redd-500 peer">typo</p>';
  assert.throws(
    () => renderWith(twindv1({ ...fixtureTwindConfig, strict: true }), html),
    /produce no CSS: text-redd-500$/,
  );
  const logged: unknown[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => logged.push(args.join(" "));
  try {
    const lenient = twindv1(fixtureTwindConfig);
    assert.match(renderWith(lenient, html), /\.p-2\{/);
    renderWith(lenient, html);
    assert.deepEqual(logged, ["These classes produce no CSS: text-redd-500"], "logged once");
  } finally {
    console.error = original;
  }
});
