/** One notice, its body rendered from the safe markup (lib/notices/rich_text.ts). */
import { isUuid } from "@/lib/validation.ts";
import { defineRoute } from "$fresh/server.ts";
import type { AppState } from "@/lib/state.ts";
import { formatDate } from "@/lib/i18n/mod.ts";
import { getNotice, noticeState, noticeText } from "@/lib/notices/repository.ts";
import { readerClient } from "@/lib/supabase.ts";
import { loadWards } from "@/lib/wards.ts";
import { NoticeMarks, noticePlaces } from "@/components/notices/NoticeList.tsx";
import { RichText } from "@/components/notices/RichText.tsx";
import { LINK, PageTitle } from "@/components/ui.tsx";

export default defineRoute<AppState>(async (_req, ctx) => {
  const { t, locale, session } = ctx.state;
  const id = ctx.params.id;
  const [notice, wards] = await Promise.all([
    isUuid(id) ? getNotice(readerClient(session), id) : null,
    loadWards(),
  ]);
  // Staff read their drafts through RLS; on the public page only what is published counts.
  if (!notice || noticeState(notice) !== "live") return ctx.renderNotFound();
  const { title, body } = noticeText(notice, locale);
  return (
    <>
      <PageTitle title={title} state={ctx.state} />
      <p class="mb-4">
        <a href="/notices" class={LINK}>{t("notices.back")}</a>
      </p>
      <article>
        <NoticeMarks notice={notice} state={ctx.state} />
        <h1 class="mt-2 text-2xl font-bold leading-snug">{title}</h1>
        <p class="mt-2 text-sm text-gray-600">
          {noticePlaces(notice, wards, ctx.state)} ·{" "}
          {t("notices.published", { date: formatDate(notice.publish_at, locale, "dateTime") })}
          {notice.expires_at &&
            ` · ${t("notices.expires", { date: formatDate(notice.expires_at, locale, "dateTime") })}`}
        </p>
        <div class="mt-4">
          <RichText text={body} />
        </div>
      </article>
    </>
  );
});
