/**
 * The rich text of notices: a small markup staff type in a plain text area, turned into HTML built only
 * from an allow-list, so nothing executable can come out of it whatever is typed.
 *
 *   - paragraphs are separated by a blank line; a single line break stays a line break;
 *   - lines starting with "- " or "* " form a bulleted list, "1. " (or "১. ") a numbered one;
 *   - **bold**;
 *   - [link text](https://example.gov.bd) for http(s), tel: and mailto: targets only.
 *
 * Why not HTML cleaned by a sanitiser: the output here is written, tag by tag, by this module from parsed
 * markup, and every piece of text is escaped, so there is no markup of the writer's that a sanitiser
 * could miss. Writing HTML is refused outright (`findMarkupProblem`), and the database refuses it too
 * (`notices_body_*_no_html`), so a notice written through the API directly cannot carry it either.
 */

/** What a body may not contain, as a key of the notices catalogue's error messages. */
export type MarkupProblem = "html" | "link_scheme";

/** "<" then a letter, "/", "!" or "?": the start of an HTML tag, comment or directive (the database's test). */
const HTML_TAG = /<[\p{L}/!?]/u;
const LINK = /\[([^\[\]\n]{1,200})\]\(([^()\s]{1,2000})\)/g;
/** Where any link target starts, even one `LINK` does not take (so it stays text): its scheme is checked. */
const LINK_TARGET = /\]\(\s*([^\s)]*)/g;
const SAFE_SCHEMES = ["https:", "http:", "tel:", "mailto:"];

/** Why `text` cannot be a notice body, or null when it can. */
export function findMarkupProblem(text: string): MarkupProblem | null {
  if (HTML_TAG.test(text)) return "html";
  for (const [, target] of text.matchAll(LINK_TARGET)) {
    if (!safeUrl(target)) return "link_scheme";
  }
  return null;
}

/** The link target when it is an absolute URL with an allowed scheme, else null. */
function safeUrl(target: string): string | null {
  try {
    const url = new URL(target);
    return SAFE_SCHEMES.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/** A run of text inside a line: plain, bold, or a link (whose target passed `safeUrl`). */
export type Inline =
  | { kind: "text"; text: string }
  | { kind: "strong"; text: string }
  | { kind: "link"; href: string; label: Inline[] };

/** A paragraph (its lines) or a list (its items); each line or item a row of inline runs. */
export interface Block {
  kind: "p" | "ul" | "ol";
  rows: Inline[][];
}

function emphasis(text: string): Inline[] {
  // split() with a group alternates: text, bold, text, …
  return text.split(/\*\*([^*\n]+)\*\*/).flatMap((part, i): Inline[] =>
    part === "" ? [] : [{ kind: i % 2 ? "strong" : "text", text: part }]
  );
}

/** One line: links (safe targets only; others stay as typed text) and bold. */
function inline(text: string): Inline[] {
  const runs: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const [whole, label, target] = match;
    runs.push(...emphasis(text.slice(last, match.index)));
    const href = safeUrl(target);
    runs.push(...href ? [{ kind: "link" as const, href, label: emphasis(label) }] : emphasis(whole));
    last = match.index + whole.length;
  }
  return [...runs, ...emphasis(text.slice(last))];
}

const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*[0-9০-৯]{1,3}[.)]\s+(.*)$/;

function classify(line: string): { kind: Block["kind"]; text: string } {
  const bullet = BULLET.exec(line);
  if (bullet) return { kind: "ul", text: bullet[1] };
  const numbered = NUMBERED.exec(line);
  return numbered ? { kind: "ol", text: numbered[1] } : { kind: "p", text: line.trim() };
}

/** The markup as blocks: blank lines part paragraphs; within one, runs of list lines make a list. */
export function parseRichText(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    if (!chunk.trim()) continue;
    const start = blocks.length;
    for (const line of chunk.trim().split("\n").map(classify)) {
      const last = blocks.length > start ? blocks[blocks.length - 1] : undefined;
      if (last?.kind === line.kind) last.rows.push(inline(line.text));
      else blocks.push({ kind: line.kind, rows: [inline(line.text)] });
    }
  }
  return blocks;
}

function inlineHtml(runs: Inline[]): string {
  return runs.map((run) => {
    if (run.kind === "text") return escapeHtml(run.text);
    if (run.kind === "strong") return `<strong>${escapeHtml(run.text)}</strong>`;
    return `<a href="${escapeHtml(run.href)}" rel="${LINK_REL}">${inlineHtml(run.label)}</a>`;
  }).join("");
}

/** What every link of a notice says about itself: not endorsed, no opener, no referrer. */
export const LINK_REL = "nofollow noopener noreferrer";

/** The body as HTML (the Atom feed): only p, br, ul, ol, li, strong and a (safe href) ever appear. */
export function renderRichText(text: string): string {
  return parseRichText(text).map(({ kind, rows }) =>
    kind === "p"
      ? `<p>${rows.map(inlineHtml).join("<br>")}</p>`
      : `<${kind}>${rows.map((row) => `<li>${inlineHtml(row)}</li>`).join("")}</${kind}>`
  ).join("\n");
}

/** The body as plain text (for summaries and SMS): markup removed, links as their text. */
export function plainText(text: string): string {
  return text.replace(LINK, "$1").replace(/\*\*([^*\n]+)\*\*/g, "$1").replace(/\s+/g, " ").trim();
}
