import type { ComponentChildren, VNode } from "preact";
import { Fragment, h } from "preact";
import { closingMarkerText, partialMarkerText } from "./markers.ts";

export interface PartialProps {
  children?: ComponentChildren;
  /** Name of the partial; unique per page. */
  name: string;
  /** How new content is merged in on client navigation: "replace" (default), "prepend" or "append". */
  mode?: "replace" | "prepend" | "append";
}

/**
 * A region that client navigation (`f-client-nav`) updates in place: the server writes it between
 * marker comments; the browser swaps in the region of the same name from the next page's HTML.
 */
export function Partial(props: PartialProps): VNode {
  const marker = partialMarkerText({ name: props.name, mode: props.mode ?? "replace", key: "" });
  // `UNSTABLE_comment` is how preact-render-to-string writes a comment; Partials render on the server only.
  const comment = (text: string) => h(Fragment, { UNSTABLE_comment: text } as Record<string, unknown>);
  return h(Fragment, null, comment(marker), props.children, comment(closingMarkerText(marker)));
}
Partial.displayName = "Partial";
