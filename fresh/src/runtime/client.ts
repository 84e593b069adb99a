/**
 * The browser side of islands: reads the page state, loads the islands present on the page and renders
 * each one afresh in place, between its markers (a client render, not a hydration: what an island draws
 * differently in the browser, such as `disabled={!IS_BROWSER}`, is applied). Marker comments are
 * replaced by empty text nodes as the islands come alive. Bundled into `main.js` by the server.
 */
import { type ComponentChildren, type ComponentType, h, options, render, type VNode } from "preact";
import { signal } from "@preact/signals";
import { setBuildId } from "./build_id.ts";
import { CLIENT_NAV_ATTRIBUTE, lockAssetUrls } from "./utils.ts";
import { decodeProps } from "./props_codec.ts";
import {
  closingMarkerText,
  isClosingIslandMarker,
  isFreshMarker,
  type IslandMarker,
  parseIslandMarker,
  SLOT_TEMPLATE_ATTRIBUTE,
  slotMarkerText,
  STATE_ATTRIBUTE,
} from "./markers.ts";

/** Island id → loader of its component; generated into the boot module at build time. */
export type IslandLoaders = Record<string, () => Promise<ComponentType>>;

export interface PageState {
  buildId: string;
  props: unknown[];
}

interface IslandRange {
  marker: IslandMarker;
  start: Comment;
  end: Comment;
}

/** What reviving the islands of one document (the page, or a partial response) needs. */
export interface ReviveContext {
  allProps: Record<string, unknown>[];
  components: Map<string, ComponentType>;
  /** Slot marker text → the `<template>` holding slot content the server did not render in place. */
  templates: Map<string, HTMLTemplateElement>;
}

const COMMENT_NODE = 8;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

let islandLoaders: IslandLoaders = {};

// Islands lock local image URLs to the build in the browser too, as the server did (always chain hooks).
const previousVNodeHook = options.vnode;
options.vnode = (vnode) => {
  if (vnode.type === "img" || vnode.type === "source") lockAssetUrls(vnode.props as Record<string, unknown>);
  previousVNodeHook?.(vnode);
};

export async function boot(loaders: IslandLoaders): Promise<void> {
  islandLoaders = loaders;
  const state = readState(document);
  if (state) setBuildId(state.buildId);
  await reviveIslands(document.body, document, state);
  // Client navigation is loaded only by pages that opted into it.
  if (document.querySelector(`[${CLIENT_NAV_ATTRIBUTE}="true"]`)) {
    const { startClientNav } = await import("./client_nav.ts");
    startClientNav();
  }
}

/** An island rendered in the browser, between two empty text nodes. */
export interface MountedIsland {
  id: string;
  key: string;
  start: Node;
  end: Node;
  fragment: Element;
}

/** Every island root rendered so far: client navigation reuses or unmounts those whose nodes it replaces. */
export const mountedIslands = new Set<MountedIsland>();

/** Given the marker of an island about to render, a live island to render the new props into instead. */
export type ReuseIsland = (marker: IslandMarker) => MountedIsland | undefined;

/** The island props of a document, if it has islands. */
export function readState(doc: Document): PageState | null {
  const element = doc.querySelector(`script[${STATE_ATTRIBUTE}]`);
  return element?.textContent ? JSON.parse(element.textContent) as PageState : null;
}

/**
 * Renders every top-level island found under `root` (whose markers, templates and props come from
 * `doc`, the document they were rendered in), then removes the markers.
 */
