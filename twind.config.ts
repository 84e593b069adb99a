import { defineConfig } from "@twind/core";
import presetTailwind from "@twind/preset-tailwind";
import type { Options } from "$fresh/plugins/twindv1.ts";

export default {
  ...defineConfig({
    presets: [presetTailwind()],
    theme: {
      extend: {
        // Self-hosted in static/fonts (see routes/_app.tsx); system fonts while it loads.
        fontFamily: { sans: ["Noto Sans Bengali", "system-ui", "sans-serif"] },
      },
    },
  }),
  selfURL: import.meta.url,
  // A class without CSS (a typo) fails the page outside production, so the tests catch it.
  strict: Deno.env.get("APP_ENV") !== "production",
} as Options;
