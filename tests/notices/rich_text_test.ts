import assert from "node:assert/strict";
import { findMarkupProblem, plainText, renderRichText } from "@/lib/notices/rich_text.ts";

/** Every tag in `html` and every attribute name, to check against the allow-list. */
function tagsAndAttributes(html: string): { tags: Set<string>; attributes: Set<string> } {
  const tags = new Set<string>();
  const attributes = new Set<string>();
  for (const [, name, rest] of html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
    tags.add(name.toLowerCase());
    for (const [, attribute] of rest.matchAll(/\s([^\s=]+)=/g)) attributes.add(attribute.toLowerCase());
  }
  return { tags, attributes };
}

const ALLOWED_TAGS = new Set(["p", "br", "ul", "ol", "li", "strong", "a"]);
const ALLOWED_ATTRIBUTES = new Set(["href", "rel"]);

Deno.test("paragraphs, lists, bold and links become the allowed HTML", () => {
  const html = renderRichText(
    "প্রথম অনুচ্ছেদ\nদ্বিতীয় লাইন\n\n- এক\n- **দুই**\n\n১. প্রথম\n২. দ্বিতীয়\n\nদেখুন [ওয়েবসাইট](https://dncc.gov.bd/notice?id=1&x=2)",
  );
  assert.equal(
    html,
    [
      "<p>প্রথম অনুচ্ছেদ<br>দ্বিতীয় লাইন</p>",
      "<ul><li>এক</li><li><strong>দুই</strong></li></ul>",
      "<ol><li>প্রথম</li><li>দ্বিতীয়</li></ol>",
      '<p>দেখুন <a href="https://dncc.gov.bd/notice?id=1&amp;x=2" rel="nofollow noopener noreferrer">ওয়েবসাইট</a></p>',
    ].join("\n"),
  );
});

// Script-injection attempts: refused when the staff member writes them, and harmless even if a body
// reached the renderer anyway (old data, a bug in a form): no tag, attribute or scheme outside the list.
const HOSTILE = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
  "<img src=x onerror=alert(1)>",
  "<svg/onload=alert(1)>",
  "<!-- comment --><iframe src=javascript:alert(1)>",
  "</p><a href=javascript:alert(1)>x</a>",
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[click](vbscript:msgbox(1))",
  '[x](https://ok.example/"onmouseover="alert(1))',
  '[x](https://ok.example/a"><script>alert(1)</script>)',
  "[**x**](https://a.example/)**<b>**",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "[x](//evil.example/)",
  "- [x](javascript://%0aalert(1))",
];

Deno.test("script, tags and unsafe links are refused with a reason", () => {
  // Not refused: escaped entities and a scheme-relative "link" are plain text, and an https link whose
  // quotes the URL parser percent-encodes is a safe link (the renderer's checks below).
  const harmless = new Set([
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "[x](//evil.example/)",
    '[x](https://ok.example/"onmouseover="alert(1))',
  ]);
  const markup = HOSTILE.filter((body) => !harmless.has(body));
  for (const body of markup) assert.ok(findMarkupProblem(body), `not refused: ${body}`);
  assert.equal(findMarkupProblem("<script>alert(1)</script>"), "html");
  assert.equal(findMarkupProblem("[click](javascript:alert(1))"), "link_scheme");
  assert.equal(findMarkupProblem("তাপমাত্রা < ৩০, 2<3 এবং a <= b"), null);
  assert.equal(findMarkupProblem("[হটলাইন](tel:16263) ও [ইমেইল](mailto:info@dncc.gov.bd)"), null);
});

Deno.test("whatever reaches the renderer, only allowed tags, attributes and schemes come out", () => {
  for (const body of HOSTILE) {
    const html = renderRichText(body);
    const { tags, attributes } = tagsAndAttributes(html);
    for (const tag of tags) assert.ok(ALLOWED_TAGS.has(tag), `tag <${tag}> from ${body}: ${html}`);
    for (const attribute of attributes) {
      assert.ok(ALLOWED_ATTRIBUTES.has(attribute), `attribute ${attribute} from ${body}: ${html}`);
    }
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) {
      assert.match(href, /^(https?:|tel:|mailto:)/, `href ${href} from ${body}`);
    }
    assert.doesNotMatch(html, /<script/i, `from ${body}: ${html}`);
  }
});

Deno.test("an escaped entity stays text, it is never decoded into a tag", () => {
  assert.equal(renderRichText("&lt;script&gt;"), "<p>&amp;lt;script&amp;gt;</p>");
});

Deno.test("plain text drops the markup for summaries", () => {
  assert.equal(plainText("**জরুরি:** পানি\n\n[বিস্তারিত](https://a.example)"), "জরুরি: পানি বিস্তারিত");
});
