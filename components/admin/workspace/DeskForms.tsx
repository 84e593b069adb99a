/** What only ward admins and super admins do: set the priority, and assign to a provider of the ward. */
import type { Locale, Translate } from "@/lib/i18n/mod.ts";
import { displayPhone } from "@/lib/phone.ts";
import { type Person, PRIORITIES, type WorkspaceComplaint } from "@/lib/staff/workspace.ts";
import type { FormReply } from "@/lib/staff/workspace_forms.ts";
import { controlProps, Field } from "@/components/FormField.tsx";
import { BUTTON_PRIMARY, BUTTON_SECONDARY } from "@/components/ui.tsx";
import { ActionCard } from "./ActionCard.tsx";

interface DeskFormProps {
  t: Translate;
  complaint: WorkspaceComplaint;
  reply?: FormReply;
}

export function PriorityForm({ t, complaint, reply }: DeskFormProps) {
  const field = {
    name: "priority",
    label: t("workspace.priority_form.new_priority"),
    hint: t("workspace.priority_form.hint"),
    error: reply?.errors.priority && t(reply.errors.priority),
  };
  const chosen = reply?.values.priority ?? complaint.priority;
  return (
    <ActionCard
      id="priority-form"
      title={t("workspace.priority_form.title")}
      version={complaint.version}
      action="priority"
      refusal={reply?.refusal && t(reply.refusal)}
    >
      <Field {...field}>
        <select {...controlProps(field)}>
          {PRIORITIES.map((priority) => (
            <option value={priority} selected={chosen === priority}>
              {t(`workspace.priority.${priority}`)}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" class={`${BUTTON_PRIMARY} w-full`}>{t("workspace.priority_form.submit")}</button>
    </ActionCard>
  );
}

/** "Name · phone" for a picker. */
export function personLabel(person: Person, t: Translate, locale: Locale): string {
  const name = person.full_name ?? t("workspace.no_name");
  return person.phone ? `${name} · ${displayPhone(person.phone, locale)}` : name;
}

export function AssignForm(
  { t, locale, complaint, providers, reply }: DeskFormProps & { locale: Locale; providers: Person[] },
) {
  const field = {
    name: "assignee",
    label: t("workspace.assign.provider"),
    error: reply?.errors.assignee && t(reply.errors.assignee),
  };
  const chosen = reply?.values.assignee ?? complaint.assigned_to;
  const nobody = providers.length === 0 && !complaint.assigned_to;
  return (
    <ActionCard
      id="assign-form"
      title={t("workspace.assign.title")}
      version={complaint.version}
      refusal={reply?.refusal && t(reply.refusal)}
      empty={nobody ? t("workspace.assign.none") : undefined}
    >
      {providers.length > 0 && (
        <>
          <Field {...field}>
            <select {...controlProps(field)} required>
              <option value="">{t("workspace.assign.choose")}</option>
              {providers.map((person) => (
                <option value={person.id} selected={chosen === person.id}>
                  {personLabel(person, t, locale)}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit" name="action" value="assign" class={`${BUTTON_PRIMARY} w-full`}>
            {t("workspace.assign.submit")}
          </button>
        </>
      )}
      {complaint.assigned_to && (
        <button
          type="submit"
          name="action"
          value="unassign"
          formNoValidate
          class={`${BUTTON_SECONDARY} w-full`}
        >
          {t("workspace.assign.unassign")}
        </button>
      )}
    </ActionCard>
  );
}
