import assert from "node:assert/strict";
import { capturingErrors, fetchPage, request } from "./fixture_server.ts";

Deno.test("an error thrown in a handler renders _500 with status 500 and is logged", async () => {
  const { result: page, logged } = await capturingErrors(() => fetchPage("/fail-handler"));
  assert.equal(page.status, 500);
  assert.match(page.text, /<h1 class="server-error">Something broke: handler exploded<\/h1>/);
  assert.match(page.text, /<html lang="en">/);
  assert.ok(logged.some((line) => line.includes("handler exploded")));
});

Deno.test("an error thrown while rendering a component renders _500 with status 500", async () => {
  const { result: page } = await capturingErrors(() => fetchPage("/fail-render"));
  assert.equal(page.status, 500);
  assert.match(page.text, /Something broke: component exploded/);
  assert.doesNotMatch(page.text, /never rendered/);
});

Deno.test("ctx.renderNotFound(data) renders _404 with status 404 and the data", async () => {
  const page = await fetchPage("/missing");
  assert.equal(page.status, 404);
  assert.match(page.text, /No page at \/missing \(gone fishing\)/);
});

Deno.test("Deno.errors.NotFound thrown by a handler or a middleware renders _404, not _500", async () => {
  for (const path of ["/thrown-not-found", "/about?not-found"]) {
    const page = await fetchPage(path);
    assert.equal(page.status, 404, path);
    assert.match(page.text, /No page at /, path);
  }
});

Deno.test("a class component error boundary catches a child's render error; the page renders", async () => {
  const page = await fetchPage("/error-boundary");
  assert.equal(page.status, 200);
  assert.match(page.text, /<p class="caught">caught: thrown while rendering<\/p>/);
});

Deno.test("a method HTTP does not define gets 405 even when the handler map has a function by that name", async () => {
  const response = await request("/api/get-only", { method: "NOTAMETHOD" });
  assert.equal(response.status, 405);
  assert.equal(response.headers.get("allow"), "GET, HEAD");
  await response.body?.cancel();
});
