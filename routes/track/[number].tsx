/**
 * /track/<number>: what anyone may know about a complaint — category, ward, status, dates and the status
 * history with only the comments staff marked public. Nothing that identifies or describes the citizen
 * (no title, description, address, coordinates or photos): descriptions often carry personal details.
 * An unknown number is a 404 with the lookup form.
 */
import type { Handlers, PageProps } from "$fresh/server.ts";
import { Head } from "$fresh/runtime.ts";
import type { AppState } from "@/lib/state.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { formatDate } from "@/lib/i18n/mod.ts";
import { normalizeTrackingNumber } from "@/lib/complaints/model.ts";
import { categoryName, statusLabels } from "@/lib/complaints/labels.ts";
import { wardLabel } from "@/lib/wards.ts";
import {
  type ReferenceData,
  referenceData,
  trackComplaint,
  type TrackedComplaint,
} from "@/lib/complaints/repository.ts";
import { DetailItem } from "@/components/complaints/DetailItem.tsx";
import { StatusBadge } from "@/components/complaints/StatusBadge.tsx";
import { Timeline } from "@/components/complaints/Timeline.tsx";
import { TrackForm } from "@/components/complaints/TrackForm.tsx";
import { LINK, PageHeading, PageTitle } from "@/components/ui.tsx";

type TrackedData =
  | { found: true; complaint: TrackedComplaint; reference: ReferenceData }
  | { found: false; typed: string };

export const handler: Handlers<TrackedData, AppState> = {
  async GET(_req, ctx) {
    const typed = safeDecode(ctx.params.number);
    const number = normalizeTrackingNumber(typed);
    if (number && number !== typed) return redirect(`/track/${number}`);
    if (!number) return ctx.render({ found: false, typed }, { status: 404 });
    const [complaint, reference] = await Promise.all([trackComplaint(number), referenceData()]);
    if (!complaint) return ctx.render({ found: false, typed }, { status: 404 });
    return ctx.render({ found: true, complaint, reference });
  },
};

export default function TrackedComplaintPage({ data, state }: PageProps<TrackedData, AppState>) {
  const { t, locale } = state;
  const robots = (
    <Head>
      <meta name="robots" content="noindex" />
    </Head>
  );
  if (!data.found) {
    return (
      <>
        <PageTitle title={t("track.not_found_title")} state={state} />
        {robots}
        <PageHeading
          title={t("track.not_found_title")}
          lead={t("track.not_found_text", { number: data.typed })}
        />
        <TrackForm state={state} value={data.typed} />
      </>
    );
  }

  const { complaint, reference } = data;
  const category = reference.categories.find((c) => c.code === complaint.category);
  return (
    <>
      <PageTitle title={`${complaint.tracking_number} · ${t("track.title")}`} state={state} />
      {robots}
      <PageHeading title={t("track.title")} />
      <section class="p-4 rounded-lg bg-white border border-gray-200">
        <p class="text-sm text-gray-600">{t("complaint.detail.tracking_number")}</p>
        <p class="font-mono text-2xl font-bold tracking-wider">{complaint.tracking_number}</p>
        <div class="mt-3">
          <StatusBadge status={complaint.status} label={t(`complaint.status.${complaint.status}`)} />
        </div>
        <dl class="mt-4 space-y-3">
          <DetailItem term={t("complaint.detail.category")}>
            {categoryName(category, complaint.category, locale)}
          </DetailItem>
          {complaint.ward && (
            <DetailItem term={t("complaint.detail.ward")}>{wardLabel(complaint.ward, t, locale)}</DetailItem>
          )}
          <DetailItem term={t("complaint.detail.filed_at")}>
            {formatDate(complaint.created_at, locale, "dateTime")}
          </DetailItem>
          <DetailItem term={t("complaint.detail.updated_at")}>
            {formatDate(complaint.updated_at, locale, "dateTime")}
          </DetailItem>
          {complaint.resolved_at && (
            <DetailItem term={t("complaint.detail.resolved_at")}>
              {formatDate(complaint.resolved_at, locale, "dateTime")}
            </DetailItem>
          )}
        </dl>
      </section>

      <section class="mt-4 p-4 rounded-lg bg-white border border-gray-200">
        <h2 class="mb-3 text-lg font-bold">{t("complaint.detail.timeline")}</h2>
        <Timeline entries={complaint.timeline} statusLabels={statusLabels(t)} locale={locale} />
      </section>

      <p class="mt-4 text-sm text-gray-700">{t("track.privacy")}</p>
      <p class="mt-4">
        <a href="/track" class={LINK}>{t("track.another")}</a>
      </p>
    </>
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
