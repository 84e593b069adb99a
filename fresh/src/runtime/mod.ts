export { asset, ASSET_CACHE_BUST_KEY, assetSrcSet, INTERNAL_PREFIX, IS_BROWSER } from "./utils.ts";
export { Head, type HeadProps } from "./head.ts";
export { Partial, type PartialProps } from "./partial.ts";
export {
  type ContentSecurityPolicy,
  type ContentSecurityPolicyDirectives,
  nonce,
  NONE,
  SELF,
  STRICT_DYNAMIC,
  UNSAFE_EVAL,
  UNSAFE_HASHES,
  UNSAFE_INLINE,
  useCSP,
} from "./csp.ts";
