/**
 * The queue's links: the status tabs with how many complaints each holds under the filters, the sort
 * orders, and the pages. All plain links to the queue's URL with one thing changed.
 */
import type { Locale, Translate } from "@/lib/i18n/mod.ts";
import { formatNumber } from "@/lib/i18n/mod.ts";
import type { ComplaintStatus } from "@/lib/complaints/model.ts";
import {
  QUEUE_SORTS,
  type QueueCursor,
  queueHref,
  type QueueQuery,
  STATUS_TABS,
  type StatusTab,
} from "@/lib/staff/queue_query.ts";
import { tabTotal } from "@/lib/staff/queue.ts";
import { chipClass, LINK } from "@/components/ui.tsx";

interface NavProps {
  query: QueueQuery;
  t: Translate;
  locale: Locale;
}

/** "All", "Open" and each status, each with its count; the current one marked for screen readers too. */
export function StatusTabs(
  { query, counts, t, locale }: NavProps & { counts: Record<ComplaintStatus, number> },
) {
  const tabs: (StatusTab | undefined)[] = [undefined, ...STATUS_TABS];
  return (
    <nav aria-label={t("queue.status.label")} class="-mx-4 px-4 mb-3 overflow-x-auto">
      <ul class="flex gap-2 whitespace-nowrap pb-1">
        {tabs.map((tab) => {
          const current = tab === query.status;
          return (
            <li>
              <a
                href={queueHref(query, { status: tab })}
                aria-current={current ? "page" : undefined}
                data-status={tab ?? "all"}
                class={chipClass(current)}
              >
                {t(
                  tab === undefined || tab === "open"
                    ? `queue.status.${tab ?? "all"}`
                    : `complaint.status.${tab}`,
                )}
                <span
                  class={`min-w-[1.75rem] px-1.5 rounded-full text-sm text-center ${
                    current ? "bg-white text-green-900" : "bg-gray-100 text-gray-800"
                  }`}
                >
                  {formatNumber(tabTotal(counts, tab), locale)}
                </span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** The sort orders as a row of links. */
export function SortLinks({ query, t }: Omit<NavProps, "locale">) {
  return (
    <nav aria-label={t("queue.sort.label")} class="flex flex-wrap items-center gap-x-2 gap-y-1">
      <span class="text-sm text-gray-700" aria-hidden="true">{t("queue.sort.label")}:</span>
      {QUEUE_SORTS.map((sort) => {
        const current = sort === query.sort;
        return (
          <a
            href={queueHref(query, { sort })}
            aria-current={current ? "true" : undefined}
            class={`inline-flex items-center min-h-[40px] px-3 rounded-md text-sm ${
              current ? "bg-gray-800 text-white font-bold" : "text-green-800 underline underline-offset-2"
            }`}
          >
            {t(`queue.sort.${sort}`)}
          </a>
        );
      })}
    </nav>
  );
}

/** Back to the first page, and on to the next (keyset: after the last row shown). */
export function PageLinks({ query, next, t }: Omit<NavProps, "locale"> & { next: QueueCursor | null }) {
  if (!next && !query.after) return null;
  return (
    <nav aria-label={t("queue.pages")} class="mt-6 flex flex-wrap gap-x-6 gap-y-3">
      {query.after && <a href={queueHref(query)} class={LINK}>{t("queue.first_page")}</a>}
      {next && (
        <a href={queueHref(query, { after: next })} rel="next" class={LINK}>{t("queue.next_page")} →</a>
      )}
    </nav>
  );
}
