/**
 * One complaint: for the citizen who filed it (and super admins) everything, photos included; for a
 * follower what the public tracking page shows plus the title (no description, place, photos, internal
 * comments or rejection reason). Status and history are kept live by an island. POST stops following, or
 * (the filer, within 7 days of a resolution) confirms it is fixed or says it is not.
 */
import type { FreshContext, Handlers, PageProps } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { config } from "@/lib/config.ts";
import { islandMessages } from "@/lib/i18n/mod.ts";
import { categoryName } from "@/lib/complaints/labels.ts";
import { openStreetMapLink, resolutionAnswerUntil } from "@/lib/complaints/model.ts";
import { parseReopenReason } from "@/lib/complaints/validation.ts";
import { wardLabel } from "@/lib/wards.ts";
import {
  answerResolution,
  type ComplaintDetail,
  getComplaint,
  type ReferenceData,
  referenceData,
  unfollowComplaint,
} from "@/lib/complaints/repository.ts";
import { DetailItem } from "@/components/complaints/DetailItem.tsx";
import { PhotoGrid } from "@/components/complaints/PhotoGrid.tsx";
import { ResolutionAnswer, type ResolutionAnswerReply } from "@/components/complaints/ResolutionAnswer.tsx";
import ComplaintLiveStatus from "@/islands/ComplaintLiveStatus.tsx";
import { BUTTON_SECONDARY, LINK, Notice, PageTitle } from "@/components/ui.tsx";
import { readForm, UnreadableForm } from "@/lib/http/body.ts";
import { formStrings } from "@/lib/validation.ts";
import { DateTime } from "@/components/DateTime.tsx";

interface ComplaintPageData {
  complaint: ComplaintDetail;
  reference: ReferenceData;
  /** The answer form shown again after a refusal. */
  answer?: ResolutionAnswerReply;
}

async function show(
  ctx: FreshContext<SignedInState, ComplaintPageData>,
  status = 200,
  answer?: ResolutionAnswerReply,
): Promise<Response> {
  const [complaint, reference] = await Promise.all([
    getComplaint(ctx.state.session, ctx.params.id),
    referenceData(),
  ]);
  if (!complaint) return ctx.renderNotFound();
  const response = await ctx.render({ complaint, reference, answer }, { status });
  // Signed photo links are personal.
  response.headers.set("cache-control", "private, no-store");
  return response;
}

/** The filer's answer to a resolution: done (back to the page, saying so), or the form again with why not. */
async function answer(
  ctx: FreshContext<SignedInState, ComplaintPageData>,
  form: FormData,
): Promise<Response> {
  const { session, t } = ctx.state;
  const fixed = form.get("action") === "confirm";
  const typed = fixed ? "" : formStrings(form, ["reason"]).reason;
  const parsed = fixed ? null : parseReopenReason(typed);
  if (parsed && !parsed.ok) return show(ctx, 422, { reason: typed, fieldError: t(parsed.error) });
  const refused = await answerResolution(
    session,
    ctx.params.id,
    parsed ? { fixed: false, reason: parsed.reason } : { fixed: true },
  );
  if (refused) return show(ctx, refused.status, { reason: typed, refusal: t(refused.message) });
  return redirect(`/complaints/${ctx.params.id}?${fixed ? "confirmed" : "reopened"}=1`);
}

export const handler: Handlers<ComplaintPageData, SignedInState> = {
  GET(_req, ctx) {
    return show(ctx);
  },

  async POST(req, ctx) {
    const form = await readForm(req);
    switch (form.get("action")) {
      case "unfollow":
        await unfollowComplaint(ctx.state.session, ctx.params.id);
        return redirect("/complaints");
      case "confirm":
      case "reopen":
        return answer(ctx, form);
      default: // a forged form
        throw new UnreadableForm(400);
    }
  },
};

