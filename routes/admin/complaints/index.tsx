/**
 * The staff complaint queue: the complaints in the person's scope (RLS decides: every ward for super admins,
 * their wards for ward admins, their assignments for service providers), searched, filtered, sorted and
 * paged through links and a GET form, so it works without JavaScript and every view is a URL. With
 * JavaScript, new and changed complaints in scope are announced as they happen.
 */
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { StaffState } from "@/lib/auth/guard.ts";
import { config } from "@/lib/config.ts";
import { islandMessages } from "@/lib/i18n/mod.ts";
import { type ReferenceData, referenceData } from "@/lib/complaints/repository.ts";
import { loadQueue, type QueuePage, queueTopics, queueWards, tabTotal } from "@/lib/staff/queue.ts";
import {
  activeFilterCount,
  QUEUE_PATH,
  type QueueErrors,
  queueHref,
  type QueueQuery,
  type QueueValues,
  readQueueQuery,
  tidierHref,
} from "@/lib/staff/queue_query.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { QueueFilters } from "@/components/admin/QueueFilters.tsx";
import { QueueTable, shortWardLabel } from "@/components/admin/QueueTable.tsx";
import { PageLinks, SortLinks, StatusTabs } from "@/components/admin/QueueNav.tsx";
import { LINK, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";
import QueueLive from "@/islands/QueueLive.tsx";

interface QueuePageData {
  query: QueueQuery;
  values: QueueValues;
  errors: QueueErrors;
  /** Null when the URL's filters are wrong: the form shows what to correct. */
  page: QueuePage | null;
  reference: ReferenceData;
}

export const handler: Handlers<QueuePageData, StaffState> = {
  async GET(_req, ctx) {
    const { query, values, errors } = readQueueQuery(ctx.url.searchParams);
    const valid = Object.keys(errors).length === 0;
    const tidier = valid && tidierHref(ctx.url.searchParams, query);
    if (tidier) return redirect(tidier);
    const [page, reference] = await Promise.all([
      valid ? loadQueue(ctx.state.session, query) : null,
      referenceData(),
    ]);
    return ctx.render({ query, values, errors, page, reference }, { status: valid ? 200 : 400 });
  },
};

export default function QueuePage({ data, state }: PageProps<QueuePageData, StaffState>) {
  const { t, locale, session } = state;
  const { query, values, errors, page, reference } = data;
  const { user } = session;
  const wards = queueWards(user, reference.wards);
  const lead = user.role === "ward_admin"
    ? t("queue.lead.ward_admin", { wards: wards.map((ward) => shortWardLabel(ward, t, locale)).join("; ") })
    : t(`queue.lead.${user.role}`);

  return (
    <>
      <PageTitle title={t("queue.title")} state={state} />
      <PageHeading title={t("queue.title")} lead={lead} />
      <p class="-mt-2 mb-4">
        <a href={queueHref(query, {}, `${QUEUE_PATH}/export`)} class={LINK} download>
          {t("queue.export.link")}
        </a>
      </p>
      {!page && <Notice kind="error">{errors.after ? t(errors.after) : t("queue.error.summary")}</Notice>}

      <QueueFilters
        state={state}
        query={query}
        values={values}
        errors={errors}
        categories={reference.categories}
        wards={wards}
        assignees={page?.assignees ?? []}
      />

      {page && (
        <section aria-labelledby="queue-total">
          <StatusTabs query={query} counts={page.counts} t={t} locale={locale} />
          <div class="mb-3 flex flex-wrap items-center justify-between gap-x-6 gap-y-2">
            <p id="queue-total" class="font-bold text-gray-900">
              {t("queue.total", { count: tabTotal(page.counts, query.status) })}
            </p>
            <SortLinks query={query} t={t} />
          </div>
          <QueueLive
            topics={queueTopics(user, query)}
            href={queueHref(query)}
            locale={locale}
            messages={islandMessages(locale, ["queue.live."])}
            supabaseUrl={config.supabaseUrl}
            anonKey={config.supabaseAnonKey}
          />
          {page.rows.length > 0
            ? (
              <QueueTable
                rows={page.rows}
                sort={query.sort}
                categories={reference.categories}
                t={t}
                locale={locale}
              />
            )
            : (
              <p class="p-4 rounded-lg bg-white border border-gray-200 text-gray-800">
                {t(isFiltered(query) ? "queue.empty_filtered" : "queue.empty")}
              </p>
            )}
          <PageLinks query={query} next={page.next} t={t} />
        </section>
      )}
    </>
  );
}

function isFiltered(query: QueueQuery): boolean {
  return query.status !== undefined || query.q !== undefined || activeFilterCount(query) > 0;
}
