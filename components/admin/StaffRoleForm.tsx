/**
 * The role and ward postings of one person, as one plain form: a role as radio cards, and wards as
 * checkboxes grouped by city corporation (each group folds away; a group with chosen wards starts open).
 */
import { APP_ROLES } from "@/lib/auth/session.ts";
import type { AppState } from "@/lib/state.ts";
import type { StaffFormErrors, StaffFormValues } from "@/lib/staff/people.ts";
import { CITY_CORPORATIONS, type Ward } from "@/lib/wards.ts";
import { FieldError, FieldHint } from "@/components/FormField.tsx";
import { BUTTON_PRIMARY, Notice } from "@/components/ui.tsx";
import { localDigits, type MessageKey } from "@/lib/i18n/mod.ts";

interface StaffRoleFormProps {
  action: string;
  values: StaffFormValues;
  errors: StaffFormErrors;
  /** The database's refusal of the last try, shown above the form. */
  refusal?: MessageKey;
  wards: readonly Ward[];
  state: AppState;
}

/**
 * A radio button or checkbox (`peer`) followed by the card it sits on: the card follows the control's own
 * state in CSS, so it shows what is chosen now, without JavaScript.
 */
const CONTROL = "peer absolute left-3 top-3.5 w-5 h-5 accent-green-700";
const CARD =
  "block h-full min-h-[48px] pl-10 pr-2 py-2 rounded-lg border-2 border-gray-300 bg-white cursor-pointer " +
  "peer-checked:border-green-700 peer-checked:bg-green-50 peer-focus-visible:ring-2 peer-focus-visible:ring-green-700";

export function StaffRoleForm({ action, values, errors, refusal, wards, state }: StaffRoleFormProps) {
  const { t, locale } = state;
  const describedBy = (name: string, error?: string) =>
    [`field-${name}-hint`, error && `field-${name}-error`].filter(Boolean).join(" ");
  return (
    <form method="post" action={action} novalidate>
      {refusal && <Notice kind="error">{t(refusal)}</Notice>}
      {(errors.role || errors.wards) && <Notice kind="error">{t("staff_admin.edit.fix_below")}</Notice>}

      <fieldset class="mb-6" aria-describedby={errors.role && "field-role-error"}>
        <legend class="font-bold text-gray-900">{t("staff_admin.edit.role")}</legend>
        <FieldError name="role" error={errors.role && t(errors.role)} />
        <div class="mt-2 grid gap-2 sm:grid-cols-2 xl:grid-cols-4">
          {APP_ROLES.map((role) => (
            <label class="relative block">
              <input type="radio" name="role" value={role} checked={values.role === role} class={CONTROL} />
              <span class={CARD}>
                <span class="block font-bold leading-snug">{t(`role.${role}`)}</span>
                <span class="block text-sm text-gray-700 leading-snug">
                  {t(`staff_admin.edit.role_hint.${role}`)}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset class="mb-6" aria-describedby={describedBy("wards", errors.wards)}>
        <legend class="font-bold text-gray-900">{t("staff_admin.edit.wards")}</legend>
        <FieldHint name="wards" hint={t("staff_admin.edit.wards_hint")} />
        <FieldError name="wards" error={errors.wards && t(errors.wards)} />
        {CITY_CORPORATIONS.map((city) => {
          const cityWards = wards.filter((ward) => ward.city_corporation === city);
          const picked = cityWards.filter((ward) => values.wards.includes(String(ward.id))).length;
          return (
            <details open={picked > 0} class="mt-2 rounded-lg border border-gray-300 bg-white">
              <summary class="flex items-center min-h-[48px] px-3 font-bold cursor-pointer">
                {t(`complaint.city.${city}`)}
                {picked > 0 && (
                  <span class="ml-2 font-normal text-gray-700">
                    {t("staff_admin.edit.wards_chosen", { count: picked })}
                  </span>
                )}
              </summary>
              <fieldset class="px-3 pb-3">
                <legend class="sr-only">
                  {t("staff_admin.edit.city_wards", { city: t(`complaint.city.${city}`) })}
                </legend>
                <div class="grid grid-cols-4 gap-2 sm:grid-cols-6 md:grid-cols-8 xl:grid-cols-10">
                  {cityWards.map((ward) => (
                    <label class="relative block">
                      <input
                        type="checkbox"
                        name="wards"
                        value={String(ward.id)}
                        checked={values.wards.includes(String(ward.id))}
                        class={CONTROL}
                      />
                      <span class={`${CARD} leading-7`}>{localDigits(ward.number, locale)}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
            </details>
          );
        })}
      </fieldset>

      <p class="mb-4 text-gray-700 leading-relaxed">{t("staff_admin.edit.when")}</p>
      <button type="submit" class={`${BUTTON_PRIMARY} w-full sm:w-auto`}>{t("staff_admin.edit.save")}</button>
    </form>
  );
}
