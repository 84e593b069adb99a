/** Staff: write a notice. Post/redirect/get on success, the form again with errors otherwise. */
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { StaffState } from "@/lib/auth/guard.ts";
import { readForm } from "@/lib/http/body.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { type NoticeFormValues, submitNoticeForm } from "@/lib/notices/form.ts";
import { loadWards } from "@/lib/wards.ts";
import { NoticeEditor, type NoticeEditorData } from "@/components/notices/NoticeEditor.tsx";
import { PageHeading, PageTitle } from "@/components/ui.tsx";

const EMPTY: NoticeFormValues = {
  title_bn: "",
  title_en: "",
  body_bn: "",
  body_en: "",
  category: "general",
  scope: "",
  wards: [],
  publish_at: "",
  expires_at: "",
  pinned: "",
  urgent: "",
};

export const handler: Handlers<NoticeEditorData, StaffState> = {
  async GET(_req, ctx) {
    return ctx.render({ values: EMPTY, errors: {}, wards: await loadWards() });
  },

  async POST(req, ctx) {
    const { session } = ctx.state;
    const [form, wards] = await Promise.all([readForm(req), loadWards()]);
    const { values, saved } = await submitNoticeForm(form, session, null, wards);
    if (!saved.ok) {
      const errors = "errors" in saved ? saved.errors : { form: "notices.error.save_failed" as const };
      return ctx.render({ values, errors, wards }, { status: 422 });
    }
    return redirect("/admin/notices?done=saved");
  },
};

export default function NewNoticePage({ data, state }: PageProps<NoticeEditorData, StaffState>) {
  const { t } = state;
  return (
    <>
      <PageTitle title={t("notices.admin.new")} state={state} />
      <PageHeading title={t("notices.admin.new")} />
      <NoticeEditor state={state} values={data.values} errors={data.errors} wards={data.wards} />
    </>
  );
}
