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
} as Options;
