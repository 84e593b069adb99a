/**
 * The notices: city-wide ones and those of one ward (the signed-in person's home ward unless another is
 * chosen), pinned first, newest next. A plain GET form picks the ward; each list has its Atom feed.
 */
import { Head } from "$fresh/runtime.ts";
import { defineRoute } from "$fresh/server.ts";
import type { AppState } from "@/lib/state.ts";
import { getProfile } from "@/lib/profile.ts";
import { LIST_SIZE, listPublished, wardFilter } from "@/lib/notices/repository.ts";
import { readerClient } from "@/lib/supabase.ts";
import { loadWards, wardLabel } from "@/lib/wards.ts";
import { WardChooser } from "@/components/WardChooser.tsx";
import { NoticeList } from "@/components/notices/NoticeList.tsx";
import { LINK, PageHeading, PageTitle } from "@/components/ui.tsx";

export default defineRoute<AppState>(async (_req, ctx) => {
  const { t, locale, session } = ctx.state;
  const wards = await loadWards();
  const chosen = wardFilter(ctx.url.searchParams.get("ward"), new Set(wards.map((ward) => ward.id)));
  const homeWard = chosen === undefined && session
    ? (await getProfile(session).catch(() => null))?.ward_id ?? null
    : null;
  const wardId = chosen === undefined ? homeWard : chosen;
  const page = Math.min(Math.max(1, Number(ctx.url.searchParams.get("page")) || 1), 50);
  const notices = await listPublished(readerClient(session), {
    wardId,
    limit: LIST_SIZE + 1,
    offset: (page - 1) * LIST_SIZE,
  });
  const ward = wards.find((candidate) => candidate.id === wardId);
  const feed = `/notices/feed/${wardId ?? "city"}`;
  const more = notices.length > LIST_SIZE;

  return (
    <>
      <PageTitle title={t("notices.title")} state={ctx.state} />
      <Head>
        <link rel="alternate" type="application/atom+xml" href={feed} title={t("notices.feed")} />
      </Head>
      <PageHeading
        title={t("notices.title")}
        lead={ward ? t("notices.lead_ward", { ward: wardLabel(ward, t, locale) }) : t("notices.lead")}
      />
      <WardChooser
        state={ctx.state}
        wards={wards}
        selected={wardId}
        label="notices.ward_filter"
        cityLabel="notices.ward_filter_city"
      />
      <NoticeList notices={notices.slice(0, LIST_SIZE)} wards={wards} state={ctx.state} />
      <p class="mt-6 flex flex-wrap justify-between gap-4">
        <a href={feed} class={LINK}>{t("notices.feed")}</a>
        {more && (
          <a
            href={`/notices?${new URLSearchParams({
              ward: String(wardId ?? "city"),
              page: String(page + 1),
            })}`}
            class={LINK}
          >
            {t("notices.older")}
          </a>
        )}
      </p>
    </>
  );
});
