import { type AppState, completeState } from "@/lib/state.ts";
import type { MessageKey } from "@/lib/i18n/translate.ts";
import { BUTTON_PRIMARY, BUTTON_SECONDARY, PageHeading, PageTitle } from "./ui.tsx";

/**
 * The body of the 404, 500 and 403 pages: what happened (`title` and `text`, message keys), in plain words,
 * and a way on. The state may be partial: a failure can come before the middleware filled it in.
 */
export function ErrorPage(
  { state, title, text, retryHref }: {
    state: Partial<AppState>;
    title: MessageKey;
    text: MessageKey;
    retryHref?: string;
  },
) {
  const appState = completeState(state);
  const { t } = appState;
  const heading = t(title);
  return (
    <>
      <PageTitle title={heading} state={appState} />
      <PageHeading title={heading} lead={t(text)} />
      <div class="flex flex-col sm:flex-row gap-3">
        {retryHref && <a href={retryHref} class={BUTTON_PRIMARY}>{t("error.try_again")}</a>}
        <a href="/" class={retryHref ? BUTTON_SECONDARY : BUTTON_PRIMARY}>{t("error.go_home")}</a>
      </div>
    </>
  );
}
