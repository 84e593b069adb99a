import type { AppState } from "@/lib/state.ts";
import { BUTTON_PRIMARY, BUTTON_SECONDARY, PageHeading, PageTitle } from "./ui.tsx";

/** The body of the 404 and 500 pages: what happened, in plain words, and a way on. */
export function ErrorPage(
  { state, title, text, retryHref }: { state: AppState; title: string; text: string; retryHref?: string },
) {
  return (
    <>
      <PageTitle title={title} state={state} />
      <PageHeading title={title} lead={text} />
      <div class="flex flex-col sm:flex-row gap-3">
        {retryHref && <a href={retryHref} class={BUTTON_PRIMARY}>{state.t("error.try_again")}</a>}
        <a href="/" class={retryHref ? BUTTON_SECONDARY : BUTTON_PRIMARY}>{state.t("error.go_home")}</a>
      </div>
    </>
  );
}
