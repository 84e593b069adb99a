/**
 * Reading the workspace's forms. Each posts `action` and the `version` the page showed; zod checks the
 * shape of what was typed or picked (a status code, a provider id) and every problem comes back as a
 * catalogue key next to its field. Whether this person may make the change is the database's to say.
 */
import { z } from "zod";
import type { MessageKey } from "../i18n/mod.ts";
import { fieldErrors, formStrings, writtenText } from "../validation.ts";
import { COMPLAINT_STATUSES, LIMITS } from "../complaints/model.ts";
import { UnreadableForm } from "../http/body.ts";
import { type ComplaintChange, PRIORITIES, type Writing } from "./workspace.ts";

export const WORKSPACE_ACTIONS = ["status", "write", "template", "priority", "assign", "unassign"] as const;
export type WorkspaceAction = typeof WORKSPACE_ACTIONS[number];

const FIELDS = ["status", "comment", "public", "kind", "body", "template", "priority", "assignee"] as const;
export type WorkspaceField = typeof FIELDS[number];
/** What a form shows again after a refusal. */
export type WorkspaceValues = Record<WorkspaceField, string>;
export type WorkspaceErrors = Partial<Record<WorkspaceField, MessageKey>>;

/** The four forms of the page; writing and picking a template share one. */
export type WorkspaceFormName = "status" | "write" | "priority" | "assign";

export function formOf(action: WorkspaceAction): WorkspaceFormName {
  if (action === "template") return "write";
  return action === "unassign" ? "assign" : action;
}

/** A form shown again after a post: what was typed, what is wrong with it, what the database said. */
export interface FormReply {
  form: WorkspaceFormName;
  values: WorkspaceValues;
  errors: WorkspaceErrors;
  refusal?: MessageKey;
  notice?: MessageKey;
}

/** Longest rejection reason (complaints.rejection_reason). */
const REJECTION_REASON_MAX = 1000;

/** An HTML checkbox: sent as "on" when ticked, absent otherwise. */
const checkbox = z.string().transform((value) => value === "on");

const statusSchema = z.object({
  status: z.enum(COMPLAINT_STATUSES, { error: "workspace.error.status_choose" }),
  comment: writtenText(LIMITS.commentMax, "workspace.error.comment_long"),
  public: checkbox,
}).superRefine(({ status, comment }, ctx) => {
  const problem = (message: MessageKey) => ctx.addIssue({ code: "custom", path: ["comment"], message });
  if (status === "rejected" && comment === "") problem("workspace.error.comment_rejected");
  if (status === "rejected" && comment.length > REJECTION_REASON_MAX) problem("workspace.error.reason_long");
  if (status === "closed" && comment === "") problem("workspace.error.comment_closed");
});

const writeSchema = z.object({
  kind: z.enum(["reply", "note"], { error: "workspace.error.kind" }),
  body: writtenText(LIMITS.commentMax, "workspace.error.body_long").pipe(
    z.string().min(1, { error: "workspace.error.body_empty" }),
  ),
  public: checkbox,
});

const templateSchema = z.object({
  template: z.string().regex(/^[1-9][0-9]{0,9}$/, { error: "workspace.error.template" }).transform(Number),
});
const prioritySchema = z.object({ priority: z.enum(PRIORITIES, { error: "workspace.error.priority" }) });
const assignSchema = z.object({ assignee: z.uuid({ error: "workspace.error.provider" }) });

/** A form read: what to do, or what to show again with what is wrong. */
export type WorkspaceForm =
  & { action: WorkspaceAction; version: number; values: WorkspaceValues }
  & (
    | { ok: true; change: ComplaintChange }
    | { ok: true; writing: Writing }
    | { ok: true; templateId: number }
    | { ok: false; errors: WorkspaceErrors }
  );

/** The posted form; throws `UnreadableForm` (400) for an unknown action or a version this page never wrote. */
export function readWorkspaceForm(form: FormData): WorkspaceForm {
  const posted = form.get("action");
  const version = form.get("version");
  // complaints.version is a Postgres integer: the page writes 1 to 2147483647.
  if (
    !WORKSPACE_ACTIONS.includes(posted as WorkspaceAction) || typeof version !== "string" ||
    !/^[1-9][0-9]{0,9}$/.test(version) || Number(version) > 2 ** 31 - 1
  ) {
    throw new UnreadableForm(400);
  }
  const action = posted as WorkspaceAction;
  const read = { action, version: Number(version), values: formStrings(form, FIELDS) };
  const parse = <T>(schema: z.ZodType<T>, then: (data: T) => WorkspaceForm): WorkspaceForm => {
    const parsed = schema.safeParse(read.values);
    return parsed.success
      ? then(parsed.data)
      : { ...read, ok: false, errors: fieldErrors<WorkspaceField>(parsed.error.issues) };
  };
  const change = (made: ComplaintChange): WorkspaceForm => ({ ...read, ok: true, change: made });

  switch (action) {
    case "status":
      return parse(
        statusSchema,
        ({ status, comment, public: isPublic }) =>
          change({ action: "status", status, comment: comment || null, isPublic }),
      );
    case "write":
      return parse(writeSchema, ({ kind, body, public: isPublic }) => ({
        ...read,
        ok: true,
        writing: { internal: kind === "note", body, isPublic: isPublic && kind === "reply" },
      }));
    case "template":
      return parse(templateSchema, ({ template }) => ({ ...read, ok: true, templateId: template }));
    case "priority":
      return parse(prioritySchema, ({ priority }) => change({ action: "priority", priority }));
    case "assign":
      return parse(assignSchema, ({ assignee }) => change({ action: "assign", assignee }));
    case "unassign":
      return change({ action: "unassign" });
  }
}
