/**
 * Dev mode only: a page rendered for an error (`_500`) also shows the error in a full-window frame, as
 * upstream's overlay does. The frame loads `/_frsh/error_overlay?message=…&stack=…`.
 */
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { INTERNAL_PREFIX } from "../runtime/utils.ts";

export const ERROR_OVERLAY_PATH = `${INTERNAL_PREFIX}/error_overlay`;

const FRAME_STYLE =
  "all:unset;position:fixed;top:0;left:0;z-index:99999;width:100%;height:100%;border:none;background:#fff";

export function errorOverlayFrame(error: unknown): string {
  const query = new URLSearchParams();
  if (error instanceof Error) {
    query.set("message", error.message.split("\n")[0]);
    if (error.stack) query.set("stack", error.stack);
  } else {
    query.set("message", String(error));
  }
  const src = `${ERROR_OVERLAY_PATH}?${query}`;
  return renderToString(h("iframe", { id: "fresh-error-overlay", src, style: FRAME_STYLE, title: "Error" }));
}

/** The overlay itself: the message, the stack, and a button that closes the frame. */
export function errorOverlayPage(url: URL): Response {
  const message = url.searchParams.get("message") || "Internal Server Error";
  const stack = url.searchParams.get("stack");
  const page = h(
    "html",
    { lang: "en" },
    h("head", null, h("meta", { charset: "utf-8" }), h("title", null, message)),
    h(
      "body",
      { style: "font-family:sans-serif;margin:0;padding:2rem 1rem;max-width:48rem;margin:auto" },
      h("h1", { class: "title", style: "color:#c62828;font-weight:normal;font-size:1.5rem" }, message),
      stack ? h("pre", { class: "stack", style: "overflow:auto;white-space:pre-wrap" }, stack) : null,
    ),
  );
  return new Response("<!DOCTYPE html>" + renderToString(page), {
    headers: { "content-type": "text/html; charset=utf-8" },
  });
}
