/** What `routes/_middleware.ts` puts in `ctx.state` for every page. */
import type { UserSession } from "./auth/session.ts";
import { DEFAULT_LOCALE, type Locale, type Translate, translator } from "./i18n/mod.ts";
import type { PageShell } from "./page_shell.ts";

export interface AppState {
  locale: Locale;
  t: Translate;
  /** The signed-in person, or null for visitors. */
  session: UserSession | null;
  /**
   * The header's bell and the urgent-notice banner (signed-in pages): started by the middleware and read
   * beside the page's own calls, awaited where they are shown; undefined when they cannot be read.
   */
  shell?: Promise<PageShell | undefined>;
}

/**
 * The state with defaults filled in, for the shell and error pages: when something fails before or inside
 * the middleware, the 500 page still renders, in Bengali, as a visitor.
 */
export function completeState(state: Partial<AppState>): AppState {
  const locale = state.locale ?? DEFAULT_LOCALE;
  return {
    locale,
    t: state.t ?? translator(locale),
    session: state.session ?? null,
    shell: state.shell,
  };
}
