import assert from "node:assert/strict";
import { capturingErrors, fetchPage } from "./fixture_server.ts";

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
