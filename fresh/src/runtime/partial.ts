import type { ComponentChildren, VNode } from "preact";
import { Fragment, h } from "preact";

export interface PartialProps {
  children?: ComponentChildren;
  /** Name of the partial; unique per page. */
  name: string;
  /** How new content is merged in on client navigation: "replace" (default), "prepend" or "append". */
  mode?: "replace" | "prepend" | "append";
}

/**
 * Marks a region that upstream Fresh can update by client-side navigation (`f-client-nav`). This runtime
 * has no client navigation, so a Partial simply renders its children and links do ordinary page loads.
 */
export function Partial(props: PartialProps): VNode {
  return h(Fragment, null, props.children);
}
