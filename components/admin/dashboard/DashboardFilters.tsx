/**
 * The dashboard's period and filters as a GET form, so every view has its own URL and works without
 * JavaScript: a preset period or dates, a ward (when the viewer has more than one) and a category. The
 * date fields show only while "choose dates" is selected (CSS :has, so without JavaScript too; browsers
 * without :has simply always show them).
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

/** Hides #filter-dates while the period select has a preset chosen. */
const DATES_ONLY_WHEN_CHOSEN =
  "[&:has(#field-period_option[value=custom]:not(:checked))_#filter-dates]:hidden";

export function DashboardFilters({ state, values, errors, wardGroups, categories }: DashboardFiltersProps) {
  const { t } = state;
  const field = (name: DashboardField, label: string) => ({ name, label, error: errors[name] });
  const control = (name: DashboardField) => controlProps({ name, error: errors[name] });
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
      class={`p-3 sm:p-4 rounded-xl bg-white border border-gray-200 ${DATES_ONLY_WHEN_CHOSEN}`}
    >
      <h2 id="filters-heading" class="sr-only">{t("dashboard.filters")}</h2>
      <div class="grid grid-cols-2 gap-3 items-end lg:flex">
        <Field {...field("period", t("dashboard.period"))} class="col-span-2 lg:flex-[1.3]">
          <select {...control("period")}>
            {periods.map((option) => (
              <option value={option.value} selected={option.value === values.period}>{option.label}</option>
            ))}
          </select>
        </Field>
        <div id="filter-dates" class="col-span-2 grid gap-3 sm:grid-cols-2 lg:flex-[2]">
          <Field {...field("from", t("dashboard.from"))}>
            <input type="date" value={values.from} {...control("from")} />
          </Field>
          <Field {...field("to", t("dashboard.to"))}>
            <input type="date" value={values.to} {...control("to")} />
          </Field>
        </div>
        {wardCount > 1 && (
          <Field {...field("ward", t("dashboard.ward"))} class="lg:flex-1">
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
        <Field
          {...field("category", t("dashboard.category"))}
          class={wardCount > 1 ? "lg:flex-1" : "col-span-2 lg:flex-1"}
        >
          <select {...control("category")}>
            <option value="">{t("dashboard.category_all")}</option>
            {categories.map((option) => (
              <option value={option.value} selected={option.value === values.category}>{option.label}</option>
            ))}
          </select>
        </Field>
        <button type="submit" class={`${BUTTON_PRIMARY} col-span-2 lg:flex-none`}>
          {t("dashboard.show")}
        </button>
      </div>
    </form>
  );
}
