/** Small building blocks shared by pages: buttons, notices, titles. */
import type { ComponentChildren } from "preact";
import { Head } from "$fresh/runtime.ts";
import type { AppState } from "@/lib/state.ts";

const BUTTON_BASE =
  "inline-flex items-center justify-center gap-2 min-h-[48px] px-5 rounded-lg text-base font-bold text-center";
export const BUTTON_PRIMARY = `${BUTTON_BASE} bg-green-700 text-white hover:bg-green-800`;
export const BUTTON_SECONDARY =
  `${BUTTON_BASE} bg-white text-green-800 border-2 border-green-700 hover:bg-green-50`;
/** A small text button for one quiet action on an item in a list (mark as read, stop watching). */
export const BUTTON_QUIET =
  "min-h-[44px] px-3 rounded-md text-sm font-bold text-green-800 hover:bg-green-100";
export const LINK = "text-green-800 underline underline-offset-2 hover:text-green-900";
/** A rounded link among others in a row (menus, tabs); the current one filled. */
export function chipClass(current: boolean): string {
  return `inline-flex items-center gap-2 min-h-[44px] px-4 rounded-full border ${
    current
      ? "bg-green-700 border-green-700 text-white font-bold"
      : "bg-white border-gray-300 text-gray-800 hover:border-green-700"
  }`;
}

/** The document title: "<page> · <app>". */
export function PageTitle({ title, state }: { title?: string; state: AppState }) {
  const app = state.t("app.full_name");
  return (
    <Head>
      <title>{title ? `${title} · ${app}` : app}</title>
    </Head>
  );
}

/** The page's one h1, with an optional lead paragraph. */
export function PageHeading({ title, lead }: { title: string; lead?: ComponentChildren }) {
  return (
    <div class="mb-6">
      <h1 class="text-2xl font-bold text-gray-900 leading-snug">{title}</h1>
      {lead && <p class="mt-2 text-gray-700 leading-relaxed">{lead}</p>}
    </div>
  );
}

/** A message that needs attention (errors announce themselves to screen readers). */
export function Notice({ kind, children }: { kind: "error" | "info"; children: ComponentChildren }) {
  const style = kind === "error"
    ? "border-red-700 bg-red-50 text-red-900"
    : "border-green-700 bg-green-50 text-green-900";
  return (
    <p role={kind === "error" ? "alert" : "status"} class={`mb-4 p-3 border-l-4 rounded ${style}`}>
      {children}
    </p>
  );
}
