import { getBuildId } from "./build_id.ts";

/** True in the browser (islands after hydration), false while rendering on the server. */
export const IS_BROWSER = typeof document !== "undefined";

/** Prefix of the URLs the runtime itself serves (island bundles). */
export const INTERNAL_PREFIX = "/_frsh";

/** Attribute enabling client navigation for the links, buttons and forms inside an element. */
export const CLIENT_NAV_ATTRIBUTE = "f-client-nav";

/** Attribute of a link, button or form naming the URL to fetch partials from (instead of its href/action). */
export const PARTIAL_ATTRIBUTE = "f-partial";

/** Query parameter marking a request for partials (client navigation). */
export const PARTIAL_SEARCH_PARAM = "fresh-partial";

/** Request header of client navigation: hashes of the head style texts the page already has. */
export const STYLES_HEADER = "x-fresh-styles";

/** Attribute of a style in a partial answer: the hash of its whole text (the element may hold only new rules). */
export const CSS_HASH_ATTRIBUTE = "data-frsh-css";

/** Query parameter that marks a static-file URL as tied to one build, so it may be cached forever. */
export const ASSET_CACHE_BUST_KEY = "__frsh_c";

const LOCAL_ORIGIN = "http://fresh-assets.invalid";

/**
 * Adds the build id to a same-origin absolute path (`/logo.svg` → `/logo.svg?__frsh_c=<id>`), so the
 * static file is served with an immutable cache header. Other URLs are returned unchanged.
 */
export function asset(path: string): string {
  if (!path.startsWith("/") || path.startsWith("//")) return path;
  try {
    const url = new URL(path, LOCAL_ORIGIN);
    if (url.origin !== LOCAL_ORIGIN || url.searchParams.has(ASSET_CACHE_BUST_KEY)) return path;
    url.searchParams.set(ASSET_CACHE_BUST_KEY, getBuildId());
    return url.pathname + url.search + url.hash;
  } catch {
    return path;
  }
}

/** Applies {@link asset} to every URL of a `srcset` value. */
export function assetSrcSet(srcset: string): string {
  if (srcset.includes("(")) return srcset; // a url(...) value: leave it to the author
  return srcset.split(",").map((candidate) => {
    const [url, ...descriptors] = candidate.trim().split(/\s+/);
    return [asset(url), ...descriptors].join(" ");
  }).join(", ");
}

/**
 * Ties the local `src`/`srcset` of an `<img>` or `<source>` to the build (see {@link asset}), unless it has
 * `data-fresh-disable-lock`. Done on the server and again in the browser, where islands render afresh.
 */
export function lockAssetUrls(props: Record<string, unknown>): void {
  if ("data-fresh-disable-lock" in props) return;
  if (typeof props.src === "string") props.src = asset(props.src);
  if (typeof props.srcset === "string") props.srcset = assetSrcSet(props.srcset);
}
