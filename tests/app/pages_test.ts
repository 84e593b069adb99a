/**
 * The app through `createHandler`, without a browser or the stack: security headers, the cross-site
 * check, languages, error pages and the redirects around sign-in.
 */
import assert from "node:assert/strict";
import { createHandler, type Manifest } from "$fresh/server.ts";
import manifest from "@/fresh.gen.ts";
import config from "@/fresh.config.ts";

const ORIGIN = "http://127.0.0.1:8000";
const CLIENT = { remoteAddr: { transport: "tcp" as const, hostname: "127.0.0.1", port: 50000 } };

const failingManifest: Manifest = {
  ...manifest,
  routes: {
    ...manifest.routes,
    "./routes/failing.tsx": {
      default: () => {
        throw new Error("a page that fails, for the 500 test");
      },
    },
  },
};
const handle = await createHandler(failingManifest, config);

function get(path: string, headers: HeadersInit = {}): Promise<Response> {
  return handle(new Request(`${ORIGIN}${path}`, { headers }), CLIENT);
}

function post(path: string, body: Record<string, string>, headers: HeadersInit = {}): Promise<Response> {
  return handle(
    new Request(`${ORIGIN}${path}`, { method: "POST", body: new URLSearchParams(body), headers }),
    CLIENT,
  );
}

function assertSecurityHeaders(response: Response): void {
  const csp = response.headers.get("content-security-policy") ?? "";
  const scriptSrc = csp.split(";").map((part) => part.trim()).find((part) => part.startsWith("script-src"));
  assert.ok(scriptSrc, "CSP has script-src");
  assert.ok(!scriptSrc.includes("'unsafe-inline'"), "no inline scripts allowed");
  assert.ok(!scriptSrc.includes("'unsafe-eval'"), "no eval allowed");
  for (const directive of ["object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'"]) {
    assert.ok(csp.includes(directive), `CSP has ${directive}`);
  }
  assert.equal(response.headers.get("x-content-type-options"), "nosniff");
  assert.equal(response.headers.get("referrer-policy"), "strict-origin-when-cross-origin");
  const permissions = response.headers.get("permissions-policy") ?? "";
  assert.ok(permissions.includes("geolocation=(self)") && permissions.includes("camera=(self)"));
}

Deno.test("the home page is Bengali, secured, and ships no JavaScript", async () => {
  const response = await get("/");
  assert.equal(response.status, 200);
  assertSecurityHeaders(response);
  const html = await response.text();
  assert.match(html, /<html lang="bn"/);
  assert.match(html, /name="viewport"/);
  assert.match(html, /name="theme-color"/);
  assert.match(html, /rel="preload"[^>]*noto-sans-bengali-bengali-400/);
  assert.ok(html.includes("অভিযোগ করুন"));
  assert.ok(html.includes('href="tel:999"') && html.includes('href="tel:333"'));
  // Voice control users say what they see: the name of a call link is its visible text (WCAG 2.5.3).
  assert.match(html, /href="tel:999"[^>]*>(?:(?!<\/a>).)*৯৯৯(?:(?!<\/a>).)*জাতীয় জরুরি সেবা/s);
  assert.doesNotMatch(html, /<a[^>]*href="tel:[^"]*"[^>]*aria-label=/);
  assert.ok(!/<script[^>]*(src=|type="module")/.test(html), "no scripts on a page without islands");
});

Deno.test("pages travel gzipped to browsers that accept it", async () => {
  const plain = await get("/");
  const plainBytes = (await plain.arrayBuffer()).byteLength;
  const gzipped = await get("/", { "accept-encoding": "gzip, deflate, br" });
  assert.equal(gzipped.headers.get("content-encoding"), "gzip");
  assert.match(gzipped.headers.get("vary") ?? "", /Accept-Encoding/);
  assertSecurityHeaders(gzipped);
  const bytes = new Uint8Array(await gzipped.arrayBuffer());
  assert.ok(bytes.byteLength < plainBytes / 3, `${bytes.byteLength} of ${plainBytes} bytes`);
  const html = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip")))
    .text();
  assert.ok(html.includes("অভিযোগ করুন"));

  const font = await get("/fonts/noto-sans-bengali-bengali-400-normal.woff2", { "accept-encoding": "gzip" });
  assert.equal(font.headers.get("content-encoding"), null, "woff2 is compressed already");
  await font.body?.cancel();
});

Deno.test("the lang cookie switches the page to English", async () => {
  const html = await (await get("/", { cookie: "lang=en" })).text();
  assert.match(html, /<html lang="en"/);
  assert.ok(html.includes("File a complaint"));
});

Deno.test("static files carry the security headers too", async () => {
  const response = await get("/fonts/noto-sans-bengali-bengali-400-normal.woff2");
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "font/woff2");
  assertSecurityHeaders(response);
  await response.body?.cancel();
});

