/**
 * Client navigation (upstream Fresh's partials): inside an element with `f-client-nav`, same-origin
 * links, `f-partial` buttons and forms fetch the next page with `?fresh-partial=true` and swap each
 * `<Partial>` region of this page for the region of the same name in the answer, keeping the document,
 * its CSS and its scripts. Whenever that cannot be done (not HTML, no partials, another build, a
 * network error) the browser loads the page the ordinary way.
 */
import { render } from "preact";
import { getBuildId } from "./build_id.ts";
import { type MountedIsland, mountedIslands, moveRange, readState, reviveIslands } from "./client.ts";
import { isClosingPartialMarker, parsePartialMarker, type PartialMode } from "./markers.ts";
import { cssHash } from "./css_hash.ts";
import {
  CLIENT_NAV_ATTRIBUTE,
  CSS_HASH_ATTRIBUTE,
  PARTIAL_ATTRIBUTE,
  PARTIAL_SEARCH_PARAM,
  STYLES_HEADER,
} from "./utils.ts";

interface Region {
  name: string;
  mode: PartialMode;
  start: Node;
  end: Node;
}

/** The page's partial regions by name; their markers are empty text nodes once registered. */
const regions = new Map<string, Region>();

/**
 * Hashes of the head style texts this page has received (newest last, at most 64): sent with each request
 * so the answer leaves out the CSS the page already has.
 */
const knownStyles = new Set<string>();
const MAX_KNOWN_STYLES = 64;

class CannotApply extends Error {}

export function startClientNav(): void {
  registerRegions(document.body);
  rememberStyles(document.head);
  // Mark the entry we start on, so coming back to it is a client navigation too; scrolling is ours to restore.
  if (history.state === null) history.replaceState({ fresh: true }, "");
  history.scrollRestoration = "manual";
  document.addEventListener("click", onClick);
  document.addEventListener("submit", onSubmit);
  addEventListener("popstate", onPopState);
}

/** Finds the partial markers under `root`, replaces them with empty text nodes and records the regions. */
function registerRegions(root: Node): void {
  const open: { name: string; mode: PartialMode; start: Comment }[] = [];
  const found: Region[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const comment = node as Comment;
    const marker = parsePartialMarker(comment.data);
    if (marker) open.push({ ...marker, start: comment });
    else if (isClosingPartialMarker(comment.data)) {
      const opened = open.pop();
      if (opened) found.push({ ...opened, end: comment });
    }
  }
  for (const region of found) {
    region.start = hide(region.start as Comment);
    region.end = hide(region.end as Comment);
    regions.set(region.name, region);
  }
}

function hide(comment: Comment): Text {
  const text = document.createTextNode("");
  comment.replaceWith(text);
  return text;
}

function clientNavEnabled(element: Element): boolean {
  return element.closest(`[${CLIENT_NAV_ATTRIBUTE}]`)?.getAttribute(CLIENT_NAV_ATTRIBUTE) === "true";
}

function onClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
  const target = event.target as Element | null;
  const link = target?.closest?.("a");
  if (link) {
    const href = link.getAttribute("href");
    if (
      !href || href.startsWith("#") || link.origin !== location.origin || link.hasAttribute("download") ||
      (link.target && link.target !== "_self") || !clientNavEnabled(link)
    ) return;
    event.preventDefault();
    const url = new URL(link.href);
    const from = new URL(link.getAttribute(PARTIAL_ATTRIBUTE) ?? link.href, location.href);
    navigate(url, from, undefined, "push");
    return;
  }
  const button = target?.closest?.("button");
  const partial = button?.getAttribute(PARTIAL_ATTRIBUTE);
  if (button && partial && (button.type !== "submit" || !button.form) && clientNavEnabled(button)) {
    event.preventDefault();
    navigate(null, new URL(partial, location.href), undefined, null);
  }
}

function onSubmit(event: SubmitEvent): void {
  const form = event.target as HTMLFormElement;
  if (event.defaultPrevented || !clientNavEnabled(form)) return;
  const submitter = event.submitter as HTMLButtonElement | HTMLInputElement | null;
  if (submitter && !clientNavEnabled(submitter)) return;
  const method = (submitter?.getAttribute("formmethod") ?? form.method).toLowerCase();
  if (method !== "get" && method !== "post") return;
  const action = submitter?.getAttribute(PARTIAL_ATTRIBUTE) ?? submitter?.getAttribute("formaction") ??
    form.getAttribute(PARTIAL_ATTRIBUTE) ?? form.action;
  event.preventDefault();
  const url = new URL(action, location.href);
  const data = new FormData(form, submitter);
  if (method === "get") {
    for (const [key, value] of data) if (typeof value === "string") url.searchParams.set(key, value);
    navigate(url, url, undefined, "push");
  } else {
    navigate(url, url, { method: "POST", body: data }, "push");
  }
}

