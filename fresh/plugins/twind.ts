/**
 * The twind plugin under the name this project's brief uses. It is the twind v1 plugin: import
 * `$fresh/plugins/twindv1.ts` in app code, the name upstream Fresh uses for it (upstream's
 * `plugins/twind.ts` is for twind 0.x).
 */
export { default, type Options, STYLE_ELEMENT_ID } from "./twindv1.ts";
