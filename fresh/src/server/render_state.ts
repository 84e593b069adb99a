import type { ComponentChildren, ComponentType, VNode } from "preact";
import type { Island } from "./routes.ts";

/** What one page render collects; the Preact hooks in `render_hooks.ts` fill it in. */
export class RenderState {
  /** Islands in the order their props were recorded (the index is the props index in markers). */
  readonly islands: { island: Island; props: Record<string, unknown> }[] = [];
  /** Children of every `<Head>`. */
  readonly headChildren: ComponentChildren[] = [];
  /** The `<title>` written inside `<head>` by `_app`, moved so `<Head>` can replace it. */
  appTitle: VNode | null = null;
  /** Comments that mark where the runtime inserts its tags at the end of `<head>` and `<body>`. */
  readonly headEndMarker: string;
  readonly bodyEndMarker: string;
  sawHtmlElement = false;
  sawHead = false;
  sawBody = false;
  /** The `<head>` vnode while its children render. */
  openHead: VNode | null = null;
  /** >0 while rendering inside an island: islands there are plain components. */
  islandDepth = 0;
  /** Saved depths while rendering an island's JSX children, which belong to the outer page. */
  readonly slotDepths: number[] = [];
  /** Slot marker → JSX children given to an island and not rendered (yet). */
  readonly pendingSlots = new Map<string, ComponentChildren>();
  /** Names of the `<Partial>`s rendered (each must be unique on the page). */
  readonly partials = new Set<string>();
  /** Whether an element enabled client navigation (`f-client-nav`); with partials, the page needs the runtime. */
  clientNav = false;
  /** Island vnodes created by the marker wrapper, which must not be wrapped again. */
  readonly wrappedIslands = new WeakSet<VNode>();

  constructor(
    readonly islandsByComponent: Map<ComponentType, Island>,
    /** Goes on every `<script>` and runtime `<style>`, and into the CSP when the route enables it. */
    readonly nonce: string,
  ) {
    const token = crypto.randomUUID();
    this.headEndMarker = `frsh-head-end:${token}`;
    this.bodyEndMarker = `frsh-body-end:${token}`;
  }
}
