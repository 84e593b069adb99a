import assert from "node:assert/strict";
import { h } from "preact";
import { Signal, signal } from "@preact/signals";
import { encodeIslandProps, escapeJsonForScript } from "../src/server/serializer.ts";
import { decodeProps } from "../src/runtime/props_codec.ts";
import { capturingErrors, fetchPage, request } from "./fixture_server.ts";
import { HOSTILE_TEXT, HOSTILE_TITLE } from "./fixture/routes/islands.tsx";

/** Encodes like the server, escapes for <script>, then decodes like the browser. */
function roundTrip(props: Record<string, unknown>): { html: string; props: Record<string, unknown> } {
  const html = escapeJsonForScript(JSON.stringify(encodeIslandProps([{ island: "Test", props }])));
  const [decoded] = decodeProps(JSON.parse(html), signal) as Record<string, unknown>[];
  return { html, props: decoded };
}

Deno.test("hostile strings cannot leave the state <script>, and arrive unchanged", () => {
  const hostile = {
    closing: "</script><script>alert(1)</script>",
    comment: "<!-- <script>",
    separators: "a\u2028b\u2029c",
    ampersand: "&lt; &",
  };
  const { html, props } = roundTrip(hostile);
  assert.doesNotMatch(html, /<|>|&|\u2028|\u2029/);
  assert.deepEqual(props, hostile);
});

Deno.test("BigInt, Uint8Array, undefined and special numbers survive", () => {
  const { props } = roundTrip({
    big: 12345678901234567890n,
    bytes: new Uint8Array([0, 1, 254, 255]),
    nothing: undefined,
    list: [1, undefined, "x", null],
    numbers: [NaN, Infinity, -Infinity, -0, 1.5],
  });
  assert.equal(props.big, 12345678901234567890n);
  assert.deepEqual(props.bytes, new Uint8Array([0, 1, 254, 255]));
  assert.ok("nothing" in props && props.nothing === undefined);
  assert.deepEqual(props.list, [1, undefined, "x", null]);
  const numbers = props.numbers as number[];
  assert.ok(Number.isNaN(numbers[0]));
  assert.deepEqual(numbers.slice(1, 3), [Infinity, -Infinity]);
  assert.ok(Object.is(numbers[3], -0));
});

Deno.test("signals arrive as signals holding their value; one signal shared by two islands stays one", () => {
  const count = signal(7);
  const nodes = encodeIslandProps([{ island: "A", props: { count } }, {
    island: "B",
    props: { count, other: signal("x") },
  }]);
  const [a, b] = decodeProps(JSON.parse(JSON.stringify(nodes)), signal) as Record<string, Signal>[];
  assert.ok(a.count instanceof Signal);
  assert.equal(a.count.value, 7);
  assert.equal(a.count, b.count);
  assert.equal(b.other.value, "x");
});

Deno.test("shared references and cycles are preserved", () => {
  const shared = { name: "ward 7" };
  const cyclic: Record<string, unknown> = { label: "self" };
  cyclic.self = cyclic;
  const { props } = roundTrip({ first: shared, second: shared, list: [shared], cyclic });
  assert.equal(props.first, props.second);
  assert.equal((props.list as unknown[])[0], props.first);
  const revived = props.cyclic as Record<string, unknown>;
  assert.equal(revived.self, revived);
});

