/**
 * The audit log (super admins): every staff action, newest first, filtered from the URL (a plain GET form)
 * and paged by id. Each row says who did what to whom, when, and what it was before, in the reader's
 * language, with links to the complaint or the person.
 */
import { defineRoute } from "$fresh/server.ts";
import type { StaffState } from "@/lib/auth/guard.ts";
import { isAppRole } from "@/lib/auth/session.ts";
import { formatDate } from "@/lib/i18n/mod.ts";
import {
  actionChoices,
  AUDIT_FILTER_FIELDS,
  type AuditFilterErrors,
  type AuditFilterValues,
  type AuditPage,
  type AuditRow,
  describeAuditRow,
  readAuditFilters,
  readAuditLog,
} from "@/lib/staff/audit.ts";
import { personName } from "@/lib/staff/people.ts";
import { loadWards, type Ward, wardGroups, wardLabel } from "@/lib/wards.ts";
import { FormField, SelectField } from "@/components/FormField.tsx";
import { BUTTON_PRIMARY, BUTTON_SECONDARY, LINK, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";

export default defineRoute<StaffState>(async (_req, ctx) => {
  const { t } = ctx.state;
  const params = ctx.url.searchParams;
  const wards = await loadWards();
  const { values, errors, query } = await readAuditFilters(
    ctx.state.session,
    params,
    new Set(wards.map((ward) => ward.id)),
  );
  const page = query ? await readAuditLog(ctx.state.session, query) : null;
  const filtered = AUDIT_FILTER_FIELDS.some((field) => values[field]);
  const link = (before: number | null) => {
    const next = new URLSearchParams();
    for (const field of AUDIT_FILTER_FIELDS) if (values[field]) next.set(field, values[field]);
    if (before !== null) next.set("before", String(before));
    return next.size ? `/admin/audit?${next}` : "/admin/audit";
  };

  return (
    <>
      <PageTitle title={t("audit.title")} state={ctx.state} />
      <PageHeading title={t("audit.title")} lead={t("audit.lead")} />
      <Filters values={values} errors={errors} filtered={filtered} wards={wards} state={ctx.state} />
      {!page
        ? <Notice kind="error">{t("audit.fix_filters")}</Notice>
        : page.rows.length === 0
        ? <p class="text-gray-700">{t("audit.empty")}</p>
        : <Entries page={page} wards={wards} state={ctx.state} />}
      <nav class="mt-6 flex gap-6" aria-label={t("audit.title")}>
        {params.has("before") && <a href={link(null)} class={LINK}>{t("audit.newest")}</a>}
        {page?.next && <a href={link(page.next)} class={LINK}>{t("audit.older")}</a>}
      </nav>
    </>
  );
});

function Filters(
  { values, errors, filtered, wards, state }: {
    values: AuditFilterValues;
    errors: AuditFilterErrors;
    filtered: boolean;
    wards: readonly Ward[];
    state: StaffState;
  },
) {
  const { t, locale } = state;
  const error = (field: keyof AuditFilterErrors) => errors[field] && t(errors[field]);
  return (
    <form
      method="get"
      action="/admin/audit"
      aria-label={t("audit.filters")}
      class="mb-8 p-4 rounded-lg bg-white border border-gray-200 grid gap-x-4 md:grid-cols-2 xl:grid-cols-3"
    >
      <SelectField
        name="action"
        label={t("audit.filter.action")}
        groups={actionChoices(state)}
        placeholder={t("audit.filter.any_action")}
        value={values.action}
        error={error("action")}
      />
      <FormField
        name="actor"
        label={t("audit.filter.actor")}
        hint={t("audit.filter.actor_hint")}
        value={values.actor}
        error={error("actor")}
        autoComplete="off"
      />
      <FormField
        name="subject"
        label={t("audit.filter.subject")}
        hint={t("audit.filter.subject_hint")}
        value={values.subject}
        error={error("subject")}
        autoComplete="off"
      />
      <SelectField
        name="ward"
        label={t("audit.filter.ward")}
        groups={wardGroups(wards, t, locale)}
        placeholder={t("audit.filter.any_ward")}
        value={values.ward}
        error={error("ward")}
      />
      <FormField
        name="from"
        type="date"
        label={t("audit.filter.from")}
        value={values.from}
        error={error("from")}
      />
      <FormField name="to" type="date" label={t("audit.filter.to")} value={values.to} error={error("to")} />
      <div class="flex flex-col sm:flex-row gap-3 md:col-span-2 xl:col-span-3">
        <button type="submit" class={BUTTON_PRIMARY}>{t("audit.filter.show")}</button>
        {filtered && <a href="/admin/audit" class={BUTTON_SECONDARY}>{t("audit.filter.clear")}</a>}
      </div>
    </form>
  );
}

const ROW = "grid gap-1 md:gap-4 md:grid-cols-[11rem_14rem_1fr_15rem]";

function Entries({ page, wards, state }: { page: AuditPage; wards: readonly Ward[]; state: StaffState }) {
  const { t } = state;
  return (
    <div class="rounded-lg bg-white border border-gray-200">
      <div
        aria-hidden="true"
        class={`hidden md:grid ${ROW} px-4 py-2 border-b border-gray-200 text-sm font-bold text-gray-700`}
      >
        <span>{t("audit.column.when")}</span>
        <span>{t("audit.column.who")}</span>
        <span>{t("audit.column.what")}</span>
        <span>{t("audit.column.subject")}</span>
      </div>
      <ol class="divide-y divide-gray-200">
        {page.rows.map((row) => <Entry key={row.id} row={row} page={page} wards={wards} state={state} />)}
      </ol>
    </div>
  );
}

function Entry(
  { row, page, wards, state }: { row: AuditRow; page: AuditPage; wards: readonly Ward[]; state: StaffState },
) {
  const { t, locale } = state;
  const { what, details } = describeAuditRow(row, page, wards, state);
  const actor = row.actor_id ? page.people.get(row.actor_id) : undefined;
  const ward = row.action.startsWith("complaint.") ? wards.find((w) => w.id === row.ward_id) : undefined;
  return (
    <li class={`${ROW} px-4 py-3`} data-action={row.action} data-id={row.id}>
      <time datetime={row.at} class="text-sm text-gray-700">{formatDate(row.at, locale, "dateTime")}</time>
      <div>
        {row.actor_id
          ? (
            <a href={`/admin/staff/${row.actor_id}`} class={`${LINK} font-bold`}>
              {actor ? personName(actor, state) : t("audit.unknown_person")}
            </a>
          )
          : <span class="font-bold">{t("audit.system")}</span>}
        {isAppRole(row.actor_role) && (
          <span class="block text-sm text-gray-600">{t(`role.${row.actor_role}`)}</span>
        )}
      </div>
      <div>
        <p class="text-gray-900">{what}</p>
        {details.map((detail) => <p key={detail} class="mt-1 text-sm text-gray-700 break-words">{detail}</p>)}
      </div>
      <div>
        <Subject row={row} page={page} state={state} />
        {ward && <span class="block text-sm text-gray-600">{wardLabel(ward, t, locale)}</span>}
      </div>
    </li>
  );
}

function Subject({ row, page, state }: { row: AuditRow; page: AuditPage; state: StaffState }) {
  const { t } = state;
  if (row.action.startsWith("complaint.")) {
    const number = page.complaints.get(row.subject_id);
    return number
      ? <a href={`/admin/complaints/${row.subject_id}`} class={LINK}>{t("audit.complaint", { number })}</a>
      : <span>{t("audit.unknown_complaint")}</span>;
  }
  const person = page.people.get(row.subject_id);
  return (
    <a href={`/admin/staff/${row.subject_id}`} class={LINK}>
      {person ? personName(person, state) : t("audit.unknown_person")}
    </a>
  );
}
