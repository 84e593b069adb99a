/** /track: look a complaint up by its tracking number, without signing in. */
import type { Handlers, PageProps } from "$fresh/server.ts";
import { Head } from "$fresh/runtime.ts";
import type { AppState } from "@/lib/state.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { normalizeTrackingNumber } from "@/lib/complaints/model.ts";
import { TrackForm } from "@/components/complaints/TrackForm.tsx";
import { PageHeading, PageTitle } from "@/components/ui.tsx";

interface TrackData {
  typed: string;
  invalid: boolean;
}

export const handler: Handlers<TrackData, AppState> = {
  GET(_req, ctx) {
    const typed = ctx.url.searchParams.get("number");
    if (typed === null) return ctx.render({ typed: "", invalid: false });
    const number = normalizeTrackingNumber(typed);
    return number ? redirect(`/track/${number}`) : ctx.render({ typed, invalid: true }, { status: 422 });
  },
};

export default function TrackPage({ data, state }: PageProps<TrackData, AppState>) {
  const { t } = state;
  return (
    <>
      <PageTitle title={t("track.title")} state={state} />
      <Head>
        <meta name="robots" content="noindex" />
      </Head>
      <PageHeading title={t("track.title")} lead={t("track.lead")} />
      <TrackForm state={state} value={data.typed} error={data.invalid ? t("track.invalid") : undefined} />
      <p class="mt-6 text-sm text-gray-700">{t("track.privacy")}</p>
    </>
  );
}
