/** Staff: the notices they may edit (a ward admin's wards, every notice for super admins). */
import { defineRoute } from "$fresh/server.ts";
import type { StaffState } from "@/lib/auth/guard.ts";
import { formatDate } from "@/lib/i18n/mod.ts";
import { listEditable, noticeState } from "@/lib/notices/repository.ts";
import { loadWards } from "@/lib/wards.ts";
import { NoticeMarks, noticePlaces } from "@/components/notices/NoticeList.tsx";
import { BUTTON_PRIMARY, LINK, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";

export default defineRoute<StaffState>(async (_req, ctx) => {
  const { t, locale, session } = ctx.state;
  const [notices, wards] = await Promise.all([listEditable(session), loadWards()]);
  const done = ctx.url.searchParams.get("done");
  return (
    <>
      <PageTitle title={t("notices.admin.title")} state={ctx.state} />
      <PageHeading title={t("notices.admin.title")} lead={t("notices.admin.lead")} />
      {done === "saved" && <Notice kind="info">{t("notices.admin.saved")}</Notice>}
      {done === "deleted" && <Notice kind="info">{t("notices.admin.deleted")}</Notice>}
      <p class="mb-6">
        <a href="/admin/notices/new" class={BUTTON_PRIMARY}>{t("notices.admin.new")}</a>
      </p>
      {notices.length === 0 ? <p>{t("notices.admin.none")}</p> : (
        <ul class="space-y-3">
          {notices.map((notice) => (
            <li class="p-4 rounded-lg bg-white border border-gray-200">
              <NoticeMarks notice={notice} state={ctx.state} />
              <p class="mt-2 font-bold">
                <a href={`/admin/notices/${notice.id}`} class={LINK}>{notice.title_bn}</a>
              </p>
              <p class="text-sm text-gray-600">
                {t(`notices.admin.state.${noticeState(notice)}`)} ·{" "}
                {formatDate(notice.publish_at, locale, "dateTime")} · {noticePlaces(notice, wards, ctx.state)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
});
