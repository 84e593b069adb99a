/**
 * Head styles in answers to client navigation. The browser tells which style texts it already has
 * (`x-fresh-styles`: hashes of their text); the answer leaves out a `<style>` it has word for word and, for
 * a style whose earlier versions this process rendered (the runtime's per-page CSS), sends only the rules
 * the browser lacks, marked with the hash of the whole text. Unknown hashes (another process, a restart)
 * cost nothing but bytes: the whole style is sent, as without this.
 */
import { cssHash } from "../runtime/css_hash.ts";
import { CSS_HASH_ATTRIBUTE, STYLES_HEADER } from "../runtime/utils.ts";

const MAX_REMEMBERED = 500;
const MAX_CLAIMED = 64;

/** Hash of a style text → its top-level rules, most recently rendered last. */
const remembered = new Map<string, string[]>();
/** Style text → its hash: pages of one kind render the same text, which is hashed and split only once. */
const hashes = new Map<string, string>();

/** The style hashes a request says the page has (at most 64, well-formed ones only). */
export function claimedStyles(req: Request): Set<string> {
  const header = req.headers.get(STYLES_HEADER) ?? "";
  return new Set(
    header.split(",").map((hash) => hash.trim()).filter((hash) => /^[0-9a-f]{16}$/.test(hash)).slice(
      0,
      MAX_CLAIMED,
    ),
  );
}

const STYLE = /<style\b([^>]*)>([\s\S]*?)<\/style>/g;

/**
 * Remembers the rules of each `<style>` in `head`; with `claimed` (a partial answer), also drops or trims
 * the styles as described above and returns the rewritten head.
 */
export async function rewriteHeadStyles(head: string, claimed: Set<string> | null): Promise<string> {
  const found = [...head.matchAll(STYLE)];
  const replacements: string[] = [];
  for (const [element, attributes, text] of found) {
    const { hash, rules } = await remember(text);
    const knownRules = new Set<string>();
    for (const known of claimed ?? []) for (const rule of remembered.get(known) ?? []) knownRules.add(rule);
    if (!claimed) {
      replacements.push(element);
    } else if (claimed.has(hash)) {
      replacements.push("");
    } else {
      const missing = knownRules.size > 0 ? rules.filter((rule) => !knownRules.has(rule)).join("") : text;
      replacements.push(`<style${attributes} ${CSS_HASH_ATTRIBUTE}="${hash}">${missing}</style>`);
    }
  }
  let i = 0;
  return claimed ? head.replace(STYLE, () => replacements[i++]) : head;
}

async function remember(text: string): Promise<{ hash: string; rules: string[] }> {
  const hash = hashes.get(text) ?? await cssHash(text);
  const rules = remembered.get(hash) ?? splitRules(text);
  touch(hashes, text, hash);
  touch(remembered, hash, rules);
  return { hash, rules };
}

/** Makes `key` the most recent entry of a map that keeps the latest MAX_REMEMBERED. */
function touch<Value>(map: Map<string, Value>, key: string, value: Value): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_REMEMBERED) map.delete(map.keys().next().value!);
}

/** Top-level CSS rules (an `@media` block is one), by brace depth; quoted braces are skipped. */
export function splitRules(css: string): string[] {
  const rules: string[] = [];
  let depth = 0;
  let start = 0;
  let quote: string | null = null;
  for (let i = 0; i < css.length; i++) {
    const char = css[i];
    if (quote) {
      if (char === "\\") i++;
      else if (char === quote) quote = null;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === "{") {
      depth++;
    } else if (char === "}" && --depth === 0) {
      rules.push(css.slice(start, i + 1).trim());
      start = i + 1;
    }
  }
  const rest = css.slice(start).trim();
  if (rest) rules.push(rest);
  return rules;
}
