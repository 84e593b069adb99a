/** What `routes/_middleware.ts` puts in `ctx.state` for every page. */
import type { UserSession } from "./auth/session.ts";
import { DEFAULT_LOCALE, type Locale, type Translate, translator } from "./i18n/mod.ts";
import type { UrgentNotices } from "./notices/repository.ts";

export interface AppState {
  locale: Locale;
  t: Translate;
  /** The signed-in person, or null for visitors. */
  session: UserSession | null;
  /** The signed-in person's unread notifications when the page was rendered (the header's bell). */
  unreadNotifications?: number;
  /** The urgent notices for the signed-in person when the page was rendered (the banner above every page). */
  urgentNotices?: UrgentNotices;
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
    unreadNotifications: state.unreadNotifications,
    urgentNotices: state.urgentNotices,
  };
}
