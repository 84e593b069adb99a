import assert from "node:assert/strict";
import { fetchPage, request } from "./fixture_server.ts";

Deno.test("_app wraps every page: its <html>, <head> and <body> are kept", async () => {
  const page = await fetchPage("/about");
  assert.match(page.text, /^<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"\/>/);
  assert.match(page.text, /<link rel="stylesheet" href="\/styles.css"\/><title>Fixture<\/title>/);
  assert.match(
    page.text,
    /<body class="bg-white"><div class="root-layout"><p class="bg-blue-700">about<\/p><\/div><\/body><\/html>$/,
  );
  assert.equal(page.headers.get("content-type"), "text/html; charset=utf-8");
});

Deno.test("layouts stack outer to inner around the page", async () => {
  const page = await fetchPage("/blog/hello");
  assert.match(
    page.text,
    /<div class="root-layout"><section class="blog-layout"><p [^>]*>post hello<\/p><\/section><\/div>/,
  );
});

Deno.test("skipAppWrapper and skipInheritedLayouts render the page alone in a default document", async () => {
  const page = await fetchPage("/bare");
  assert.doesNotMatch(page.text, /root-layout/);
  assert.match(
    page.text,
    /^<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">/,
    "as upstream, lang en",
  );
  assert.match(page.text, /<body><p>bare<\/p><\/body><\/html>$/);
});

Deno.test("ctx.render(data, init) passes data to the page with the given status and headers", async () => {
  const page = await fetchPage("/data");
  assert.equal(page.status, 201);
  assert.equal(page.headers.get("x-rendered"), "yes");
  assert.match(page.text, /<p class="message">from handler<\/p>/);

  const form = new FormData();
  form.set("name", "Rahima");
  const posted = await fetchPage("/data", { method: "POST", body: form });
  assert.equal(posted.status, 200);
  assert.match(posted.text, /posted Rahima/);
});

Deno.test("async route components get (req, ctx) and may return a Response", async () => {
  assert.match((await fetchPage("/async")).text, /<p>async \/async<\/p>/);
  const redirect = await request("/async?redirect");
  assert.equal(redirect.status, 303);
  assert.equal(redirect.headers.get("location"), "/");
});

Deno.test("defineRoute pages see ctx.state", async () => {
  assert.match((await fetchPage("/defined")).text, /<p>defined 2<\/p>/);
});

Deno.test("<Head> content goes into <head>, and its <title> replaces _app's", async () => {
  const page = await fetchPage("/head");
  const head = page.text.slice(0, page.text.indexOf("</head>"));
  assert.match(head, /<title>Head title<\/title>/);
  assert.match(head, /<meta name="description" content="from Head"\/>/);
  assert.equal(page.text.match(/<title>/g)?.length, 1);
});

Deno.test("<Head> elements sharing a key appear once: the last one given", async () => {
  const page = await fetchPage("/head");
  const head = page.text.slice(0, page.text.indexOf("</head>"));
  assert.deepEqual([...head.matchAll(/<meta property="og:title" content="(\w+)"\/>/g)].map((m) => m[1]), [
    "second",
  ]);
  assert.equal(head.match(/href="\/head\.css"/g)?.length, 1);
});

Deno.test("config.csp sends a policy with this response's nonce; useCSP adjusts it", async () => {
  const page = await fetchPage("/csp");
  const policy = page.headers.get("content-security-policy")!;
  const nonce = /'nonce-([0-9a-f]+)'/.exec(policy)![1];
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /img-src 'self'/);
  assert.match(page.text, new RegExp(`<script nonce="${nonce}">console.log`));
  const again = await fetchPage("/csp");
  assert.notEqual(/'nonce-([0-9a-f]+)'/.exec(again.headers.get("content-security-policy")!)![1], nonce);
  assert.equal((await fetchPage("/about")).headers.get("content-security-policy"), null);
});

Deno.test("HEAD is answered from GET without a body", async () => {
  const response = await request("/about", { method: "HEAD" });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "text/html; charset=utf-8");
  assert.equal(await response.text(), "");
});

Deno.test("API routes: handler methods answer, other methods get 405 with Allow", async () => {
  const get = await request("/api/echo?q=rice");
  assert.deepEqual(await get.json(), { method: "GET", query: "rice" });

  const post = await request("/api/echo", { method: "POST", body: JSON.stringify({ n: 1 }) });
  assert.equal(post.status, 201);
  assert.deepEqual(await post.json(), { method: "POST", body: { n: 1 } });

  const put = await request("/api/echo", { method: "PUT" });
  assert.equal(put.status, 405);
  assert.deepEqual(put.headers.get("allow")!.split(", ").sort(), ["GET", "HEAD", "POST"]);
  await put.body?.cancel();

  const patch = await fetchPage("/api/any", { method: "PATCH" });
  assert.equal(patch.text, "any PATCH");
});

Deno.test("a page without a POST handler answers POST with 405", async () => {
  const response = await request("/about", { method: "POST" });
  assert.equal(response.status, 405);
  await response.body?.cancel();
});

Deno.test("a page without islands ships no script at all", async () => {
  for (const path of ["/", "/about", "/blog/hello", "/head"]) {
    assert.doesNotMatch((await fetchPage(path)).text, /<script/, path);
  }
});

Deno.test("Partial renders its children between upstream's partial markers", async () => {
  assert.match(
    (await fetchPage("/partial")).text,
    /<div class="root-layout"><!--frsh-partial:main:0:--><p>inside partial, browser: false<\/p><!--\/frsh-partial:main:0:-->/,
  );
});
