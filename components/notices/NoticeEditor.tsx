/** The staff notice form (new and edit): a plain form post, errors next to each field. */
import type { StaffState } from "@/lib/auth/guard.ts";
import type { NoticeFormErrors, NoticeFormValues } from "@/lib/notices/form.ts";
import { NOTICE_CATEGORIES } from "@/lib/notices/repository.ts";
import { type Ward, wardGroups, wardLabel } from "@/lib/wards.ts";
import { controlProps, Field, FieldError, FormField, SelectField } from "@/components/FormField.tsx";
import { BUTTON_PRIMARY, Notice } from "@/components/ui.tsx";

/** What the new and edit pages render the editor with. */
export interface NoticeEditorData {
  values: NoticeFormValues;
  errors: NoticeFormErrors;
  wards: readonly Ward[];
}

export function NoticeEditor({ state, values, errors, wards }: NoticeEditorData & { state: StaffState }) {
  const { t, locale, session } = state;
  const message = (field: keyof NoticeFormErrors) => errors[field] && t(errors[field]!);
  const isSuperAdmin = session.user.role === "super_admin";
  const ownWards = wards.filter((ward) => session.user.wards.includes(ward.id));
  const optional = t("notices.admin.optional");
  const textArea = (name: "body_bn" | "body_en", required: boolean) => (
    <Field
      name={name}
      label={t(`notices.admin.field.${name}`)}
      hint={t("notices.admin.field.body_hint")}
      error={message(name)}
      optionalLabel={required ? undefined : optional}
      class="mb-5"
    >
      <textarea
        {...controlProps(
          { name, hint: t("notices.admin.field.body_hint"), error: message(name) },
          "min-h-[160px] py-2",
        )}
        rows={8}
      >
        {values[name]}
      </textarea>
    </Field>
  );

  return (
    <form method="post" novalidate>
      {Object.keys(errors).length > 0 && (
        <Notice kind="error">{message("form") ?? t("notices.error.summary")}</Notice>
      )}
      <FormField
        name="title_bn"
        label={t("notices.admin.field.title_bn")}
        value={values.title_bn}
        error={message("title_bn")}
        maxLength={200}
        required
      />
      {textArea("body_bn", true)}
      <FormField
        name="title_en"
        label={t("notices.admin.field.title_en")}
        value={values.title_en}
        error={message("title_en")}
        optionalLabel={optional}
        maxLength={200}
        lang="en"
      />
      {textArea("body_en", false)}
      <SelectField
        name="category"
        label={t("notices.admin.field.category")}
        placeholder=""
        value={values.category || "general"}
        error={message("category")}
        groups={[{
          options: NOTICE_CATEGORIES.map((code) => ({ value: code, label: t(`notices.category.${code}`) })),
        }]}
      />
      <fieldset class="mb-5" aria-describedby={errors.wards ? "field-wards-error" : undefined}>
        <legend class="font-bold">{t("notices.admin.field.scope")}</legend>
        <FieldError name="wards" error={message("wards")} />
        {isSuperAdmin && (
          <label class="flex items-center gap-3 min-h-[44px]">
            <input
              type="radio"
              name="scope"
              value="city"
              checked={values.scope !== "wards"}
              class="w-5 h-5"
            />
            {t("notices.admin.field.scope_city")}
          </label>
        )}
        <label class="flex items-center gap-3 min-h-[44px]">
          <input
            type="radio"
            name="scope"
            value="wards"
            checked={values.scope === "wards" || !isSuperAdmin}
            class="w-5 h-5"
          />
          {t("notices.admin.field.scope_wards")}
        </label>
        {isSuperAdmin
          ? (
            <label class="block mt-2">
              <span class="block">{t("notices.admin.field.wards")}</span>
              <span class="block text-sm text-gray-600">{t("notices.admin.field.wards_hint")}</span>
              <select
                name="wards"
                multiple
                size={8}
                class="mt-1 block w-full px-3 py-2 rounded-lg border-2 border-gray-400 bg-white"
              >
                {wardGroups(wards, t, locale).map((group) => (
                  <optgroup label={group.label}>
                    {group.options.map((option) => (
                      <option value={option.value} selected={values.wards.includes(option.value)}>
                        {option.label}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </label>
          )
          : ownWards.map((ward) => (
            <label class="flex items-center gap-3 min-h-[44px] pl-8">
              <input
                type="checkbox"
                name="wards"
                value={ward.id}
                checked={values.wards.includes(String(ward.id)) || ownWards.length === 1}
                class="w-5 h-5"
              />
              {wardLabel(ward, t, locale)}
            </label>
          ))}
      </fieldset>
      <FormField
        name="publish_at"
        type="datetime-local"
        label={t("notices.admin.field.publish_at")}
        hint={t("notices.admin.field.publish_at_hint")}
        value={values.publish_at}
        error={message("publish_at")}
        optionalLabel={optional}
      />
      <FormField
        name="expires_at"
        type="datetime-local"
        label={t("notices.admin.field.expires_at")}
        value={values.expires_at}
        error={message("expires_at")}
        optionalLabel={optional}
      />
      <label class="flex items-center gap-3 min-h-[44px]">
        <input type="checkbox" name="pinned" checked={values.pinned === "on"} class="w-5 h-5" />
        {t("notices.admin.field.pinned")}
      </label>
      <label class="flex items-center gap-3 min-h-[44px] mb-6">
        <input type="checkbox" name="urgent" checked={values.urgent === "on"} class="w-5 h-5" />
        {t("notices.admin.field.urgent")}
      </label>
      <button type="submit" class={BUTTON_PRIMARY}>{t("notices.admin.save")}</button>
    </form>
  );
}
