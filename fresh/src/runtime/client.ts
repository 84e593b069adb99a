/**
 * The browser side of islands: reads the page state, loads the islands present on the page and hydrates
 * each one in place, between its marker comments. Bundled into `main.js` by the server.
 */
import { type ComponentChildren, type ComponentType, h, hydrate, type VNode } from "preact";
import { signal } from "@preact/signals";
import { setBuildId } from "./build_id.ts";
import { decodeProps } from "./props_codec.ts";
import {
  closingMarkerText,
  isClosingIslandMarker,
  type IslandMarker,
  parseIslandMarker,
  slotMarkerText,
  STATE_ATTRIBUTE,
} from "./markers.ts";

/** Island id → loader of its component; generated into the boot module at build time. */
export type IslandLoaders = Record<string, () => Promise<ComponentType>>;

interface PageState {
  buildId: string;
  props: unknown[];
}

interface IslandRange {
  marker: IslandMarker;
  start: Comment;
  end: Comment;
}

const COMMENT_NODE = 8;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

export async function boot(loaders: IslandLoaders): Promise<void> {
  const stateElement = document.querySelector(`script[${STATE_ATTRIBUTE}]`);
  if (!stateElement?.textContent) return;
  const state = JSON.parse(stateElement.textContent) as PageState;
  setBuildId(state.buildId);
  const allProps = decodeProps(state.props, signal) as Record<string, unknown>[];

  const { topLevel, ids } = findIslands(document.body);
  const components = new Map<string, ComponentType>();
  await Promise.all([...ids].map(async (id) => {
    const load = loaders[id];
    if (load) components.set(id, await load());
    else console.error(`Island "${id}" is on the page but not in the client bundle`);
  }));

  const revive = { allProps, components };
  for (const range of topLevel) {
    try {
      const vnode = islandVNode(range, revive);
      if (vnode) hydrate(vnode, rootFragment(range.start, range.end));
    } catch (error) {
      console.error(`Failed to hydrate island "${range.marker.id}"`, error);
    }
  }
}

/** Walks the comments once: islands not inside another island, and the id of every island seen. */
function findIslands(root: Node): { topLevel: IslandRange[]; ids: Set<string> } {
  const topLevel: IslandRange[] = [];
  const ids = new Set<string>();
  const open: { marker: IslandMarker; start: Comment }[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const comment = node as Comment;
    const marker = parseIslandMarker(comment.data);
    if (marker) {
      ids.add(marker.id);
      open.push({ marker, start: comment });
    } else if (isClosingIslandMarker(comment.data)) {
      const opened = open.pop();
      if (opened && open.length === 0) topLevel.push({ ...opened, end: comment });
    }
  }
  return { topLevel, ids };
}

interface ReviveContext {
  allProps: Record<string, unknown>[];
  components: Map<string, ComponentType>;
}

function islandVNode(range: IslandRange, revive: ReviveContext): VNode | null {
  const component = revive.components.get(range.marker.id);
  if (!component) return null;
  const props: Record<string, unknown> = { ...revive.allProps[range.marker.propsIndex] };
  const slotStart = findComment(range.start, range.end, slotMarkerText(range.marker));
  if (slotStart) {
    props.children = nodesToVNodes(slotStart.nextSibling, closingMarkerText(slotStart.data), revive);
  }
  if (range.marker.key) props.key = range.marker.key;
  return h(component, props);
}

/** Finds the comment with `text` among the siblings between two markers or inside them. */
function findComment(start: Node, end: Node, text: string): Comment | null {
  for (let node = start.nextSibling; node && node !== end; node = node.nextSibling) {
    if (node.nodeType === COMMENT_NODE && (node as Comment).data === text) return node as Comment;
    if (node.nodeType === ELEMENT_NODE) {
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_COMMENT);
      for (let inner = walker.nextNode(); inner; inner = walker.nextNode()) {
        if ((inner as Comment).data === text) return inner as Comment;
      }
    }
  }
  return null;
}

/**
 * Turns server-rendered slot content back into vnodes, so the island hydrates over it unchanged;
 * islands inside the slot become island vnodes of their own.
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
      const element = node as Element;
      const attributes: Record<string, string> = {};
      for (const attribute of element.attributes) attributes[attribute.name] = attribute.value;
      children.push(h(element.localName, attributes, ...nodesToVNodes(element.firstChild, null, revive)));
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

/**
 * A stand-in parent element covering only the nodes between two sibling comments, so Preact can
 * hydrate and later re-render an island in place without a wrapper element.
 */
function rootFragment(start: Comment, end: Comment): Element {
  const parent = start.parentNode!;
  const contains = (node: Node) => {
    for (let current = start.nextSibling; current && current !== end; current = current.nextSibling) {
      if (current === node) return true;
    }
    return false;
  };
  const fragment = {
    nodeType: ELEMENT_NODE,
    parentNode: parent,
    namespaceURI: (parent as Element).namespaceURI,
    get firstChild() {
      return start.nextSibling === end ? null : start.nextSibling;
    },
    get childNodes() {
      const nodes: Node[] = [];
      for (let node = start.nextSibling; node && node !== end; node = node.nextSibling) nodes.push(node);
      return nodes;
    },
    insertBefore(node: Node, reference: Node | null) {
      return parent.insertBefore(node, reference && contains(reference) ? reference : end);
    },
    appendChild(node: Node) {
      return parent.insertBefore(node, end);
    },
    removeChild(node: Node) {
      return parent.removeChild(node);
    },
  };
  return fragment as unknown as Element;
}
