/**
 * A reply to the citizen or an internal note, with the category's ready-made replies: "put into the text"
 * posts the form and the page comes back with the template in the text box (no script needed).
 */
import type { Locale, Translate } from "@/lib/i18n/mod.ts";
import type { ResponseTemplate } from "@/lib/staff/workspace.ts";
import type { FormReply } from "@/lib/staff/workspace_forms.ts";
import { controlProps, Field, FieldError } from "@/components/FormField.tsx";
import { BUTTON_PRIMARY, BUTTON_SECONDARY } from "@/components/ui.tsx";
import { ActionCard, Checkbox } from "./ActionCard.tsx";

interface WriteFormProps {
  t: Translate;
  locale: Locale;
  version: number;
  templates: ResponseTemplate[];
  reply?: FormReply;
}

const KINDS = ["reply", "note"] as const;

export function WriteForm({ t, locale, version, templates, reply }: WriteFormProps) {
  const errors = reply?.errors ?? {};
  const kind = reply?.values.kind || "reply";
  const templateField = {
    name: "template",
    label: t("workspace.write.template"),
    error: errors.template && t(errors.template),
  };
  const bodyField = { name: "body", label: t("workspace.write.body"), error: errors.body && t(errors.body) };
  return (
    <ActionCard
      id="write-form"
      title={t("workspace.write.title")}
      version={version}
      refusal={reply?.refusal && t(reply.refusal)}
      notice={reply?.notice && t(reply.notice)}
    >
      {templates.length > 0 && (
        <div class="p-3 rounded-lg bg-gray-50 border border-gray-200">
          <Field {...templateField}>
            <select {...controlProps(templateField)}>
              <option value="">{t("workspace.write.template_choose")}</option>
              {templates.map((template) => (
                <option value={String(template.id)} selected={reply?.values.template === String(template.id)}>
                  {locale === "bn" ? template.title_bn : template.title_en}
                </option>
              ))}
            </select>
          </Field>
          <button
            type="submit"
            name="action"
            value="template"
            formNoValidate
            class={`${BUTTON_SECONDARY} mt-3 w-full`}
          >
            {t("workspace.write.use_template")}
          </button>
        </div>
      )}
      <fieldset>
        <legend class="font-bold text-gray-900">{t("workspace.write.kind")}</legend>
        <FieldError name="kind" error={errors.kind && t(errors.kind)} />
        <div class="mt-2 space-y-2">
          {KINDS.map((option) => (
            <label
              class={`flex items-start gap-3 min-h-[48px] px-3 py-2 rounded-lg border-2 cursor-pointer ${
                kind === option ? "border-green-700 bg-green-50" : "border-gray-300 bg-white"
              }`}
            >
              <input
                type="radio"
                name="kind"
                value={option}
                checked={kind === option}
                class="mt-1 w-5 h-5 shrink-0 accent-green-700"
              />
              <span>
                <span class="block font-bold text-gray-900">{t(`workspace.write.${option}`)}</span>
                <span class="block text-sm text-gray-700">{t(`workspace.write.${option}_hint`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <Field {...bodyField}>
        <textarea
          {...controlProps(bodyField, "py-2")}
          rows={5}
          maxLength={2000}
          required
          value={reply?.values.body}
        />
      </Field>
      <Checkbox
        id="write-public"
        name="public"
        label={t("workspace.write.public")}
        checked={reply?.values.public === "on"}
      />
      <button type="submit" name="action" value="write" class={`${BUTTON_PRIMARY} w-full`}>
        {t("workspace.write.submit")}
      </button>
    </ActionCard>
  );
}
