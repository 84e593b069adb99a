/**
 * The HTML comments that delimit islands in server-rendered pages, shared by the server (which writes
 * them) and the browser runtime (which hydrates between them).
 *
 *   <!--frsh-<islandId>:<exportName>:<propsIndex>:<key>--> island output <!--/frsh-…-->
 *   <!--frsh-slot-<islandId>:<exportName>:<propsIndex>:children--> JSX children <!--/frsh-slot-…-->
 */
const ISLAND_PREFIX = "frsh-";
const SLOT_PREFIX = "frsh-slot-";

/** Attribute of the `<script type="application/json">` element holding the page's island props. */
export const STATE_ATTRIBUTE = "data-fresh-state";

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
  if (!text.startsWith(ISLAND_PREFIX) || text.startsWith(SLOT_PREFIX)) return null;
  const [id, exportName, index, key] = text.slice(ISLAND_PREFIX.length).split(":");
  if (key === undefined || !/^\d+$/.test(index)) return null;
  return { id, exportName, propsIndex: Number(index), key: decodeURIComponent(key) };
}

export function isClosingIslandMarker(text: string): boolean {
  return text.startsWith("/" + ISLAND_PREFIX) && !text.startsWith("/" + SLOT_PREFIX);
}