function onPopState(event: PopStateEvent): void {
  if (event.state === null) return; // a #fragment change
  const url = new URL(location.href);
  const { scrollX = 0, scrollY = 0 } = event.state as { scrollX?: number; scrollY?: number };
  navigate(url, url, undefined, { left: scrollX, top: scrollY });
}

/**
 * Fetches `from` as partials and applies them; `url` is what the address bar shows afterwards (null:
 * unchanged). Falls back to loading `url` (or `from`) the ordinary way.
 */
async function navigate(
  url: URL | null,
  from: URL,
  init: RequestInit | undefined,
  /** "push": a new history entry, scrolled to the top; a position: Back/Forward to it; null: in place. */
  move: "push" | { left: number; top: number } | null,
): Promise<void> {
  const request = new URL(from);
  request.searchParams.set(PARTIAL_SEARCH_PARAM, "true");
  try {
    const headers = { [STYLES_HEADER]: [...knownStyles].join(",") };
    const response = await fetch(request, { ...init, headers, redirect: "follow" });
    // After a redirect (a form's post/redirect/get) the address bar shows where it led.
    if (response.redirected) url = withoutPartialParam(new URL(response.url));
    await applyPartials(response, () => {
      // The address changes as the content does (before islands load), as upstream.
      if (url && move === "push" && url.href !== location.href) {
        // The entry left keeps its scroll position, for Back.
        history.replaceState({ fresh: true, scrollX, scrollY }, "");
        history.pushState({ fresh: true }, "", url);
      } else if (url && url.href !== location.href) {
        history.replaceState({ fresh: true }, "", url);
      }
    });
    if (move === "push") scrollTo({ left: 0, top: 0, behavior: "instant" });
    else if (move) scrollTo({ ...move, behavior: "instant" });
  } catch (error) {
    if (!(error instanceof CannotApply) && !(error instanceof TypeError)) console.error(error);
    location.assign(url ?? from);
  }
}

function withoutPartialParam(url: URL): URL {
  url.searchParams.delete(PARTIAL_SEARCH_PARAM);
  return url;
}

/** Swaps in the partials of `response`; `commit` runs once it is known they apply, before the swap. */
async function applyPartials(response: Response, commit: () => void): Promise<void> {
  if (!response.headers.get("content-type")?.startsWith("text/html")) throw new CannotApply();
  const doc = new DOMParser().parseFromString(await response.text(), "text/html");
  const state = readState(doc);
  if (state && state.buildId !== getBuildId()) throw new CannotApply(); // a new deployment: reload
  const incoming = topLevelRegions(doc);
  if (incoming.length === 0) throw new CannotApply();

  commit();
  const setAside = document.createDocumentFragment();
  const aside: MountedIsland[] = [];
  if (doc.title) document.title = doc.title;
  mergeHead(doc);
  rememberStyles(doc.head);
  for (const { name, mode, nodes } of incoming) {
    const region = regions.get(name);
    if (!region) {
      console.warn(`Partial "${name}" not found on this page; skipped`);
      continue;
    }
    if (mode === "replace") {
      // The region's islands are set aside alive: the new content may have them again (same island, same
      // key, in the same order), and then they keep their state, as upstream's diffing does.
      for (const island of islandsIn(region)) {
        moveRange(island.start, island.end, setAside.appendChild(document.createTextNode("")));
        mountedIslands.delete(island);
        aside.push(island);
      }
      for (const node of between(region)) (node as ChildNode).remove();
    }
    const parent = region.start.parentNode!;
    const before = mode === "prepend" ? region.start.nextSibling : region.end;
    for (const node of nodes) parent.insertBefore(document.adoptNode(node), before);
  }
  registerRegions(document.body);
  await reviveIslands(document.body, doc, state, (marker) => {
    const index = aside.findIndex((island) => island.id === marker.id && island.key === marker.key);
    if (index === -1) return undefined;
    const [island] = aside.splice(index, 1);
    mountedIslands.add(island);
    return island;
  });
  // Those the new content does not have again are unmounted (their effects clean up).
  for (const island of aside) render(null, island.fragment);
}

