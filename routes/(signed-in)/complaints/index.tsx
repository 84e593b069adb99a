/** My complaints: the ones I filed and the ones I follow, newest first, ten to a page. */
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { formatDate } from "@/lib/i18n/mod.ts";
import { categoryName } from "@/lib/complaints/labels.ts";
import {
  type ComplaintSummary,
  decodeCursor,
  encodeCursor,
  listMyComplaints,
  type PageCursor,
  type ReferenceData,
  referenceData,
} from "@/lib/complaints/repository.ts";
import { StatusBadge } from "@/components/complaints/StatusBadge.tsx";
import { Icon } from "@/components/Icon.tsx";
import { BUTTON_PRIMARY, LINK, PageHeading, PageTitle } from "@/components/ui.tsx";

interface MyComplaintsData {
  complaints: ComplaintSummary[];
  next: PageCursor | null;
  isFirstPage: boolean;
  reference: ReferenceData;
}

export const handler: Handlers<MyComplaintsData, SignedInState> = {
  async GET(_req, ctx) {
    const { session } = ctx.state;
    const before = decodeCursor(ctx.url.searchParams.get("before"));
    const [page, reference] = await Promise.all([listMyComplaints(session, before), referenceData()]);
    return ctx.render({ ...page, isFirstPage: before === null, reference });
  },
};

export default function MyComplaintsPage({ data, state }: PageProps<MyComplaintsData, SignedInState>) {
  const { t, locale } = state;
  const categories = new Map(data.reference.categories.map((category) => [category.code, category]));
  return (
    <>
      <PageTitle title={t("complaints.my_title")} state={state} />
      <PageHeading title={t("complaints.my_title")} lead={t("complaints.my_lead")} />
      <a href="/complaints/new" class={`${BUTTON_PRIMARY} w-full sm:w-auto mb-6`}>
        <Icon name="plus" class="w-5 h-5" />
        {t("complaints.file_new")}
      </a>

      {data.complaints.length === 0 && data.isFirstPage
        ? <p class="p-4 rounded-lg bg-white border border-gray-200 text-gray-800">{t("complaints.empty")}</p>
        : (
          <ul class="space-y-3" f-client-nav>
            {data.complaints.map((complaint) => (
              <li key={complaint.id}>
                <a
                  href={`/complaints/${complaint.id}`}
                  class="block p-4 rounded-lg bg-white border border-gray-200 hover:border-green-700"
                >
                  <div class="flex items-center justify-between gap-2">
                    <StatusBadge
                      status={complaint.status}
                      label={t(`complaint.status.${complaint.status}`)}
                    />
                    <span class="font-mono text-sm text-gray-600">{complaint.tracking_number}</span>
                  </div>
                  <p class="mt-2 text-lg font-bold text-gray-900 leading-snug">{complaint.title}</p>
                  <p class="mt-1 text-sm text-gray-700">
                    {categoryName(categories.get(complaint.category), complaint.category, locale)}
                    {" · "}
                    {t("complaints.filed_on", { date: formatDate(complaint.created_at, locale) })}
                  </p>
                  {!complaint.is_own && (
                    <p class="mt-2 inline-block px-2 py-0.5 rounded bg-gray-100 text-sm text-gray-800">
                      {t("complaints.following")}
                    </p>
                  )}
                </a>
              </li>
            ))}
          </ul>
        )}

      {(data.next || !data.isFirstPage) && (
        <nav class="mt-6 flex flex-wrap gap-x-6 gap-y-3" aria-label={t("complaints.my_title")}>
          {!data.isFirstPage && <a href="/complaints" class={LINK}>{t("complaints.newest")}</a>}
          {data.next && (
            <a href={`/complaints?${new URLSearchParams({ before: encodeCursor(data.next) })}`} class={LINK}>
              {t("complaints.older")}
            </a>
          )}
        </nav>
      )}
      <p class="mt-6">
        <a href="/track" class={LINK}>{t("complaints.track_link")}</a>
      </p>
    </>
  );
}
