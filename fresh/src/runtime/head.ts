import { type ComponentChildren, createContext, type VNode } from "preact";
import { useContext } from "preact/hooks";

export interface HeadProps {
  children?: ComponentChildren;
}

/** Collects `<Head>` children during a server render; absent in the browser. */
export const HEAD_CONTEXT = createContext<ComponentChildren[] | null>(null);

/**
 * Puts its children into the document's `<head>` (server render only). A `<title>` given here replaces
 * the one from `_app`. In the browser (an island re-rendering) it renders nothing.
 */
export function Head(props: HeadProps): VNode | null {
  const collected = useContext(HEAD_CONTEXT);
  collected?.push(props.children);
  return null;
}
