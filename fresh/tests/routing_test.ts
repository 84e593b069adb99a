import assert from "node:assert/strict";
import { compareRoutePaths, literalPrefixOf, pathToPattern } from "../src/server/routes.ts";
import { fetchPage, request } from "./fixture_server.ts";

Deno.test("file names become URL patterns", () => {
  assert.equal(pathToPattern("/index"), "/");
  assert.equal(pathToPattern("/blog/index"), "/blog");
  assert.equal(pathToPattern("/blog/[slug]"), "/blog/:slug");
  assert.equal(pathToPattern("/docs/[...path]"), "/docs/:path*");
  assert.equal(pathToPattern("/lang/[[locale]]"), "/lang{/:locale}?");
  assert.equal(pathToPattern("/(marketing)/pricing"), "/pricing");
  assert.equal(pathToPattern("/(marketing)/index"), "/");
  assert.equal(pathToPattern("/files/[name].json"), "/files/:name.json");
  assert.throws(() => pathToPattern("/[a][b]"), SyntaxError);
});

Deno.test("a route's literal prefix rules out only paths its pattern would not match", () => {
  const patterns = [
    "/",
    "/about",
    "/blog/:slug",
    "/docs/:path*",
    "/lang{/:locale}?",
    "/files/:name.json",
    "/a\\(b\\)",
    "/নোটিস/:id",
    "/:id/edit",
  ];
  const paths = [
    "/",
    "/about",
    "/about/",
    "/blog/x",
    "/blog",
    "/docs",
    "/docs/a/b",
    "/lang",
    "/lang/bn",
    "/files/a.json",
  ]
    .concat(["/a(b)", "/%E0%A6%A8%E0%A7%8B%E0%A6%9F%E0%A6%BF%E0%A6%B8/7", "/7/edit", "/About"]);
  for (const pattern of patterns) {
    const urlPattern = new URLPattern({ pathname: pattern });
    const prefix = literalPrefixOf(pattern);
    for (const path of paths) {
      if (urlPattern.test({ pathname: path })) {
        assert.ok(path.startsWith(prefix), `${pattern} ${path} ${prefix}`);
      }
    }
  }
  assert.equal(literalPrefixOf("/blog/:slug"), "/blog");
  assert.equal(literalPrefixOf("/lang{/:locale}?"), "/lang");
});

Deno.test("routes match literal before [param] before [...rest]", () => {
  const sorted = ["/blog/[slug]", "/[...rest]", "/blog/new", "/[id]/edit", "/_app", "/about"].sort(
    compareRoutePaths,
  );
  assert.deepEqual(sorted, ["/_app", "/about", "/blog/new", "/blog/[slug]", "/[id]/edit", "/[...rest]"]);
  // group folders do not count as segments
  assert.ok(compareRoutePaths("/(marketing)/about", "/[slug]") < 0);
});

Deno.test("the order is the same whatever order the files come in (the comparison is transitive)", () => {
  // Siblings under different literal folders once compared past their first difference: with enough
  // routes the sort put /admin/notices/[id] before /admin/notices/new.
  const files = [
    "/admin/notices/[id]",
    "/admin/notices/new",
    "/admin/notices/index",
    "/notices/[id]",
    "/notices/feed/[ward]",
    "/admin/[id]",
    "/gallery/[id]",
    "/admin/gallery/[id]",
    "/admin/index",
  ];
  const expected = [...files].sort(compareRoutePaths);
  for (let round = 0; round < 50; round++) {
    const shuffled = [...files].sort(() => Math.random() - 0.5);
    assert.deepEqual(shuffled.sort(compareRoutePaths), expected);
  }
  assert.ok(expected.indexOf("/admin/notices/new") < expected.indexOf("/admin/notices/[id]"));
});

Deno.test("a literal route wins over a parameter at the same place", async () => {
  assert.match((await fetchPage("/blog/new")).text, /new post form/);
  const post = await fetchPage("/blog/hello");
  assert.match(post.text, /data-route="\/blog\/:slug"[^>]*>post hello</);
});

Deno.test("index, rest and optional parameters match as their names say", async () => {
  assert.match((await fetchPage("/blog")).text, /blog index/);
  assert.match((await fetchPage("/docs/a/b/c")).text, /doc a\/b\/c/);
  assert.match((await fetchPage("/lang")).text, /locale \[\]/);
  assert.match((await fetchPage("/lang/bn")).text, /locale \[bn\]/);
  assert.match((await fetchPage("/blog/hello%20world")).text, /post hello world/);
});

Deno.test("(group) folders are transparent in URLs and scope their layouts", async () => {
  const pricing = await fetchPage("/pricing");
  assert.equal(pricing.status, 200);
  assert.match(pricing.text, /class="marketing-layout"><p>pricing/);
  assert.doesNotMatch((await fetchPage("/about")).text, /marketing-layout/);
});

Deno.test("(_name) folders are not routed", async () => {
  const secret = await fetchPage("/secret");
  assert.equal(secret.status, 404);
  assert.doesNotMatch(secret.text, /must never be routed/);
});

Deno.test("routeOverride replaces the file-derived pattern", async () => {
  assert.match((await fetchPage("/custom/42")).text, /override 42/);
  assert.equal((await fetchPage("/override")).status, 404);
});

Deno.test("a trailing slash redirects (307) to the path without it, keeping the query", async () => {
  const response = await request("/about/?x=1");
  assert.equal(response.status, 307);
  assert.equal(response.headers.get("location"), "/about?x=1");
  // never to another host
  const sneaky = await request("//evil.example/");
  assert.equal(sneaky.headers.get("location"), "/evil.example");
});

Deno.test("repeated slashes mean the same as single ones", async () => {
  const page = await fetchPage("//blog///new");
  assert.equal(page.status, 200);
  assert.match(page.text, /new post form/);
});

Deno.test("an unknown path renders _404 inside the app and root layout", async () => {
  const page = await fetchPage("/no/such/page");
  assert.equal(page.status, 404);
  assert.match(page.text, /<html lang="en">/);
  assert.match(page.text, /class="root-layout"><h1 class="not-found">No page at \/no\/such\/page</);
});
