/**
 * The queue's search and filters: one GET form, so every choice lands in the URL and works without
 * JavaScript. Search is always in view; the filters in force show as chips that each remove theirs, and
 * the controls to change them sit in a disclosure (open when one of them needs correcting).
 */
import type { StaffState } from "@/lib/auth/guard.ts";
import { formatDate, localDigits, type MessageKey } from "@/lib/i18n/mod.ts";
import type { Category } from "@/lib/complaints/model.ts";
import { COMPLAINT_PRIORITIES } from "@/lib/complaints/model.ts";
import { categoryName } from "@/lib/complaints/labels.ts";
import { type Ward, wardGroups } from "@/lib/wards.ts";
import type { Assignee } from "@/lib/staff/queue.ts";
import {
  activeFilterCount,
  FILTER_FIELDS,
  type FilterField,
  QUEUE_PATH,
  type QueueErrors,
  queueHref,
  type QueueQuery,
  type QueueValues,
  SEARCH_MAX,
  UNASSIGNED,
} from "@/lib/staff/queue_query.ts";
import { controlProps, Field, FormField, type OptionGroup, SelectField } from "@/components/FormField.tsx";
import { BUTTON_PRIMARY, BUTTON_SECONDARY } from "@/components/ui.tsx";
import { Icon } from "@/components/Icon.tsx";
import { shortWardLabel } from "./QueueTable.tsx";

export interface QueueFiltersProps {
  state: StaffState;
  query: QueueQuery;
  values: QueueValues;
  errors: QueueErrors;
  categories: Category[];
  /** The wards the person may filter by. */
  wards: Ward[];
  /** Empty: no assignee filter (service providers see only their own). */
  assignees: Assignee[];
}

export function QueueFilters(props: QueueFiltersProps) {
  const { state, query, values, errors, categories, wards, assignees } = props;
  const { t, locale } = state;
  const message = (field: keyof QueueErrors) => errors[field] && t(errors[field]);
  const active = activeFilterCount(query);
  const wardChoices: OptionGroup[] = state.session.user.role === "super_admin"
    ? wardGroups(wards, t, locale)
    : [{
      options: wards.map((ward) => ({ value: String(ward.id), label: shortWardLabel(ward, t, locale) })),
    }];
  const searchField = {
    name: "q",
    label: t("queue.search.label"),
    hint: t("queue.search.hint"),
    error: message("q"),
  };
  const search = controlProps(searchField);

  return (
    <form method="get" action={QUEUE_PATH} role="search" class="mb-4">
      {/* The tab and the order stay as they are when the filters change (unless the URL got them wrong). */}
      {values.status && !errors.status && <input type="hidden" name="status" value={values.status} />}
      {values.sort && !errors.sort && <input type="hidden" name="sort" value={values.sort} />}

      <Field {...searchField} class="mb-3">
        <div class="flex gap-2">
          <input
            {...search}
            type="search"
            value={values.q}
            maxLength={SEARCH_MAX}
            enterKeyHint="search"
            class={`${search.class} flex-1 min-w-0`}
          />
          <button type="submit" class={`${BUTTON_PRIMARY} mt-1 shrink-0`}>
            <Icon name="search" class="w-5 h-5" />
            <span class="sr-only sm:not-sr-only">{t("queue.search.submit")}</span>
          </button>
        </div>
      </Field>

      <ActiveFilters {...props} />

      <details
        open={Object.keys(errors).length > 0}
        class="rounded-lg border border-gray-200 bg-white"
      >
        <summary class="min-h-[48px] px-4 flex items-center font-bold text-green-900 cursor-pointer">
          {active > 0 ? t("queue.filters_active", { count: active }) : t("queue.filters")}
        </summary>
        <div class="px-4 pt-2 pb-4 border-t border-gray-200">
          <div class="grid grid-cols-1 sm:grid-cols-2 lg:grid-cols-4 gap-x-4">
            <SelectField
              name="category"
              label={t("queue.filter.category")}
              placeholder={t("queue.filter.any_category")}
              value={values.category}
              error={message("category")}
              groups={[{
                options: categories.map((category) => ({
                  value: category.code,
                  label: categoryName(category, category.code, locale),
                })),
              }]}
            />
            {wards.length > 1 && (
              <SelectField
                name="ward"
                label={t("queue.filter.ward")}
                placeholder={t("queue.filter.any_ward")}
                value={values.ward}
                error={message("ward")}
                groups={wardChoices}
              />
            )}
            <SelectField
              name="priority"
              label={t("queue.filter.priority")}
              placeholder={t("queue.filter.any_priority")}
              value={values.priority}
              error={message("priority")}
              groups={[{
                options: COMPLAINT_PRIORITIES.map((level) => ({
                  value: level,
                  label: t(`queue.priority.${level}`),
                })),
              }]}
            />
            {assignees.length > 0 && (
              <SelectField
                name="assignee"
                label={t("queue.filter.assignee")}
                placeholder={t("queue.filter.any_assignee")}
                value={values.assignee}
                error={message("assignee")}
                groups={[{
                  options: [
                    { value: UNASSIGNED, label: t("queue.filter.unassigned") },
                    ...assignees.map((person) => ({ value: person.id, label: person.name })),
                  ],
                }]}
              />
            )}
            <FormField
              type="date"
              name="from"
              label={t("queue.filter.from")}
              value={values.from}
              error={message("from")}
            />
            <FormField
              type="date"
              name="to"
              label={t("queue.filter.to")}
              value={values.to}
              error={message("to")}
            />
            <label class="flex items-center gap-3 min-h-[48px] mb-5 self-end font-bold text-gray-900">
              <input
                type="checkbox"
                name="overdue"
                value="1"
                checked={values.overdue === "1"}
                class="w-6 h-6 shrink-0 accent-green-700"
              />
              {t("queue.filter.overdue")}
            </label>
            <div class="flex flex-wrap gap-3 mb-1 sm:mb-5 self-end">
              <button type="submit" class={BUTTON_PRIMARY}>{t("queue.filter.apply")}</button>
              {active > 0 && (
                <a
                  href={queueHref({ status: query.status, q: query.q, sort: query.sort, overdue: false })}
                  class={BUTTON_SECONDARY}
                >
                  {t("queue.filter.clear")}
                </a>
              )}
            </div>
          </div>
        </div>
      </details>
    </form>
  );
}

