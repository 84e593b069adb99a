import type { AppState } from "@/lib/state.ts";
import { Icon } from "./Icon.tsx";
import NotificationBell from "@/islands/NotificationBell.tsx";
import { islandMessages } from "@/lib/i18n/mod.ts";
import { config } from "@/lib/config.ts";

/**
 * App name, the language switch (a plain form: works without JavaScript), and sign-in for visitors or the
 * notification bell for signed-in people.
 */
export function SiteHeader(
  { state, url, unreadNotifications }: { state: AppState; url: URL; unreadNotifications?: number },
) {
  const { t, locale, session } = state;
  const otherLocale = locale === "bn" ? "en" : "bn";
  return (
    <header class="bg-green-800 text-white">
      <div class="max-w-3xl mx-auto px-3 sm:px-4 h-16 flex items-center gap-1 sm:gap-2 whitespace-nowrap">
        <a href="/" class="flex items-center gap-2 min-h-[44px] mr-auto rounded-md font-bold text-lg">
          <span class="flex-none flex items-center justify-center w-8 h-8 rounded-full bg-white text-green-800">
            <Icon name="leaf" class="w-5 h-5" />
          </span>
          {t("app.name")}
        </a>
        <form method="post" action="/language">
          <input type="hidden" name="to" value={otherLocale} />
          <input type="hidden" name="next" value={url.pathname + url.search} />
          <button
            type="submit"
            lang={otherLocale}
            aria-label={t("shell.switch_language_label")}
            class="flex items-center gap-1 min-h-[44px] px-2 rounded-md text-sm font-bold hover:bg-green-700"
          >
            <Icon name="language" class="hidden sm:block w-5 h-5" />
            {t("shell.switch_language")}
          </button>
        </form>
        {session && (
          <NotificationBell
            userId={session.user.id}
            unread={unreadNotifications ?? 0}
            locale={locale}
            messages={islandMessages(locale, ["notifications.bell_label", "notifications.bell_unread"])}
            supabaseUrl={config.supabaseUrl}
            anonKey={config.supabaseAnonKey}
          />
        )}
        {!session && (
          <a
            href="/login"
            class="flex items-center min-h-[44px] px-3 rounded-md bg-white text-green-900 text-sm font-bold hover:bg-green-50"
          >
            {t("shell.sign_in")}
          </a>
        )}
      </div>
    </header>
  );
}
