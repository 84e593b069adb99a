/**
 * The dashboard's period and filters as a GET form, so every view has its own URL and works without
 * JavaScript: a preset period or dates, a ward (when the viewer has more than one) and a category.
 */
import type { AppState } from "@/lib/state.ts";
import { type Choice, controlProps, Field, type OptionGroup } from "@/components/FormField.tsx";
import { BUTTON_PRIMARY } from "@/components/ui.tsx";
import { type DashboardField, PERIOD_PRESETS } from "@/lib/staff/dashboard_query.ts";

export interface DashboardFiltersProps {
  state: AppState;
  /** What the fields show: the query shown, or what was typed when it had mistakes. */
  values: Record<DashboardField, string>;
  errors: Partial<Record<DashboardField, string>>;
  /** The wards the viewer may choose; no ward field for one ward or none. */
  wardGroups: OptionGroup[];
  categories: Choice[];
}

export function DashboardFilters({ state, values, errors, wardGroups, categories }: DashboardFiltersProps) {
  const { t } = state;
  const field = (name: DashboardField, label: string) => ({ name, label, error: errors[name] });
  const control = (name: DashboardField) => controlProps({ name, error: errors[name] });
  /** The dates' hint, below the form, describes both date fields. */
  const dateControl = (name: "from" | "to") => {
    const props = control(name);
    return {
      ...props,
      "aria-describedby": [props["aria-describedby"], "dates-hint"].filter(Boolean).join(" "),
    };
  };
  const wardCount = wardGroups.reduce((count, group) => count + group.options.length, 0);
  const periods: Choice[] = [
    ...PERIOD_PRESETS.map((preset) => ({ value: preset, label: t(`dashboard.period.${preset}`) })),
    { value: "custom", label: t("dashboard.period.custom") },
  ];
  return (
    <form
      method="get"
      action="/admin"
      aria-labelledby="filters-heading"
      class="p-4 rounded-xl bg-white border border-gray-200"
    >
      <h2 id="filters-heading" class="sr-only">{t("dashboard.filters")}</h2>
      <div class="grid gap-4 sm:grid-cols-2 xl:grid-cols-[1.2fr_1fr_1fr_1.2fr_1.2fr_auto] items-end">
        <Field {...field("period", t("dashboard.period"))}>
          <select {...control("period")}>
            {periods.map((option) => (
              <option value={option.value} selected={option.value === values.period}>{option.label}</option>
            ))}
          </select>
        </Field>
        <Field {...field("from", t("dashboard.from"))}>
          <input type="date" value={values.from} {...dateControl("from")} />
        </Field>
        <Field {...field("to", t("dashboard.to"))}>
          <input type="date" value={values.to} {...dateControl("to")} />
        </Field>
        {wardCount > 1 && (
          <Field {...field("ward", t("dashboard.ward"))}>
            <select {...control("ward")}>
              <option value="">{t("dashboard.ward_all")}</option>
              {wardGroups.filter((group) => group.options.length > 0).map((group) => (
                <optgroup label={group.label}>
                  {group.options.map((option) => (
                    <option value={option.value} selected={option.value === values.ward}>
                      {option.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </Field>
        )}
        <Field {...field("category", t("dashboard.category"))}>
          <select {...control("category")}>
            <option value="">{t("dashboard.category_all")}</option>
            {categories.map((option) => (
              <option value={option.value} selected={option.value === values.category}>{option.label}</option>
            ))}
          </select>
        </Field>
        <button type="submit" class={`${BUTTON_PRIMARY} w-full`}>{t("dashboard.show")}</button>
      </div>
      <p id="dates-hint" class="mt-2 text-sm text-gray-600">{t("dashboard.dates_hint")}</p>
    </form>
  );
}
