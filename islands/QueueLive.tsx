/**
 * Tells staff, politely, that complaints in their queue are new or changed since the page loaded (see
 * lib/staff/browser/use_queue_changes.ts), with a link that shows them: the queue again, from its first
 * page. Without JavaScript nothing is shown and the page stays as it was rendered.
 */
import type { Locale } from "@/lib/i18n/locales.ts";
import { type Messages, translatorFor } from "@/lib/i18n/translate.ts";
import { type QueueChangesSource, useQueueChanges } from "@/lib/staff/browser/use_queue_changes.ts";

export interface QueueLiveProps extends QueueChangesSource {
  locale: Locale;
  /** `queue.live.*`. */
  messages: Messages;
  /** Where "show them" goes. */
  href: string;
}

export default function QueueLive({ locale, messages, href, ...source }: QueueLiveProps) {
  const t = translatorFor(messages, locale);
  const { changed, live } = useQueueChanges(source);
  return (
    <>
      {live && (
        <p class="mb-2 flex items-center gap-1.5 text-sm text-green-800">
          <span class="w-2 h-2 rounded-full bg-green-600" aria-hidden="true" />
          {t("queue.live.on")}
        </p>
      )}
      {/* Sticks to the top of the screen while the list scrolls under it. */}
      <div role="status" aria-live="polite" class="sticky top-2 z-10">
        {changed > 0 && (
          <p class="mb-3 flex flex-wrap items-center justify-between gap-x-4 gap-y-2 p-3 rounded-lg border-l-4 border-green-700 bg-green-50 text-green-900 shadow-md">
            <span class="font-bold">{t("queue.live.changes", { count: changed })}</span>
            <a
              href={href}
              class="inline-flex items-center min-h-[44px] px-4 rounded-lg bg-green-700 text-white font-bold hover:bg-green-800"
            >
              {t("queue.live.show")}
            </a>
          </p>
        )}
      </div>
    </>
  );
}