/** The filters in force as chips, each a link to the queue without it. */
function ActiveFilters({ state: { t, locale }, query, categories, wards, assignees }: QueueFiltersProps) {
  const day = (date: string) => formatDate(`${date}T00:00:00+06:00`, locale);
  const chip = (filter: MessageKey, value: string) => `${t(filter)}: ${value}`;
  const ward = wards.find((item) => item.id === query.ward);
  const labels: Record<FilterField, string | undefined> = {
    category: query.category &&
      chip(
        "queue.filter.category",
        categoryName(categories.find((item) => item.code === query.category), query.category, locale),
      ),
    ward: query.ward === undefined
      ? undefined
      : ward
      ? shortWardLabel(ward, t, locale)
      : chip("queue.filter.ward", localDigits(query.ward, locale)),
    priority: query.priority && chip("queue.filter.priority", t(`queue.priority.${query.priority}`)),
    assignee: query.assignee === UNASSIGNED ? t("queue.filter.unassigned") : query.assignee &&
      chip("queue.filter.assignee", assignees.find((person) => person.id === query.assignee)?.name ?? "?"),
    from: query.from && chip("queue.filter.from", day(query.from)),
    to: query.to && chip("queue.filter.to", day(query.to)),
    overdue: query.overdue ? t("queue.badge.overdue") : undefined,
  };
  const chips = FILTER_FIELDS.flatMap((field) => labels[field] ? [{ field, label: labels[field] }] : []);
  if (chips.length === 0) return null;
  return (
    <ul aria-label={t("queue.filter.on")} class="mb-3 flex flex-wrap gap-2">
      {chips.map(({ field, label }) => (
        <li key={field}>
          <a
            href={queueHref(query, field === "overdue" ? { overdue: false } : { [field]: undefined })}
            aria-label={t("queue.filter.remove", { filter: label })}
            class="inline-flex items-center gap-2 min-h-[44px] pl-4 pr-3 rounded-full border border-green-700 bg-green-50 text-green-900 hover:bg-green-100"
          >
            {label}
            <Icon name="close" class="w-4 h-4" />
          </a>
        </li>
      ))}
    </ul>
  );
}
