/** Moving the complaint on: only to the statuses this staff member may choose, with a comment. */
import type { Translate } from "@/lib/i18n/mod.ts";
import type { ComplaintStatus } from "@/lib/complaints/model.ts";
import { statusLabels } from "@/lib/complaints/labels.ts";
import type { FormReply } from "@/lib/staff/workspace_forms.ts";
import { controlProps, Field } from "@/components/FormField.tsx";
import { BUTTON_PRIMARY } from "@/components/ui.tsx";
import { ActionCard, Checkbox } from "./ActionCard.tsx";

interface StatusFormProps {
  t: Translate;
  version: number;
  nextStatuses: ComplaintStatus[];
  reply?: FormReply;
}

export function StatusForm({ t, version, nextStatuses, reply }: StatusFormProps) {
  const labels = statusLabels(t);
  const errors = reply?.errors ?? {};
  const statusField = {
    name: "status",
    label: t("workspace.status_form.new_status"),
    error: errors.status && t(errors.status),
  };
  const commentField = {
    name: "comment",
    label: t("workspace.status_form.comment"),
    hint: t("workspace.status_form.comment_hint"),
    error: errors.comment && t(errors.comment),
  };
  return (
    <ActionCard
      id="status-form"
      title={t("workspace.status_form.title")}
      version={version}
      action="status"
      refusal={reply?.refusal && t(reply.refusal)}
      empty={nextStatuses.length === 0 ? t("workspace.status_form.none") : undefined}
    >
      <Field {...statusField}>
        <select {...controlProps(statusField)} required>
          <option value="">{t("workspace.status_form.choose")}</option>
          {nextStatuses.map((status) => (
            <option value={status} selected={reply?.values.status === status}>{labels[status]}</option>
          ))}
        </select>
      </Field>
      <Field {...commentField}>
        <textarea
          {...controlProps(commentField, "py-2")}
          rows={3}
          maxLength={2000}
          value={reply?.values.comment}
        />
      </Field>
      <Checkbox
        id="status-public"
        name="public"
        label={t("workspace.status_form.public")}
        checked={reply?.values.public === "on"}
      />
      <button type="submit" class={`${BUTTON_PRIMARY} w-full`}>{t("workspace.status_form.submit")}</button>
    </ActionCard>
  );
}
