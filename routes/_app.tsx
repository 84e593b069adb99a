import type { PageProps } from "$fresh/server.ts";
import { asset } from "$fresh/runtime.ts";
import { completeState } from "@/lib/state.ts";

/** Noto Sans Bengali, self-hosted; each subset downloads only when the page uses its characters. */
const FONT_SUBSETS = {
  bengali: "U+0951-0952,U+0964-0965,U+0980-09FE,U+1CD0,U+1CD2,U+1CD5-1CD6,U+1CD8,U+1CE1,U+1CEA,U+1CED," +
    "U+1CF2,U+1CF5-1CF7,U+200C-200D,U+20B9,U+25CC,U+A8F1",
  latin: "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329," +
    "U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD",
};
const FONT_WEIGHTS = [400, 700];
const fontFile = (subset: string, weight: number) =>
  asset(`/fonts/noto-sans-bengali-${subset}-${weight}-normal.woff2`);

const fontFaces = Object.entries(FONT_SUBSETS).flatMap(([subset, range]) =>
  FONT_WEIGHTS.map((weight) =>
    `@font-face{font-family:"Noto Sans Bengali";font-style:normal;font-weight:${weight};font-display:swap;` +
    `src:url(${fontFile(subset, weight)}) format("woff2");unicode-range:${range}}`
  )
).join("");

/** Focus must be obvious on the green header and on white: a yellow ring inside a dark one. */
const baseStyles = `${fontFaces}
:focus-visible{outline:3px solid #facc15;outline-offset:0;box-shadow:0 0 0 6px #111827}`;

export default function App({ Component, state }: PageProps) {
  const { locale, t } = completeState(state);
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#166534" />
        <meta name="description" content={t("home.lead")} />
        <link rel="icon" href={asset("/favicon.svg")} type="image/svg+xml" />
        <link
          rel="preload"
          href={fontFile(locale === "bn" ? "bengali" : "latin", 400)}
          as="font"
          type="font/woff2"
          crossOrigin="anonymous"
        />
        <style
          // Our own constant CSS: as a text child it would be HTML-escaped, breaking its quotes.
          // deno-lint-ignore react-no-danger
          dangerouslySetInnerHTML={{ __html: baseStyles }}
        />
      </head>
      <body class="bg-gray-50 text-gray-900 leading-normal">
        <Component />
      </body>
    </html>
  );
}
