/**
 * The staff workspace of one complaint: everything the citizen sent, the full history with internal notes,
 * and the actions this staff member may take, each a small form posting here with the version the page
 * showed (post/redirect/get). The database decides every read and change; a refusal comes back next to
 * its form in the reader's language, with what was typed still there.
 */
import type { FreshContext, Handlers, PageProps } from "$fresh/server.ts";
import type { StaffState } from "@/lib/auth/guard.ts";
import { readForm } from "@/lib/http/body.ts";
import { redirect } from "@/lib/http/redirect.ts";
import type { MessageKey } from "@/lib/i18n/mod.ts";
import { type ReferenceData, referenceData } from "@/lib/complaints/repository.ts";
import {
  changeComplaint,
  getTemplate,
  getWorkspace,
  runsTheDesk,
  type Workspace,
  writeToComplaint,
} from "@/lib/staff/workspace.ts";
import { formOf, type FormReply, readWorkspaceForm } from "@/lib/staff/workspace_forms.ts";
import { BUTTON_SECONDARY, LINK, Notice, PageTitle } from "@/components/ui.tsx";
import { ErrorPage } from "@/components/ErrorPage.tsx";
import { WorkspaceDetails, WorkspaceSection } from "@/components/admin/workspace/WorkspaceDetails.tsx";
import { WorkspaceTimeline } from "@/components/admin/workspace/WorkspaceTimeline.tsx";
import { StatusForm } from "@/components/admin/workspace/StatusForm.tsx";
import { WriteForm } from "@/components/admin/workspace/WriteForm.tsx";
import { AssignForm, PriorityForm } from "@/components/admin/workspace/DeskForms.tsx";

type WorkspacePageData =
  | { workspace: Workspace; reference: ReferenceData; reply?: FormReply }
  /** Not in this staff member's scope (or no such complaint): why, in their words. */
  | { workspace: null; message: MessageKey };

/** After a saved change the page says what was done (`?saved=<what>`). */
const SAVED: Record<string, MessageKey> = {
  status: "workspace.saved.status",
  reply: "workspace.saved.reply",
  note: "workspace.saved.note",
  priority: "workspace.saved.priority",
  assign: "workspace.saved.assign",
  unassign: "workspace.saved.unassign",
};

async function render(
  ctx: FreshContext<StaffState, WorkspacePageData>,
  status: number,
  reply?: FormReply,
): Promise<Response> {
  const [workspace, reference] = await Promise.all([
    getWorkspace(ctx.state.session, ctx.params.id),
    referenceData(),
  ]);
  const response = workspace
    ? await ctx.render({ workspace, reference, reply }, { status })
    : await ctx.render({ workspace: null, message: reply?.refusal ?? "workspace.not_found_text" }, {
      status: 404,
    });
  // Personal data and signed photo links.
  response.headers.set("cache-control", "private, no-store");
  return response;
}

export const handler: Handlers<WorkspacePageData, StaffState> = {
  GET(_req, ctx) {
    return render(ctx, 200);
  },

  async POST(req, ctx) {
    const { session, locale } = ctx.state;
    const id = ctx.params.id;
    const form = readWorkspaceForm(await readForm(req));
    const reply = (more: Partial<FormReply>): FormReply => ({
      form: formOf(form.action),
      values: form.values,
      errors: {},
      ...more,
    });
    if (!form.ok) return render(ctx, 422, reply({ errors: form.errors }));

    if ("templateId" in form) {
      const template = await getTemplate(session, form.templateId);
      if (!template) return render(ctx, 422, reply({ errors: { template: "workspace.error.template" } }));
      const text = locale === "bn" ? template.body_bn : template.body_en;
      const typed = form.values.body.trim();
      const values = { ...form.values, body: typed ? `${typed}\n\n${text}` : text };
      return render(ctx, 200, reply({ values, notice: "workspace.write.template_added" }));
    }

    const refused = "writing" in form
      ? await writeToComplaint(session, id, form.writing)
      : await changeComplaint(session, id, form.version, form.change);
    if (refused) return render(ctx, refused.status, reply({ refusal: refused.message }));
    const saved = "writing" in form ? (form.writing.internal ? "note" : "reply") : form.action;
    return redirect(`/admin/complaints/${id}?saved=${saved}`);
  },
};

export default function ComplaintWorkspacePage(
  { data, state, url }: PageProps<WorkspacePageData, StaffState>,
) {
  const { t, locale } = state;
  const back = (
    <p class="mb-4">
      <a href="/admin/complaints" class={LINK}>← {t("workspace.back")}</a>
    </p>
  );
  if (!data.workspace) {
    return (
      <>
        {back}
        <ErrorPage state={state} title="workspace.not_found_title" text={data.message} />
      </>
    );
  }

  const { workspace, reference, reply } = data;
  const { complaint } = workspace;
  const saved = SAVED[url.searchParams.get("saved") ?? ""];
  const desk = runsTheDesk(state.session.user.role);
  const replyTo = (form: FormReply["form"]) => reply?.form === form ? reply : undefined;
  // A forged post for a form this role is not shown (a provider's priority) is answered at the top.
  const unshown = !desk && (reply?.form === "priority" || reply?.form === "assign")
    ? reply.refusal ?? Object.values(reply.errors)[0]
    : undefined;
  return (
    <>
      <PageTitle title={t("workspace.title", { number: complaint.tracking_number })} state={state} />
      {back}
      {saved && !reply && <Notice kind="info">{t(saved)}</Notice>}
      {unshown && <Notice kind="error">{t(unshown)}</Notice>}
      <div class="grid grid-cols-1 lg:grid-cols-3 lg:grid-rows-[auto_1fr] gap-6 items-start">
        <div class="lg:col-span-2">
          <WorkspaceDetails
            workspace={workspace}
            reference={reference}
            t={t}
            locale={locale}
            now={Date.now()}
          />
        </div>
        <aside
          aria-labelledby="actions-title"
          class="space-y-4 lg:col-start-3 lg:row-start-1 lg:row-span-2"
        >
          <h2 id="actions-title" class="text-xl font-bold text-gray-900">{t("workspace.actions")}</h2>
          <a href={`/complaints/${complaint.id}/chat`} class={`${BUTTON_SECONDARY} w-full`}>
            {t("chat.open_staff")}
          </a>
          <StatusForm
            t={t}
            version={complaint.version}
            nextStatuses={workspace.nextStatuses}
            reply={replyTo("status")}
          />
          <WriteForm
            t={t}
            locale={locale}
            version={complaint.version}
            templates={workspace.templates}
            reply={replyTo("write")}
          />
          {desk && (
            <>
              <PriorityForm t={t} complaint={complaint} reply={replyTo("priority")} />
              <AssignForm
                t={t}
                locale={locale}
                complaint={complaint}
                providers={workspace.providers}
                reply={replyTo("assign")}
              />
            </>
          )}
        </aside>
        <div class="lg:col-span-2">
          <WorkspaceSection title={t("workspace.timeline")}>
            <WorkspaceTimeline entries={workspace.timeline} people={workspace.people} t={t} locale={locale} />
          </WorkspaceSection>
        </div>
      </div>
    </>
  );
}