export default function ComplaintPage({ data, state, url }: PageProps<ComplaintPageData, SignedInState>) {
  const { t, locale } = state;
  const { complaint, reference, answer } = data;
  const answerUntil = complaint.is_own ? resolutionAnswerUntil(complaint) : null;
  const answerOpen = answerUntil !== null && answerUntil.getTime() > Date.now();
  const category = reference.categories.find((c) => c.code === complaint.category);
  const ward = reference.wards.find((w) => w.id === complaint.ward_id);
  const mapLink = complaint.latitude !== null && complaint.longitude !== null
    ? openStreetMapLink(complaint.latitude, complaint.longitude)
    : null;

  return (
    <>
      <PageTitle title={complaint.title} state={state} />
      <p class="mb-4">
        <a href="/complaints" class={LINK}>← {t("complaint.detail.back")}</a>
      </p>
      {url.searchParams.has("filed") && <Notice kind="info">{t("complaint.detail.filed")}</Notice>}
      {url.searchParams.has("followed") && <Notice kind="info">{t("complaint.detail.followed")}</Notice>}
      {url.searchParams.has("confirmed") && <Notice kind="info">{t("complaint.resolution.confirmed")}
      </Notice>}
      {url.searchParams.has("reopened") && <Notice kind="info">{t("complaint.resolution.reopened")}</Notice>}
      {answer?.refusal && !answerOpen && <Notice kind="error">{answer.refusal}</Notice>}

      <h1 class="text-2xl font-bold text-gray-900 leading-snug">{complaint.title}</h1>

      <div class="mt-4 p-4 rounded-lg bg-white border border-gray-200">
        <p class="text-sm text-gray-600">{t("complaint.detail.tracking_number")}</p>
        <p class="font-mono text-2xl font-bold tracking-wider text-gray-900">
          <a href={`/track/${complaint.tracking_number}`} class="hover:underline">
            {complaint.tracking_number}
          </a>
        </p>
        <p class="mt-1 text-sm text-gray-700">{t("complaint.detail.tracking_share")}</p>
      </div>
      {complaint.is_own && (
        <a href={`/complaints/${complaint.id}/chat`} class={`${BUTTON_SECONDARY} mt-4 w-full sm:w-auto`}>
          {t("chat.open")}
        </a>
      )}

      <section
        class="mt-4 p-4 rounded-lg bg-white border border-gray-200"
        aria-label={t("complaint.detail.status")}
      >
        <ComplaintLiveStatus
          complaintId={complaint.id}
          locale={locale}
          messages={islandMessages(locale, ["complaint.status.", "complaint.detail."])}
          initial={{
            status: complaint.status,
            updated_at: complaint.updated_at,
            resolved_at: complaint.resolved_at,
            rejection_reason: complaint.rejection_reason,
            timeline: complaint.timeline,
          }}
          supabaseUrl={config.supabaseUrl}
          anonKey={config.supabaseAnonKey}
        />
      </section>

      {answerOpen && <ResolutionAnswer t={t} locale={locale} until={answerUntil} reply={answer} />}

      <dl class="mt-4 p-4 rounded-lg bg-white border border-gray-200 space-y-3">
        <DetailItem term={t("complaint.detail.category")}>
          {categoryName(category, complaint.category, locale)}
        </DetailItem>
        {ward && <DetailItem term={t("complaint.detail.ward")}>{wardLabel(ward, t, locale)}</DetailItem>}
        {complaint.location && (
          <DetailItem term={t("complaint.detail.address")}>{complaint.location}</DetailItem>
        )}
        {mapLink && (
          <DetailItem term={t("complaint.detail.location")}>
            <a href={mapLink} class={LINK} rel="noopener noreferrer" target="_blank">
              {t("complaint.detail.map")}
            </a>
          </DetailItem>
        )}
        <DetailItem term={t("complaint.detail.filed_at")}>
          <DateTime at={complaint.created_at} locale={locale} />
        </DetailItem>
      </dl>

      {complaint.description !== null && (
        <section class="mt-4">
          <h2 class="mb-2 text-lg font-bold">{t("complaint.detail.description")}</h2>
          <p class="text-gray-900 whitespace-pre-line leading-relaxed">{complaint.description}</p>
        </section>
      )}

      {complaint.photos.length > 0 && (
        <section class="mt-6">
          <h2 class="mb-2 text-lg font-bold">{t("complaint.detail.photos")}</h2>
          <PhotoGrid photos={complaint.photos} t={t} />
        </section>
      )}

      {!complaint.is_own && complaint.is_following && (
        <form method="post" class="mt-6 p-4 rounded-lg bg-gray-100">
          <p class="mb-3 text-gray-800">{t("complaint.detail.follower_note")}</p>
          <input type="hidden" name="action" value="unfollow" />
          <button type="submit" class={BUTTON_SECONDARY}>{t("complaint.detail.unfollow")}</button>
        </form>
      )}
    </>
  );
}
