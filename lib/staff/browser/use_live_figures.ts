/**
 * The dashboard's figures kept current: when Realtime says complaints changed, at most one refresh per
 * two seconds fetches the figures again as JSON (the same URL as the page, so the same period and
 * filters) and, when they differ from those shown, puts the freshly rendered figures in their place.
 * Browser only.
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { coalesce } from "../../realtime/coalesce.ts";
import { replaceFigures } from "./figures_region.ts";

/** How long a burst of changes is gathered before one refresh. */
export const REFRESH_DELAY_MS = 2000;

/** What the page's URL answers to a script asking for JSON. */
export interface FiguresUpdate {
  /** The figures region's HTML. */
  html: string;
  /** Changes exactly when the figures do. */
  digest: string;
}

export interface LiveFiguresSource {
  /** The page's own path and search. */
  url: string;
  /** The id of the element holding the figures. */
  regionId: string;
  /** The digest of the figures the page was rendered with. */
  digest: string;
}

export function useLiveFigures({ url, regionId, digest }: LiveFiguresSource) {
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const [failed, setFailed] = useState(false);
  const shown = useRef(digest);

  const refresh = useMemo(() =>
    coalesce(REFRESH_DELAY_MS, async () => {
      const response = await fetch(url, { headers: { accept: "application/json" } }).catch(() => null);
      const update = response?.ok ? await response.json().catch(() => null) as FiguresUpdate | null : null;
      setFailed(!update);
      const region = document.getElementById(regionId);
      if (!update || !region || update.digest === shown.current) return;
      shown.current = update.digest;
      replaceFigures(region, update.html);
      setUpdatedAt(new Date());
    }), [url, regionId]);
  useEffect(() => () => refresh.cancel(), [refresh]);

  return { requestRefresh: refresh.request, updatedAt, failed };
}