/** The live islands inside a region, in document order. */
function islandsIn(region: Region): MountedIsland[] {
  const inside = between(region);
  const contains = (node: Node) => inside.some((top) => top === node || top.contains(node));
  return [...mountedIslands].filter((island) => contains(island.start))
    .sort((a, b) => a.start.compareDocumentPosition(b.start) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
}

/** The partials of a fetched document that are not inside another partial, with their nodes. */
function topLevelRegions(doc: Document): { name: string; mode: PartialMode; nodes: Node[] }[] {
  const result: { name: string; mode: PartialMode; nodes: Node[] }[] = [];
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_COMMENT);
  let open: { name: string; mode: PartialMode; start: Comment } | null = null;
  let depth = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const comment = node as Comment;
    const marker = parsePartialMarker(comment.data);
    if (marker) {
      if (depth++ === 0) open = { ...marker, start: comment };
    } else if (isClosingPartialMarker(comment.data) && --depth === 0 && open) {
      const nodes: Node[] = [];
      for (
        let sibling = open.start.nextSibling;
        sibling && sibling !== comment;
        sibling = sibling.nextSibling
      ) {
        nodes.push(sibling);
      }
      result.push({ name: open.name, mode: open.mode, nodes });
      open = null;
    }
  }
  return result;
}

function between(region: Region): Node[] {
  const nodes: Node[] = [];
  for (let node = region.start.nextSibling; node && node !== region.end; node = node.nextSibling) {
    nodes.push(node);
  }
  return nodes;
}

/**
 * Brings in what the next page's head adds: meta values, stylesheets, and style rules (the runtime's CSS
 * is per page, so the next page may use classes this one has no rules for). Nothing is removed.
 */
function mergeHead(doc: Document): void {
  for (const child of doc.head.children) {
    if (child instanceof HTMLMetaElement) {
      if (child.hasAttribute("charset")) continue;
      const selector = child.name
        ? `meta[name="${CSS.escape(child.name)}"]`
        : child.getAttribute("property")
        ? `meta[property="${CSS.escape(child.getAttribute("property")!)}"]`
        : null;
      const existing = selector ? document.head.querySelector<HTMLMetaElement>(selector) : null;
      if (existing) existing.content = child.content;
      else if (selector) document.head.appendChild(document.adoptNode(child.cloneNode(true)));
    } else if (child instanceof HTMLLinkElement && child.rel === "stylesheet") {
      const known = [...document.head.querySelectorAll("link")].some((link) => link.href === child.href);
      if (!known) document.head.appendChild(child.cloneNode(true));
    } else if (child instanceof HTMLStyleElement) {
      mergeStyle(child);
    }
  }
}

/** Records the styles of `head` (a style's hash attribute names the whole text it completes). */
function rememberStyles(head: HTMLHeadElement): void {
  if (!globalThis.crypto?.subtle) return; // not a secure context: no hashes, whole styles every time
  for (const style of head.querySelectorAll("style")) {
    const known = style.getAttribute(CSS_HASH_ATTRIBUTE);
    const hash = known ? Promise.resolve(known) : cssHash(style.textContent ?? "");
    hash.then((value) => {
      knownStyles.delete(value);
      knownStyles.add(value);
      if (knownStyles.size > MAX_KNOWN_STYLES) knownStyles.delete(knownStyles.values().next().value!);
    });
  }
}

function mergeStyle(style: HTMLStyleElement): void {
  const text = style.textContent ?? "";
  const existing = style.id ? document.getElementById(style.id) as HTMLStyleElement | null : null;
  if (!existing) {
    const same = [...document.head.querySelectorAll("style")].some((element) => element.textContent === text);
    if (!same) document.head.appendChild(style.cloneNode(true));
    return;
  }
  if (existing.textContent === text || !existing.sheet) return;
  // Add the rules this page's sheet lacks, at the end (the runtime's CSS is ordered, later wins).
  const known = new Set([...existing.sheet.cssRules].map((rule) => rule.cssText));
  const incoming = new CSSStyleSheet();
  incoming.replaceSync(text);
  for (const rule of incoming.cssRules) {
    if (!known.has(rule.cssText)) existing.sheet.insertRule(rule.cssText, existing.sheet.cssRules.length);
  }
}
