/**
 * Preact option hooks active during a server render: they wrap islands in marker comments and record
 * their props, mark the end of `<head>`/`<body>`, move `_app`'s `<title>`, put the nonce on scripts and
 * the build id on local image URLs. They chain to hooks installed before them (signals, others).
 */
import { type ComponentChildren, Fragment, h, isValidElement, options, type VNode } from "preact";
import { CLIENT_NAV_ATTRIBUTE, lockAssetUrls } from "../runtime/utils.ts";
import { renderToString } from "preact-render-to-string";
import { Partial, type PartialProps } from "../runtime/partial.ts";
import {
  closingMarkerText,
  islandMarkerText,
  SLOT_TEMPLATE_ATTRIBUTE,
  slotMarkerText,
} from "../runtime/markers.ts";
import type { Island } from "./routes.ts";
import type { RenderState } from "./render_state.ts";

/** Preact's mangled name for the "before diff" hook is `__b`. */
interface InternalOptions {
  __b?(vnode: VNode): void;
  diffed?(vnode: VNode): void;
}

// deno-lint-ignore no-explicit-any
type MutableVNode = VNode<any>;

let current: RenderState | null = null;

/** Runs a synchronous render with `state` receiving what the hooks collect. */
export function withRenderState<T>(state: RenderState, render: () => T): T {
  const previous = current;
  current = state;
  try {
    return render();
  } finally {
    current = previous;
  }
}

/** An HTML comment, written by preact-render-to-string ≥ 6.1. */
export function comment(text: string): VNode {
  return h(Fragment, { UNSTABLE_comment: text } as Record<string, unknown>);
}

const hooks = options as InternalOptions;
// Class components with getDerivedStateFromError/componentDidCatch catch their children's errors in server
// renders too (preact-render-to-string reads this flag).
(options as { errorBoundaries?: boolean }).errorBoundaries = true;
const previousBeforeDiff = hooks.__b;
const previousDiffed = hooks.diffed;

hooks.__b = (vnode) => {
  if (current) beforeDiff(current, vnode as MutableVNode);
  previousBeforeDiff?.(vnode);
};

hooks.diffed = (vnode) => {
  if (current) afterDiff(current, vnode as MutableVNode);
  previousDiffed?.(vnode);
};

/** Renders an island's JSX children between slot markers; they belong to the page, not the island. */
function IslandSlot(props: { marker: string; children?: ComponentChildren }): VNode {
  current?.pendingSlots.delete(props.marker);
  return h(Fragment, null, comment(props.marker), props.children, comment(closingMarkerText(props.marker)));
}

/**
 * `<template>`s holding the JSX children that islands received but did not render (`{open && children}`),
 * so the browser can show them later. Rendered after the page, with islands inside them marked as usual.
 */
export function renderPendingSlots(state: RenderState): string {
  let html = "";
  while (state.pendingSlots.size > 0) {
    const [marker, children] = state.pendingSlots.entries().next().value!;
    state.pendingSlots.delete(marker);
    html += withRenderState(state, () =>
      renderToString(
        h("template", { [SLOT_TEMPLATE_ATTRIBUTE]: marker }, h(IslandSlot, { marker }, children)),
      ));
  }
  return html;
}

function beforeDiff(state: RenderState, vnode: MutableVNode): void {
  const { type } = vnode;
  if (typeof type === "string") {
    beforeElement(state, vnode, type);
  } else if (type === IslandSlot) {
    state.slotDepths.push(state.islandDepth);
    state.islandDepth = 0;
  } else if (type === Partial) {
    const { name } = vnode.props as PartialProps;
    if (state.islandDepth > 0) {
      throw new Error(`<Partial> components cannot be used inside islands (found <Partial name="${name}">)`);
    }
    if (state.partials.has(name)) throw new Error(`Two <Partial>s are named "${name}": names must be unique`);
    state.partials.add(name);
  } else if (typeof type === "function") {
    const island = state.islandsByComponent.get(type);
    if (!island) return;
    if (state.islandDepth === 0 && !state.wrappedIslands.has(vnode)) {
      wrapIsland(state, vnode, island);
    } else {
      state.islandDepth++;
    }
  }
}

function afterDiff(state: RenderState, vnode: MutableVNode): void {
  if (vnode.type === IslandSlot) {
    state.islandDepth = state.slotDepths.pop() ?? 0;
  } else if (typeof vnode.type === "function" && state.islandsByComponent.has(vnode.type)) {
    state.islandDepth--;
  } else if (vnode === state.openHead) {
    state.openHead = null;
  }
}

function beforeElement(state: RenderState, vnode: MutableVNode, type: string): void {
  const props = vnode.props;
  if (CLIENT_NAV_ATTRIBUTE in props) {
    // Written as "true"/"false", which the browser runtime reads (`f-client-nav` alone means true).
    const enabled = props[CLIENT_NAV_ATTRIBUTE] !== false && props[CLIENT_NAV_ATTRIBUTE] !== "false";
    props[CLIENT_NAV_ATTRIBUTE] = String(enabled);
    if (enabled) state.clientNav = true;
  }
  switch (type) {
    case "html":
      state.sawHtmlElement = true;
      break;
    case "head":
      if (state.sawHead) break;
      state.sawHead = true;
      state.openHead = vnode;
      vnode.props = { ...props, children: [props.children, comment(state.headEndMarker)] };
      break;
    case "body":
      if (state.sawBody) break;
      state.sawBody = true;
      vnode.props = { ...props, children: [props.children, comment(state.bodyEndMarker)] };
      break;
    case "title":
      if (!state.openHead) break;
      state.appTitle = h("title", props);
      vnode.type = Fragment;
      vnode.props = {};
      break;
    case "script":
      if (props.nonce === undefined) props.nonce = state.nonce;
      break;
    case "img":
    case "source":
      lockAssetUrls(props);
      break;
  }
}

/**
 * Replaces the island vnode's component by one that records the props, renders the island and
 * surrounds its output with marker comments (and its JSX children with slot markers).
 */
function wrapIsland(state: RenderState, vnode: MutableVNode, island: Island): void {
  const { component } = island;
  const props = vnode.props;
  const key = vnode.key == null ? "" : String(vnode.key);
  vnode.type = function IslandMarkers() {
    const { children, ...data } = props;
    const marker = { id: island.id, exportName: island.exportName, propsIndex: state.islands.length, key };
    state.islands.push({ island, props: data });
    let islandProps = props;
    if ("children" in props) {
      checkIslandChildren(children, island);
      const slotMarker = slotMarkerText(marker);
      state.pendingSlots.set(slotMarker, children as ComponentChildren);
      islandProps = {
        ...props,
        children: h(IslandSlot, { marker: slotMarker }, children as ComponentChildren),
      };
    }
    const inner = h(component, islandProps);
    state.wrappedIslands.add(inner);
    const text = islandMarkerText(marker);
    return h(Fragment, null, comment(text), inner, comment(closingMarkerText(text)));
  };
}

function checkIslandChildren(children: unknown, island: Island): void {
  const isJsx = children === null || typeof children !== "object" || Array.isArray(children) ||
    isValidElement(children);
  if (typeof children === "function" || !isJsx) {
    throw new Error(
      `Invalid JSX child passed to island <${island.name} />. To resolve this error, pass the data as a standard prop instead.`,
    );
  }
}
