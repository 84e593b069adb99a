/** Staff: change or withdraw a notice they may edit (RLS hides the others: 404). */
import { isUuid } from "@/lib/validation.ts";
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { StaffState } from "@/lib/auth/guard.ts";
import { readForm } from "@/lib/http/body.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { getNotice } from "@/lib/notices/repository.ts";
import { deleteNotice, submitNoticeForm, valuesOf } from "@/lib/notices/form.ts";
import { userClient } from "@/lib/supabase.ts";
import { loadWards } from "@/lib/wards.ts";
import { NoticeEditor, type NoticeEditorData } from "@/components/notices/NoticeEditor.tsx";
import { BUTTON_SECONDARY, PageHeading, PageTitle } from "@/components/ui.tsx";

export const handler: Handlers<NoticeEditorData, StaffState> = {
  async GET(_req, ctx) {
    const { session } = ctx.state;
    const id = ctx.params.id;
    const [notice, wards] = await Promise.all([
      isUuid(id) ? getNotice(userClient(session.accessToken), id) : null,
      loadWards(),
    ]);
    const editable = notice && (session.user.role === "super_admin" ||
      (notice.ward_ids.length > 0 && notice.ward_ids.every((ward) => session.user.wards.includes(ward))));
    if (!editable) return ctx.renderNotFound();
    return ctx.render({ values: valuesOf(notice), errors: {}, wards });
  },

  async POST(req, ctx) {
    const { session } = ctx.state;
    const id = ctx.params.id;
    if (!isUuid(id)) return ctx.renderNotFound();
    const [form, wards] = await Promise.all([readForm(req), loadWards()]);
    if (form.get("action") === "delete") {
      return await deleteNotice(session, id) ? redirect("/admin/notices?done=deleted") : ctx.renderNotFound();
    }
    const { values, saved } = await submitNoticeForm(form, session, id, wards);
    if (!saved.ok) {
      if ("notFound" in saved) return ctx.renderNotFound();
      return ctx.render({ values, errors: saved.errors, wards }, { status: 422 });
    }
    return redirect("/admin/notices?done=saved");
  },
};

export default function EditNoticePage({ data, state }: PageProps<NoticeEditorData, StaffState>) {
  const { t } = state;
  return (
    <>
      <PageTitle title={t("notices.admin.edit")} state={state} />
      <PageHeading title={t("notices.admin.edit")} />
      <NoticeEditor state={state} values={data.values} errors={data.errors} wards={data.wards} />
      <form method="post" class="mt-8">
        <input type="hidden" name="action" value="delete" />
        <button type="submit" class={BUTTON_SECONDARY}>{t("notices.admin.delete")}</button>
      </form>
    </>
  );
}
