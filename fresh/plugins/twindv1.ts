/**
 * twind (v1: `@twind/core` + `@twind/preset-tailwind`) for `$fresh/plugins/twindv1.ts`:
 *
 *   import twindPlugin from "$fresh/plugins/twindv1.ts";
 *   twindPlugin({ ...defineConfig({ presets: [presetTailwind()] }), selfURL: import.meta.url })
 *
 * Each page gets a `<style>` in its head with the CSS of exactly the classes it uses (plus twind's
 * preflight). No style engine goes to the browser: classes that islands add only after an interaction
 * are covered by also generating CSS for the class-like strings in the source of the page's islands.
 */
import { consume, stringify, twind, type TwindConfig, virtual } from "@twind/core";
import { ISLAND_CLASS_CANDIDATES } from "../src/server/internal_keys.ts";
import type { Plugin, PluginRenderFunctionResult } from "../server.ts";

/** Any theme: configs with `presetTailwind()` type-check with or without `as Preset`. */
// deno-lint-ignore no-explicit-any
export interface Options extends TwindConfig<any> {
  /** The `import.meta.url` of the module defining the options (upstream loads it in the browser). */
  selfURL: string;
}

export const STYLE_ELEMENT_ID = "__FRSH_TWIND";

export default function twindv1(options: Options): Plugin {
  const { selfURL: _selfURL, ...config } = options;
  const tw = twind(config, virtual());
  return {
    name: "twind",
    render(ctx) {
      const result = ctx.render() as PluginRenderFunctionResult & { [ISLAND_CLASS_CANDIDATES]?: string[] };
      const restore = tw.snapshot();
      try {
        const htmlText = consume(result.htmlText, tw);
        for (const candidate of result[ISLAND_CLASS_CANDIDATES] ?? []) {
          try {
            tw(candidate);
          } catch {
            // not a class twind can parse
          }
        }
        const cssText = stringify(tw.target);
        return { htmlText, styles: cssText ? [{ cssText, id: STYLE_ELEMENT_ID }] : [] };
      } finally {
        restore();
      }
    },
  };
}
