import type { PageProps } from "$fresh/server.ts";
import { asset } from "$fresh/runtime.ts";
import { completeState } from "@/lib/state.ts";

/**
 * Noto Sans Bengali, self-hosted, for Bengali script only (its unicode-range): Latin letters and digits
 * use the phone's own system font, and bold is drawn from the regular weight, so a first visit downloads
 * one font file (44 KB), preloaded on Bengali pages. `swap` shows text in the fallback while it loads.
 */
const BENGALI_FONT = asset("/fonts/noto-sans-bengali-bengali-400-normal.woff2");
const BENGALI_RANGE = "U+0951-0952,U+0964-0965,U+0980-09FE,U+1CD0,U+1CD2,U+1CD5-1CD6,U+1CD8,U+1CE1,U+1CEA," +
  "U+1CED,U+1CF2,U+1CF5-1CF7,U+200C-200D,U+20B9,U+25CC,U+A8F1";
const fontFaces = `@font-face{font-family:"Noto Sans Bengali";font-style:normal;font-weight:400;` +
  `font-display:swap;src:url(${BENGALI_FONT}) format("woff2");unicode-range:${BENGALI_RANGE}}`;

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
        {locale === "bn" && (
          <link rel="preload" href={BENGALI_FONT} as="font" type="font/woff2" crossOrigin="anonymous" />
        )}
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
