/**
 * The HTML comments that delimit islands in server-rendered pages, shared by the server (which writes
 * them) and the browser runtime (which hydrates between them).
 *
 *   <!--frsh-<islandId>:<exportName>:<propsIndex>:<key>--> island output <!--/frsh-…-->
 *   <!--frsh-slot-<islandId>:<exportName>:<propsIndex>:children--> JSX children <!--/frsh-slot-…-->
 *   <!--frsh-partial:<name>:<mode>:<key>--> partial content <!--/frsh-partial:…-->  (as upstream Fresh)
 */
const ISLAND_PREFIX = "frsh-";
const SLOT_PREFIX = "frsh-slot-";
const PARTIAL_PREFIX = "frsh-partial:";

/** How a partial's new content is merged in (upstream's numbering, as it appears in the markers). */
export const PARTIAL_MODES = { replace: 0, append: 1, prepend: 2 } as const;
export type PartialMode = keyof typeof PARTIAL_MODES;

export interface PartialMarker {
  name: string;
  mode: PartialMode;
  key: string;
}

/** Attribute of the `<script type="application/json">` element holding the page's island props. */
export const STATE_ATTRIBUTE = "data-fresh-state";

/**
 * Attribute of a `<template>` holding an island's JSX children that the island did not show on the server
 * (`{open && children}`); its value is the slot's marker text. The browser takes the children from there.
 */
export const SLOT_TEMPLATE_ATTRIBUTE = "data-frsh-slot";

export interface IslandMarker {
  id: string;
  exportName: string;
  propsIndex: number;
  key: string;
}

export function islandMarkerText(marker: IslandMarker): string {
  const key = encodeURIComponent(marker.key);
  return `${ISLAND_PREFIX}${marker.id}:${marker.exportName}:${marker.propsIndex}:${key}`;
}

export function slotMarkerText(marker: IslandMarker): string {
  return `${SLOT_PREFIX}${marker.id}:${marker.exportName}:${marker.propsIndex}:children`;
}

export function closingMarkerText(openingText: string): string {
  return "/" + openingText;
}

/** Reads an island's opening marker; null for anything else (slots, closing markers, other comments). */
export function parseIslandMarker(text: string): IslandMarker | null {
  if (!text.startsWith(ISLAND_PREFIX) || text.startsWith(SLOT_PREFIX) || text.startsWith(PARTIAL_PREFIX)) {
    return null;
  }
  const [id, exportName, index, key] = text.slice(ISLAND_PREFIX.length).split(":");
  if (key === undefined || !/^\d+$/.test(index)) return null;
  return { id, exportName, propsIndex: Number(index), key: decodeURIComponent(key) };
}

/** Any comment the runtime writes (island, slot and partial markers, opening or closing). */
export function isFreshMarker(text: string): boolean {
  return text.startsWith(ISLAND_PREFIX) || text.startsWith("/" + ISLAND_PREFIX);
}

export function isClosingIslandMarker(text: string): boolean {
  return text.startsWith("/" + ISLAND_PREFIX) && !text.startsWith("/" + SLOT_PREFIX) &&
    !text.startsWith("/" + PARTIAL_PREFIX);
}

export function partialMarkerText(marker: PartialMarker): string {
  return `${PARTIAL_PREFIX}${marker.name}:${PARTIAL_MODES[marker.mode]}:${encodeURIComponent(marker.key)}`;
}

export function parsePartialMarker(text: string): PartialMarker | null {
  if (!text.startsWith(PARTIAL_PREFIX)) return null;
  const [name, mode, key = ""] = text.slice(PARTIAL_PREFIX.length).split(":");
  const modeName = (Object.keys(PARTIAL_MODES) as PartialMode[]).find((name) =>
    String(PARTIAL_MODES[name]) === mode
  );
  return modeName ? { name, mode: modeName, key: decodeURIComponent(key) } : null;
}

export function isClosingPartialMarker(text: string): boolean {
  return text.startsWith("/" + PARTIAL_PREFIX);
}
