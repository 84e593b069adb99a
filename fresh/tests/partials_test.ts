/** Partials and client navigation: the server's request/response shape, then Chromium navigating. */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { BROWSER_TEST, launchBrowser } from "../../tests/support/browser.ts";
import { fetchPage, handler } from "./fixture_server.ts";

const SCRIPT = /<script[^>]*(?:type="module"|data-fresh-state)/;

Deno.test("a page with partials and f-client-nav loads the runtime; partials alone load nothing", async () => {
  const withNav = await fetchPage("/nav/a");
  assert.match(withNav.text, /<nav f-client-nav="true">/);
  assert.match(withNav.text, /<!--frsh-partial:nav-main:0:--><p class="path">\/nav\/a<\/p>/);
  assert.match(withNav.text, SCRIPT, "client navigation needs the runtime");
  assert.match(withNav.text, /<a href="\/nav\/a" class="full-load" f-client-nav="false">/);

  const partialOnly = await fetchPage("/partial");
  assert.match(partialOnly.text, /<!--frsh-partial:main:0:-->/);
  assert.doesNotMatch(partialOnly.text, SCRIPT, "no f-client-nav: 0 bytes of JavaScript");
});

Deno.test("?fresh-partial=true: upstream's response shape, with only the partials in the body", async () => {
  const full = await fetchPage("/nav/b");
  const partial = await fetchPage("/nav/b?fresh-partial=true");
  assert.equal(partial.status, 200);
  assert.equal(partial.headers.get("content-type"), "text/html; charset=utf-8");
  const uuid = partial.headers.get("x-fresh-uuid");
  assert.match(uuid ?? "", /^[0-9a-f]{32}$/);
  assert.match(partial.text, new RegExp(`<script type="application/json" id="__FRSH_STATE_${uuid}"`));
  assert.match(partial.text, /<title>Page B<\/title>/, "the head is kept (title, CSS)");
  assert.match(
    partial.text,
    /<!--frsh-partial:nav-main:0:-->[\s\S]*page B[\s\S]*<!--\/frsh-partial:nav-main:0:-->/,
  );
  assert.doesNotMatch(partial.text, /class="to-a"|root-layout/, "what lies outside the partials is left out");
  assert.doesNotMatch(partial.text, /modulepreload/, "the page has the runtime already");
  assert.match(full.text, /modulepreload/);
  assert.ok(partial.text.length < full.text.length);
  assert.equal(full.headers.get("x-fresh-uuid"), null);
});

Deno.test("client navigation in Chromium", BROWSER_TEST, async (t) => {
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, handler);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    const requests: string[] = [];
    page.on("request", (request) => {
      if (["document", "fetch"].includes(request.resourceType())) requests.push(request.url());
    });
    const origin = `http://127.0.0.1:${server.addr.port}`;
    await page.goto(`${origin}/nav/a`);
    await page.waitForLoadState("networkidle");
    /** A value on `window` survives client navigation and is gone after a full page load. */
    const sameDocument = (p: Page) => p.evaluate(() => (globalThis as { kept?: boolean }).kept === true);
    await page.evaluate(() => (globalThis as { kept?: boolean }).kept = true);
    await page.waitForSelector(".kept .clicker:not([disabled])");
    for (let i = 0; i < 3; i++) await page.click(".kept .clicker");

    await t.step("a link swaps the partial without reloading the page; its island comes alive", async () => {
      requests.length = 0;
      await page.click(".to-b-bottom");
      await page.waitForSelector(".page-b");
      assert.equal(page.url(), `${origin}/nav/b`);
      assert.equal(await page.title(), "Page B");
      assert.equal(await page.textContent(".path"), "/nav/b");
      assert.equal(await page.locator(".page-a").count(), 0);
      assert.ok(await sameDocument(page), "no full reload");
      assert.deepEqual(requests, [`${origin}/nav/b?fresh-partial=true`], "one request, for the partial");
      const color = await page.$eval(".page-b", (element) => getComputedStyle(element).color);
      assert.equal(color, "rgb(185, 28, 28)", "CSS for the new page's classes arrives with it");
      await page.waitForSelector(".b-clicker .clicker:not([disabled])");
      await page.click(".b-clicker .clicker");
      await page.click(".b-clicker .clicker");
      assert.equal(await page.textContent(".b-clicker .clicker"), "2");
      assert.equal(await page.textContent(".kept .clicker"), "3", "the island on both pages kept its state");
    });

    await t.step("Back restores the previous page by client navigation, scrolled where it was", async () => {
      assert.equal(await page.evaluate(() => scrollY), 0, "a new page starts at the top");
      await page.goBack();
      await page.waitForSelector(".page-a");
      await page.waitForFunction(() => scrollY > 1000);
      assert.equal(page.url(), `${origin}/nav/a`);
      assert.equal(await page.locator(".b-clicker").count(), 0, "page B's own island is gone (unmounted)");
      assert.equal(await page.textContent(".kept .clicker"), "3");
      assert.ok(await sameDocument(page));
    });

    await t.step(
      "f-client-nav={false} and answers without the partial fall back to a full load",
      async () => {
        await page.click(".full-load");
        await page.waitForLoadState("load");
        assert.equal(await sameDocument(page), false, "opted out: an ordinary page load");
        await page.waitForLoadState("networkidle");
        await page.evaluate(() => (globalThis as { kept?: boolean }).kept = true);
        await page.click(".to-about");
        await page.waitForURL(`${origin}/about`);
        await page.waitForLoadState("load");
        assert.equal(await sameDocument(page), false, "no partial to swap: the page loads normally");
        assert.equal(await page.locator(".to-a").count(), 0);
      },
    );
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.shutdown();
  }
});

Deno.test("a partial answer leaves out the CSS the page says it has, and sends only new rules", async () => {
  const { cssHash } = await import("../src/runtime/css_hash.ts");
  const styleOf = (html: string) => /<style id="__FRSH_TWIND"[^>]*>([\s\S]*?)<\/style>/.exec(html)![1];
  const pageA = await fetchPage("/nav/a");
  const claimed = await cssHash(styleOf(pageA.text));

  const full = await fetchPage("/nav/b?fresh-partial=true");
  const trimmed = await fetchPage("/nav/b?fresh-partial=true", { headers: { "x-fresh-styles": claimed } });
  const [fullCss, newCss] = [styleOf(full.text), styleOf(trimmed.text)];
  assert.match(newCss, /\.text-red-700\{/, "the rule page A lacks is sent");
  assert.doesNotMatch(newCss, /box-sizing:border-box/, "page A's rules (preflight) are not sent again");
  assert.ok(newCss.length < fullCss.length / 4);
  assert.match(
    trimmed.text,
    new RegExp(`<style id="__FRSH_TWIND"[^>]* data-frsh-css="${await cssHash(fullCss)}">`),
  );

  // A style the page has word for word is left out; unknown or malformed claims change nothing.
  const same = await fetchPage("/nav/a?fresh-partial=true", { headers: { "x-fresh-styles": claimed } });
  assert.doesNotMatch(same.text, /<style id="__FRSH_TWIND"/);
  const bogus = await fetchPage("/nav/b?fresh-partial=true", {
    headers: { "x-fresh-styles": "0123456789abcdef,<x>" },
  });
  assert.equal(styleOf(bogus.text), fullCss);
});