export async function reviveIslands(
  root: Node,
  doc: Document,
  state: PageState | null,
  reuse?: ReuseIsland,
): Promise<void> {
  const templates = new Map<string, HTMLTemplateElement>();
  for (const template of doc.querySelectorAll<HTMLTemplateElement>(`template[${SLOT_TEMPLATE_ATTRIBUTE}]`)) {
    templates.set(template.getAttribute(SLOT_TEMPLATE_ATTRIBUTE)!, template);
  }
  const { topLevel, ids } = findIslands(root, templates);
  if (topLevel.length === 0) return;
  const components = new Map<string, ComponentType>();
  await Promise.all([...ids].map(async (id) => {
    const load = islandLoaders[id];
    if (load) components.set(id, await load());
    else console.error(`Island "${id}" is on the page but not in the client bundle`);
  }));

  const allProps = state ? decodeProps(state.props, signal) as Record<string, unknown>[] : [];
  const revive: ReviveContext = { allProps, components, templates };
  for (const range of topLevel) {
    try {
      const vnode = islandVNode(range, revive);
      const live = vnode ? reuse?.(range.marker) : undefined;
      if (live) {
        // The island already on the page takes the place of the server's HTML and keeps its state.
        moveRange(live.start, live.end, range.start);
        removeRange(range.start, range.end);
        render(vnode, live.fragment);
        continue;
      }
      const [start, end] = [hideMarker(range.start), hideMarker(range.end)];
      removeMarkersBetween(start, end);
      if (!vnode) continue;
      const fragment = rootFragment(start, end);
      render(vnode, fragment);
      mountedIslands.add({ id: range.marker.id, key: range.marker.key, start, end, fragment });
    } catch (error) {
      console.error(`Failed to render island "${range.marker.id}"`, error);
    }
  }
  for (const template of templates.values()) template.remove();
}

/**
 * Walks the comments once: islands not inside another island, and the id of every island seen (also in
 * slot templates, whose content the island may show later).
 */
function findIslands(
  root: Node,
  templates: Map<string, HTMLTemplateElement>,
): { topLevel: IslandRange[]; ids: Set<string> } {
  const topLevel: IslandRange[] = [];
  const ids = new Set<string>();
  const open: { marker: IslandMarker; start: Comment }[] = [];
  for (const comment of comments(root)) {
    const marker = parseIslandMarker(comment.data);
    if (marker) {
      ids.add(marker.id);
      open.push({ marker, start: comment });
    } else if (isClosingIslandMarker(comment.data)) {
      const opened = open.pop();
      if (opened && open.length === 0) topLevel.push({ ...opened, end: comment });
    }
  }
  for (const template of templates.values()) {
    for (const comment of comments(template.content)) {
      const marker = parseIslandMarker(comment.data);
      if (marker) ids.add(marker.id);
    }
  }
  return { topLevel, ids };
}

function* comments(root: Node): Generator<Comment> {
  const walker = (root.ownerDocument ?? root as Document).createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) yield node as Comment;
}

function islandVNode(range: IslandRange, revive: ReviveContext): VNode | null {
  const component = revive.components.get(range.marker.id);
  if (!component) return null;
  const props: Record<string, unknown> = { ...revive.allProps[range.marker.propsIndex] };
  const slotText = slotMarkerText(range.marker);
  // The slot is in place, or (when the island did not show its children on the server) in a template.
  const slotStart = findComment(range.start, range.end, slotText) ??
    findComment(revive.templates.get(slotText)?.content.firstChild ?? null, null, slotText, true);
  if (slotStart) {
    props.children = nodesToVNodes(slotStart.nextSibling, closingMarkerText(slotText), revive);
  }
  if (range.marker.key) props.key = range.marker.key;
  return h(component, props);
}

/** Finds the comment with `text` among the siblings after `start` (or from it) up to `end`, or inside them. */
function findComment(start: Node | null, end: Node | null, text: string, inclusive = false): Comment | null {
  for (
    let node = inclusive ? start : start?.nextSibling ?? null;
    node && node !== end;
    node = node.nextSibling
  ) {
    if (node.nodeType === COMMENT_NODE && (node as Comment).data === text) return node as Comment;
    if (node.nodeType === ELEMENT_NODE) {
      for (const inner of comments(node)) if (inner.data === text) return inner;
    }
  }
  return null;
}

/**
 * Turns server-rendered slot content back into vnodes, so the island renders it unchanged (and can
 * show it again later); islands inside the slot become island vnodes of their own.
 */
