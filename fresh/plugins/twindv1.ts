/**
 * twind (v1: `@twind/core` + `@twind/preset-tailwind`) for `$fresh/plugins/twindv1.ts`:
 *
 *   import twindPlugin from "$fresh/plugins/twindv1.ts";
 *   twindPlugin({ ...defineConfig({ presets: [presetTailwind()] }), selfURL: import.meta.url })
 *
 * Each page gets a `<style>` in its head with the CSS of exactly the classes it uses (plus twind's
 * preflight). No style engine goes to the browser: classes that islands add only after an interaction
 * are covered by also generating CSS for the class-like strings in the source of the page's islands.
 *
 * The CSS is computed once per set of classes, not per request: pages of one kind use the same set, so
 * a render only reads the page's `class` attributes and looks their CSS up (twind took 1.0-1.4 ms a page,
 * half of the server's time on a simple page). Class names are written out in full in this project (no
 * twind grouping syntax), so the HTML is sent as rendered.
 */
import { stringify, twind, type TwindConfig, virtual } from "@twind/core";
import { ISLAND_CLASS_CANDIDATES } from "../src/server/internal_keys.ts";
import type { Plugin, PluginRenderFunctionResult } from "../server.ts";

/** Any theme: configs with `presetTailwind()` type-check with or without `as Preset`. */
// deno-lint-ignore no-explicit-any
export interface Options extends TwindConfig<any> {
  /** The `import.meta.url` of the module defining the options (upstream loads it in the browser). */
  selfURL: string;
  /**
   * When a page uses a class that produces no CSS (a typo, a class twind does not know), fail its render
   * with an error naming the class instead of only logging it. For development and tests.
   */
  strict?: boolean;
}

export const STYLE_ELEMENT_ID = "__FRSH_TWIND";

/** Distinct sets of classes kept; pages of one kind share a set, so this is far more than an app has. */
const MAX_CACHED_SETS = 2_000;

/**
 * The distinct values of the rendered HTML's `class` attributes, sorted (preact writes them double-quoted):
 * the key of a page's CSS. Split into class names only when that CSS is not known yet.
 */
function classAttributesIn(html: string): string[] {
  const values = new Set<string>();
  for (const match of html.matchAll(/\sclass="([^"]*)"/g)) values.add(match[1]);
  return [...values].sort();
}

function classNamesOf(classAttributes: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const value of classAttributes) {
    for (const name of value.split(/\s+/)) if (name) names.add(name);
  }
  return names;
}

export default function twindv1(options: Options): Plugin {
  const { selfURL: _selfURL, strict = false, ...config } = options;
  const tw = twind(config, virtual());
  const cssBySet = new Map<string, string>();
  /** Class names already checked to produce CSS of their own. */
  const known = new Set<string>();
  const reportedUnknown = new Set<string>();

  /**
   * Whether `name` produces CSS: generated alone, on top of the preflight. Tailwind's markers `group` and
   * `peer` (also named, `group/menu`) produce none themselves; `group-*:` and `peer-*:` classes refer to them.
   */
  function producesCss(name: string): boolean {
    if (known.has(name) || /^(group|peer)(\/[\w-]+)?$/.test(name)) return true;
    const restore = tw.snapshot();
    try {
      tw(""); // the preflight
      const before = tw.target.length;
      tw(name);
      const produced = tw.target.length > before;
      if (produced) known.add(name);
      return produced;
    } finally {
      restore();
    }
  }

  function checkClasses(names: Iterable<string>): void {
    const unknown = [...names].filter((name) => !producesCss(name));
    if (unknown.length === 0) return;
    const message = `These classes produce no CSS: ${unknown.join(", ")}`;
    if (strict) throw new Error(message);
    if (unknown.some((name) => !reportedUnknown.has(name))) {
      unknown.forEach((name) => reportedUnknown.add(name));
      console.error(message);
    }
  }

  function cssFor(classAttributes: readonly string[], islandCandidates: readonly string[]): string {
    const key = classAttributes.join("\n") + "\n\n" + islandCandidates.join(" ");
    const cached = cssBySet.get(key);
    if (cached !== undefined) return cached;

    const classes = classNamesOf(classAttributes);
    checkClasses(classes);
    const restore = tw.snapshot();
    let cssText: string;
    try {
      tw("");
      for (const name of classes) tw(name);
      for (const candidate of islandCandidates) {
        try {
          tw(candidate);
        } catch {
          // not a class twind can parse
        }
      }
      cssText = stringify(tw.target);
    } finally {
      restore();
    }
    if (cssBySet.size >= MAX_CACHED_SETS) cssBySet.delete(cssBySet.keys().next().value!);
    cssBySet.set(key, cssText);
    return cssText;
  }

  return {
    name: "twind",
    render(ctx) {
      const result = ctx.render() as PluginRenderFunctionResult & { [ISLAND_CLASS_CANDIDATES]?: string[] };
      const cssText = cssFor(classAttributesIn(result.htmlText), result[ISLAND_CLASS_CANDIDATES] ?? []);
      return { styles: cssText ? [{ cssText, id: STYLE_ELEMENT_ID }] : [] };
    },
  };
}
