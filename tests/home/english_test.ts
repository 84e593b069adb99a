/** The city services' pages in English, with the language switch's cookie: headings and numbers in English. */
import assert from "node:assert/strict";
import { appRequest } from "../support/app.ts";

const PAGES: [string, string][] = [
  ["/", "Latest notices"],
  ["/notices", "Notices"],
  ["/emergency", "If a life is in danger, call 999 now."],
  ["/waste?ward=12", "Next collection"],
  ["/gallery", "Gallery"],
  ["/services", "Emergency help and SOS"],
];

Deno.test("the city services' pages switch to English", async () => {
  for (const [path, text] of PAGES) {
    const response = await appRequest(path, null, { headers: { cookie: "lang=en" } });
    assert.equal(response.status, 200, path);
    const html = await response.text();
    assert.match(html, /<html lang="en"/, path);
    assert.ok(html.includes(text), `${path} says "${text}"`);
  }
  const emergency = await (await appRequest("/emergency", null, { headers: { cookie: "lang=en" } })).text();
  assert.match(emergency, />16263</, "numbers in English digits");
  assert.ok(emergency.includes("Shastho Batayon"), "the directory's English names");
});