function nodesToVNodes(
  first: Node | null,
  endText: string | null,
  revive: ReviveContext,
): ComponentChildren[] {
  const children: ComponentChildren[] = [];
  for (let node = first; node; node = node.nextSibling) {
    if (node.nodeType === TEXT_NODE) {
      children.push((node as Text).data);
    } else if (node.nodeType === ELEMENT_NODE) {
      children.push(elementVNode(node as Element, revive));
    } else if (node.nodeType === COMMENT_NODE) {
      const text = (node as Comment).data;
      if (text === endText) break;
      const marker = parseIslandMarker(text);
      if (!marker) continue;
      const endMarker = closingMarkerText(text);
      let end = node.nextSibling;
      while (end && !(end.nodeType === COMMENT_NODE && (end as Comment).data === endMarker)) {
        end = end.nextSibling;
      }
      if (!end) break;
      children.push(islandVNode({ marker, start: node as Comment, end: end as Comment }, revive));
      node = end;
    }
  }
  return children;
}

function elementVNode(element: Element, revive: ReviveContext): ComponentChildren {
  const props: Record<string, unknown> = {};
  for (const { name, value } of element.attributes) {
    // A boolean attribute (`disabled`, `checked`) is true when present, whatever its text.
    props[name] = typeof (element as unknown as Record<string, unknown>)[name] === "boolean" ? true : value;
  }
  const content = element.localName === "template" ? (element as HTMLTemplateElement).content : element;
  return h(element.localName, props, ...nodesToVNodes(content.firstChild, null, revive));
}

/** Moves the nodes from `start` to `end` (both included) before `before`. */
export function moveRange(start: Node, end: Node, before: Node): void {
  for (let node: Node | null = start; node;) {
    const next: Node | null = node === end ? null : node.nextSibling;
    before.parentNode!.insertBefore(node, before);
    node = next;
  }
}

function removeRange(start: Node, end: Node): void {
  for (let node: Node | null = start; node;) {
    const next: Node | null = node === end ? null : node.nextSibling;
    (node as ChildNode).remove();
    node = next;
  }
}

/** Puts an empty text node where a marker comment was; it bounds the island's range from now on. */
function hideMarker(marker: Comment): Text {
  const text = document.createTextNode("");
  marker.replaceWith(text);
  return text;
}

/** Drops the runtime's comments inside an island's range (their content is already in the vnodes). */
function removeMarkersBetween(start: Node, end: Node): void {
  const found: Comment[] = [];
  for (let node = start.nextSibling; node && node !== end; node = node.nextSibling) {
    if (node.nodeType === COMMENT_NODE && isFreshMarker((node as Comment).data)) found.push(node as Comment);
    else if (node.nodeType === ELEMENT_NODE) {
      for (const comment of comments(node)) if (isFreshMarker(comment.data)) found.push(comment);
    }
  }
  for (const comment of found) comment.remove();
}

/**
 * A stand-in parent element covering only the nodes between two sibling nodes, so Preact can render
 * an island in place, and re-render it later, without a wrapper element.
 */
export function rootFragment(start: Node, end: Node): Element {
  const parent = () => start.parentNode!;
  const contains = (node: Node) => {
    for (let current = start.nextSibling; current && current !== end; current = current.nextSibling) {
      if (current === node) return true;
    }
    return false;
  };
  const fragment = {
    nodeType: ELEMENT_NODE,
    get parentNode() {
      return parent();
    },
    namespaceURI: (parent() as Element).namespaceURI,
    get firstChild() {
      return start.nextSibling === end ? null : start.nextSibling;
    },
    get childNodes() {
      const nodes: Node[] = [];
      for (let node = start.nextSibling; node && node !== end; node = node.nextSibling) nodes.push(node);
      return nodes;
    },
    insertBefore(node: Node, reference: Node | null) {
      return parent().insertBefore(node, reference && contains(reference) ? reference : end);
    },
    appendChild(node: Node) {
      return parent().insertBefore(node, end);
    },
    removeChild(node: Node) {
      return parent().removeChild(node);
    },
  };
  return fragment as unknown as Element;
}
