/**
 * The queue's complaints: a table at a desk's width, the same table stacked into one card per complaint on
 * a phone (each value then labelled in the card; explicit roles keep it a table for screen readers). Each
 * complaint links to its workspace; overdue and reopened ones say so in words, colour only helps.
 */
import type { Locale, Translate } from "@/lib/i18n/mod.ts";
import type { Category } from "@/lib/complaints/model.ts";
import { categoryName } from "@/lib/complaints/labels.ts";
import { type Ward, wardName } from "@/lib/wards.ts";
import type { QueueRow } from "@/lib/staff/queue.ts";
import { QUEUE_PATH, type QueueSort } from "@/lib/staff/queue_query.ts";
import { StatusBadge } from "@/components/complaints/StatusBadge.tsx";
import type { ComponentChildren } from "preact";
import { DateTime } from "@/components/DateTime.tsx";

/** "ওয়ার্ড ১২, ঢাকা উত্তর": short enough for a table cell or a picker. */
export function shortWardLabel(
  ward: Pick<Ward, "city_corporation" | "name_bn" | "name_en">,
  t: Translate,
  locale: Locale,
): string {
  return t(`queue.ward_in.${ward.city_corporation}`, { ward: wardName(ward, locale) });
}

const PRIORITY_STYLES = { high: "text-red-800 font-bold", medium: "text-gray-900", low: "text-gray-600" };

export interface QueueTableProps {
  rows: QueueRow[];
  sort: QueueSort;
  categories: Category[];
  t: Translate;
  locale: Locale;
}

export function QueueTable({ rows, sort, categories, t, locale }: QueueTableProps) {
  const columns = [
    "complaint",
    "status",
    "priority",
    "category",
    "ward",
    "assignee",
    "filed",
    "deadline",
  ] as const;
  return (
    <table role="table" class="block md:table w-full text-left md:bg-white md:border md:border-gray-200">
      <caption class="sr-only">{t("queue.list.caption", { sort: t(`queue.sort.${sort}`) })}</caption>
      <thead role="rowgroup" class="hidden md:table-header-group bg-gray-100">
        <tr role="row">
          {columns.map((column) => (
            <th
              role="columnheader"
              scope="col"
              class="px-3 py-2 text-sm font-bold text-gray-700 whitespace-nowrap"
            >
              {t(`queue.column.${column}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup" class="block md:table-row-group space-y-3 md:space-y-0">
        {rows.map((row) => (
          <QueueTableRow key={row.id} row={row} categories={categories} t={t} locale={locale} />
        ))}
      </tbody>
    </table>
  );
}

function QueueTableRow(
  { row, categories, t, locale }: { row: QueueRow; categories: Category[]; t: Translate; locale: Locale },
) {
  const category = categories.find((item) => item.code === row.category);
  return (
    <tr
      role="row"
      data-complaint={row.tracking_number}
      class={`relative grid grid-cols-2 gap-x-4 gap-y-2 p-3 rounded-lg border border-gray-200 bg-white hover:bg-green-50 md:table-row md:p-0 md:rounded-none md:border-0 md:border-t ${
        row.is_overdue ? "border-l-4 border-l-red-700" : ""
      }`}
    >
      <td role="cell" class="col-span-2 mb-1 md:mb-0 md:px-3 md:py-3 md:align-top md:min-w-[16rem]">
        <p class="flex flex-wrap items-center gap-2">
          <span class="font-mono text-sm text-gray-700">{row.tracking_number}</span>
          {row.is_overdue && <Badge style="bg-red-700 text-white">{t("queue.badge.overdue")}</Badge>}
          {row.reopened_count > 0 && (
            <Badge style="bg-amber-100 text-amber-900 border border-amber-400">
              {row.reopened_count > 1
                ? t("queue.badge.reopened_times", { count: row.reopened_count })
                : t("queue.badge.reopened")}
            </Badge>
          )}
        </p>
        <a
          href={`${QUEUE_PATH}/${row.id}`}
          class="block mt-1 text-lg md:text-base font-bold text-gray-900 leading-snug hover:underline after:absolute after:inset-0"
        >
          {row.title}
        </a>
        {row.location && <p class="mt-0.5 text-sm text-gray-700">{row.location}</p>}
      </td>
      <Cell label={t("queue.column.status")}>
        <StatusBadge status={row.status} label={t(`complaint.status.${row.status}`)} />
      </Cell>
      <Cell label={t("queue.column.priority")}>
        <span class={PRIORITY_STYLES[row.priority]}>{t(`queue.priority.${row.priority}`)}</span>
      </Cell>
      <Cell label={t("queue.column.category")}>{categoryName(category, row.category, locale)}</Cell>
      <Cell label={t("queue.column.ward")} nowrap>
        {row.ward_city_corporation && row.ward_name_bn && row.ward_name_en
          ? shortWardLabel(
            {
              city_corporation: row.ward_city_corporation,
              name_bn: row.ward_name_bn,
              name_en: row.ward_name_en,
            },
            t,
            locale,
          )
          : "—"}
      </Cell>
      <Cell label={t("queue.column.assignee")} wide>
        {row.assignee_name ?? <span class="text-gray-600">{t("queue.unassigned")}</span>}
      </Cell>
      <Cell label={t("queue.column.filed")}>
        <DateTime at={row.created_at} locale={locale} />
      </Cell>
      <Cell label={t("queue.column.deadline")}>
        {row.deadline_at
          ? (
            <DateTime
              at={row.deadline_at}
              locale={locale}
              class={row.is_overdue ? "font-bold text-red-800" : undefined}
            />
          )
          : t("queue.no_deadline")}
      </Cell>
    </tr>
  );
}

/**
 * A table cell; on a phone, where the table's header is hidden, with its column's name above the value,
 * across the card when `wide`. `nowrap` keeps a short value on one line at a desk's width.
 */
function Cell(
  { label, wide, nowrap, children }: {
    label: string;
    wide?: boolean;
    nowrap?: boolean;
    children: ComponentChildren;
  },
) {
  return (
    <td
      role="cell"
      class={`md:px-3 md:py-3 md:align-top text-gray-900 ${wide ? "col-span-2" : ""} ${
        nowrap ? "md:whitespace-nowrap" : ""
      }`}
    >
      <span class="block text-sm text-gray-600 md:hidden">{label}</span>
      {children}
    </td>
  );
}

function Badge({ style, children }: { style: string; children: ComponentChildren }) {
  return <span class={`inline-block px-2 py-0.5 rounded-full text-sm font-bold ${style}`}>{children}</span>;
}