Deno.test("a __proto__ key stays an ordinary property", () => {
  const props = JSON.parse('{"__proto__": {"polluted": true}}');
  const { props: decoded } = roundTrip({ value: props });
  const value = decoded.value as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
  assert.deepEqual(Object.keys(value), ["__proto__"]);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

Deno.test("Dates, functions, class instances, symbols and JSX props are refused with a clear error", () => {
  const refused: [unknown, RegExp][] = [
    [new Date(0), /Island <Test>: props\.value is a Date.*toISOString/],
    [() => 1, /props\.value is a function/],
    [new Map(), /props\.value is an instance of Map/],
    [Symbol("s"), /props\.value is a symbol/],
    [{ deep: [{ when: new Date() }] }, /props\.value\.deep\[0\]\.when is a Date/],
    [h("p", null), /props\.value is JSX.*only as its children/],
  ];
  for (const [value, message] of refused) {
    assert.throws(() => encodeIslandProps([{ island: "Test", props: { value } }]), message);
  }
});

Deno.test("islands are wrapped in markers with their props index; JSX children in slot markers", async () => {
  const { text } = await fetchPage("/islands");
  for (
    const marker of ["counter_default:default:0:", "counter_default:default:1:", "panel_default:default:2:"]
  ) {
    assert.ok(text.includes(`<!--frsh-${marker}-->`) && text.includes(`<!--/frsh-${marker}-->`), marker);
  }
  assert.match(
    text,
    /<!--frsh-slot-panel_default:default:2:children--><p class="slot-content">slot text<\/p><!--frsh-panel_badge:Badge:3:-->/,
  );
});

Deno.test("page state: hostile props stay inert and each render has its own state id", async () => {
  const first = await fetchPage("/islands");
  const second = await fetchPage("/islands");
  const stateOf = (html: string) =>
    /<script type="application\/json" id="(__FRSH_STATE_[0-9a-f]+)" nonce="([0-9a-f]+)" data-fresh-state>([^<]*)<\/script>/
      .exec(
        html,
      )!;
  const [, firstId, nonce, json] = stateOf(first.text);
  assert.match(
    first.text,
    new RegExp(`<script type="module" nonce="${nonce}" src=`),
    "the page's nonce, as upstream",
  );
  assert.notEqual(firstId, stateOf(second.text)[1]);
  assert.equal(first.text.split("<script").length - 1, 2, "one state script and one boot script");
  assert.doesNotMatch(json, /\u2028|\u2029/);
  const { props } = JSON.parse(json);
  const islands = decodeProps(props, signal) as Record<string, unknown>[];
  assert.equal(islands[2].title, HOSTILE_TITLE);
  assert.equal(islands[3].text, HOSTILE_TEXT);
});

Deno.test("an island rendered by another island is a plain component without markers", async () => {
  const { text } = await fetchPage("/nested");
  assert.match(
    text,
    /<!--frsh-outer_default:default:0:--><div class="outer"><div class="counter" data-label="inner">/,
  );
  assert.doesNotMatch(text, /frsh-counter_default/);
});

Deno.test("props that cannot be serialised give a 500 naming the island and prop", async () => {
  const { result: page, logged } = await capturingErrors(() => fetchPage("/bad-props"));
  assert.equal(page.status, 500);
  assert.match(page.text, /Island &lt;Echo>: props\.value\.when is a Date/);
  assert.ok(logged.some((line) => line.includes("props.value.when is a Date")));
});

Deno.test("a page with islands loads one boot module and preloads only its islands' code", async () => {
  const { text, headers } = await fetchPage("/nested");
  const boot = [
    ...text.matchAll(
      /<script type="module" nonce="[0-9a-f]+" src="(\/_frsh\/js\/[0-9a-f]+\/main\.js)"><\/script>/g,
    ),
  ];
  assert.equal(boot.length, 1);
  assert.doesNotMatch(
    text,
    /<script(?![^>]*\bsrc=)(?![^>]*application\/json)[^>]*>/,
    "no inline executable script",
  );
  const preloads = [...text.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((match) => match[1]);
  assert.ok(preloads.includes(boot[0][1]));
  assert.ok(preloads.some((href) => href.endsWith("/island-outer.js")));
  assert.ok(!preloads.some((href) => /island-(counter|panel|echo)\.js$/.test(href)));
  assert.equal(headers.get("content-security-policy"), null);
});

Deno.test("bundle files are served as JavaScript with an immutable cache, under this build's id only", async () => {
  const { text } = await fetchPage("/islands");
  const hrefs = [...text.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((match) => match[1]);
  assert.ok(hrefs.length >= 4);
  for (const href of hrefs) {
    const response = await request(href);
    assert.equal(response.status, 200, href);
    assert.equal(response.headers.get("content-type"), "text/javascript; charset=utf-8");
    assert.equal(response.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.ok((await response.text()).length > 0);
  }
  const stale = await request(hrefs[0].replace(/\/_frsh\/js\/[0-9a-f]+\//, "/_frsh/js/0000/"));
  assert.equal(stale.status, 404);
  await stale.body?.cancel();
});

Deno.test("concurrent renders keep their islands apart", async () => {
  const pages = await Promise.all(
    Array.from({ length: 12 }, (_, i) => fetchPage(i % 2 ? "/islands" : "/nested")),
  );
  for (const [i, page] of pages.entries()) {
    const markers = page.text.match(/<!--frsh-(?!slot)[a-z_]+:/g) ?? [];
    assert.equal(markers.length, i % 2 ? 5 : 1);
  }
});

Deno.test("islands in a routes (_islands) folder are islands, and the folder adds no route", async () => {
  const { text } = await fetchPage("/local");
  assert.match(
    text,
    /<!--frsh-local_islands_local_default:default:0:--><button type="button" class="local">/,
  );
  const preloads = [...text.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((match) => match[1]);
  const islandFile = preloads.find((href) => /island-local_islands_local\.js$/.test(href));
  assert.ok(islandFile, "its code is bundled and preloaded");
  const served = await request(islandFile);
  assert.equal(served.status, 200);
  await served.body?.cancel();
  assert.equal((await fetchPage("/local/(_islands)/Local")).status, 404);
});
