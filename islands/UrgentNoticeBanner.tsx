/**
 * The urgent notices for the signed-in reader (city-wide and their home ward's), as a banner on every
 * page: rendered on the server with the notices read for the page (so it shows without JavaScript), then
 * kept current live: it joins notices:city and notices:ward:<home ward> (RLS lets a person join only their
 * own ward's) and asks the app again after each announcement and each (re)connection. A notice the reader
 * hid stays hidden for this browser session unless it changes (hiding needs JavaScript).
 */
import { useEffect, useState } from "preact/hooks";
import type { Locale } from "@/lib/i18n/locales.ts";
import { type Messages, translatorFor } from "@/lib/i18n/translate.ts";
import type { RealtimeSource } from "@/lib/realtime/browser.ts";
import { useBroadcasts } from "@/lib/realtime/use_broadcasts.ts";
import type { UrgentNotices } from "@/lib/notices/repository.ts";

export interface UrgentNoticeBannerProps extends RealtimeSource {
  locale: Locale;
  /** `notices.banner.*`. */
  messages: Messages;
  /** The urgent notices when the page was rendered. */
  initial: UrgentNotices;
}

const HIDDEN_KEY = "cc-hidden-urgent";
const hiddenKey = (notice: UrgentNotices["notices"][number]) => `${notice.id}@${notice.updated_at}`;

function readHidden(): string[] {
  try {
    return JSON.parse(sessionStorage.getItem(HIDDEN_KEY) ?? "[]");
  } catch {
    return [];
  }
}

export default function UrgentNoticeBanner(
  { locale, messages, initial, ...source }: UrgentNoticeBannerProps,
) {
  const t = translatorFor(messages, locale);
  const [urgent, setUrgent] = useState<UrgentNotices>(initial);
  // null until hydrated: the server's page shows every notice and no hide button (it would do nothing).
  const [hidden, setHidden] = useState<string[] | null>(null);

  async function refresh() {
    const response = await fetch("/api/notices/urgent", { headers: { accept: "application/json" } })
      .catch(() => null);
    if (response?.ok) setUrgent(await response.json());
  }

  useEffect(() => setHidden(readHidden()), []);

  // Joining (and rejoining) asks again too, for what was published since the page was rendered.
  const topics = ["notices:city", ...(urgent.ward_id ? [`notices:ward:${urgent.ward_id}`] : [])];
  useBroadcasts(source, topics, () => void refresh());

  function hide(key: string) {
    const next = [...hidden ?? [], key];
    setHidden(next);
    try {
      sessionStorage.setItem(HIDDEN_KEY, JSON.stringify(next.slice(-20)));
    } catch {
      // Private mode: hidden for this page only.
    }
  }

  const shown = urgent.notices.filter((notice) => !hidden?.includes(hiddenKey(notice)));
  return (
    <div aria-live="assertive" data-urgent-banner>
      {shown.map((notice) => (
        <section
          aria-label={t("notices.banner.label")}
          class="bg-red-700 text-white"
        >
          <div class="max-w-3xl mx-auto px-4 py-3 flex items-start gap-3">
            <p class="flex-1">
              <span class="font-bold">{t("notices.banner.label")}:</span> {notice.title}{" "}
              <a href={`/notices/${notice.id}`} class="underline underline-offset-2 font-bold">
                {t("notices.banner.more")}
              </a>
            </p>
            {hidden && (
              <button
                type="button"
                onClick={() => hide(hiddenKey(notice))}
                class="flex-none min-w-[44px] min-h-[44px] rounded border border-white text-xl leading-none"
                aria-label={t("notices.banner.dismiss")}
              >
                ×
              </button>
            )}
          </div>
        </section>
      ))}
    </div>
  );
}