/**
 * Checks the error page at `path`: `status` and the security headers, `bengali` by default and `english`
 * with the language cookie. Returns the Bengali page.
 */
async function assertErrorPage(
  path: string,
  status: number,
  { bengali, english }: { bengali: string; english: string },
): Promise<string> {
  const bengaliPage = await get(path);
  assert.equal(bengaliPage.status, status);
  assertSecurityHeaders(bengaliPage);
  const bengaliHtml = await bengaliPage.text();
  assert.ok(bengaliHtml.includes(bengali));

  const englishPage = await get(path, { cookie: "lang=en" });
  assert.equal(englishPage.status, status);
  assert.ok((await englishPage.text()).includes(english));
  return bengaliHtml;
}

Deno.test("404 in both languages", async () => {
  const html = await assertErrorPage("/no-such-page", 404, {
    bengali: "পাতাটি পাওয়া যায়নি",
    english: "Page not found",
  });
  assert.match(html, /<html lang="bn"/);
});

Deno.test("500 in both languages, without the error's details", async () => {
  const html = await assertErrorPage("/failing", 500, {
    bengali: "কিছু একটা ভুল হয়েছে",
    english: "Something went wrong",
  });
  assert.ok(!html.includes("a page that fails"), "the error message is not shown to people");
});

Deno.test("a form posted from another site is refused with a Bengali message", async () => {
  const foreign = await post("/login", { phone: "01712345678" }, { origin: "https://evil.example" });
  assert.equal(foreign.status, 403);
  assertSecurityHeaders(foreign);
  assert.ok((await foreign.text()).includes("নিরাপত্তার কারণে অনুরোধটি গ্রহণ করা হয়নি"));

  const crossSite = await post("/logout", {}, { "sec-fetch-site": "cross-site" });
  assert.equal(crossSite.status, 403);
  await crossSite.body?.cancel();

  const nullOrigin = await post("/logout", {}, { origin: "null" });
  assert.equal(nullOrigin.status, 403);
  await nullOrigin.body?.cancel();
});

Deno.test("a form posted from our own pages goes through", async () => {
  const response = await post("/login", { phone: "12345" }, {
    origin: ORIGIN,
    "sec-fetch-site": "same-origin",
  });
  assert.equal(response.status, 422, "reaches the form handler, which refuses the number");
  const html = await response.text();
  assert.ok(html.includes("এটি সঠিক বাংলাদেশি মোবাইল নম্বর নয়"));
  assert.ok(html.includes('aria-invalid="true"'));
  assert.ok(html.includes('value="12345"'), "what was typed is kept");
});

Deno.test("an empty number gets its own message", async () => {
  const response = await post("/login", { phone: " " }, { origin: ORIGIN });
  assert.equal(response.status, 422);
  assert.ok((await response.text()).includes("মোবাইল নম্বর লিখুন।"));
});

Deno.test("the language switch sets the cookie and returns only to a page of this site", async () => {
  const back = await post("/language", { to: "en", next: "/services?x=1" }, { origin: ORIGIN });
  assert.equal(back.status, 303);
  assert.equal(back.headers.get("location"), "/services?x=1");
  assert.match(back.headers.get("set-cookie") ?? "", /^lang=en; Path=\/; Max-Age=\d+; SameSite=Lax$/);

  for (const next of ["//evil.example/", "https://evil.example/", "/\\evil.example"]) {
    const response = await post("/language", { to: "bn", next }, { origin: ORIGIN });
    assert.equal(response.headers.get("location"), "/", next);
  }
  const unknown = await post("/language", { to: "fr", next: "/" }, { origin: ORIGIN });
  assert.equal(unknown.headers.get("set-cookie"), null);
});

Deno.test("every page offers the switch as a form that works without JavaScript", async () => {
  const html = await (await get("/services?x=1")).text();
  assert.match(html, /<form method="post" action="\/language">/);
  assert.ok(html.includes('name="to" value="en"'));
  assert.ok(html.includes('name="next" value="/services?x=1"'));
});

Deno.test("pages for signed-in people send visitors to sign in and back", async () => {
  for (const path of ["/account", "/onboarding", "/admin"]) {
    const response = await get(path);
    assert.equal(response.status, 303, path);
    assert.equal(response.headers.get("location"), `/login?next=${encodeURIComponent(path)}`);
  }
});

Deno.test("the code page without a number sent first starts sign-in again", async () => {
  const response = await get("/login/verify");
  assert.equal(response.status, 303);
  assert.equal(response.headers.get("location"), "/login?expired=1");
  const login = await (await get("/login?expired=1")).text();
  assert.ok(login.includes("আবার নম্বর দিয়ে শুরু করুন"));
});

Deno.test("sign-out only answers POST", async () => {
  const response = await get("/logout");
  assert.equal(response.status, 405);
  await response.body?.cancel();
});
