/**
 * Staff management (super admins): find anyone by mobile number to open their page, and the current staff
 * by role and ward. Both are plain GET forms; what is listed is what RLS lets the super admin read.
 */
import { defineRoute } from "$fresh/server.ts";
import type { StaffState } from "@/lib/auth/guard.ts";
import { STAFF_ROLES } from "@/lib/auth/session.ts";
import { displayPhone } from "@/lib/phone.ts";
import { findByPhone, listStaff, type PhoneSearch, staffFilters } from "@/lib/staff/people.ts";
import { loadWards, type Ward, wardGroups } from "@/lib/wards.ts";
import { controlProps, Field, FormField, SelectField } from "@/components/FormField.tsx";
import { BUTTON_PRIMARY, BUTTON_SECONDARY, LINK, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";
import { PersonCard } from "@/components/admin/PersonCard.tsx";

export default defineRoute<StaffState>(async (_req, ctx) => {
  const { t, locale, session } = ctx.state;
  const params = ctx.url.searchParams;
  const typedPhone = params.get("phone")?.trim() ?? "";
  const wards = await loadWards();
  const filters = staffFilters(params, new Set(wards.map((ward) => ward.id)));
  const [search, list] = await Promise.all([
    typedPhone ? findByPhone(session, typedPhone) : null,
    listStaff(session, filters),
  ]);
  const pageLink = (page: number) => {
    const next = new URLSearchParams();
    if (filters.role) next.set("role", filters.role);
    if (filters.ward !== null) next.set("ward", String(filters.ward));
    if (page > 0) next.set("page", String(page));
    return `/admin/staff?${next}`;
  };
  const state = ctx.state;

  return (
    <>
      <PageTitle title={t("staff_admin.title")} state={state} />
      <PageHeading title={t("staff_admin.title")} lead={t("staff_admin.lead")} />

      <section aria-labelledby="search-title" class="mb-10 max-w-2xl">
        <h2 id="search-title" class="mb-3 text-xl font-bold">{t("staff_admin.search.title")}</h2>
        <form method="get" action="/admin/staff" class="sm:flex sm:items-end sm:gap-3" role="search">
          <div class="sm:flex-1">
            <FormField
              name="phone"
              label={t("staff_admin.search.phone")}
              hint={t("staff_admin.search.hint")}
              error={search?.kind === "invalid" ? t(search.error) : undefined}
              value={typedPhone}
              type="tel"
              inputMode="tel"
              autoComplete="off"
            />
          </div>
          <button type="submit" class={`${BUTTON_PRIMARY} w-full sm:w-auto mb-5`}>
            {t("staff_admin.search.submit")}
          </button>
        </form>
        {search && <SearchResult search={search} state={state} wards={wards} />}
      </section>

      <section aria-labelledby="list-title">
        <h2 id="list-title" class="mb-3 text-xl font-bold">{t("staff_admin.list.title")}</h2>
        <form
          method="get"
          action="/admin/staff"
          aria-label={t("staff_admin.list.filters")}
          class="grid gap-x-3 md:grid-cols-[1fr_1fr_auto] md:items-end max-w-4xl"
        >
          <Field name="role" label={t("staff_admin.list.role")} class="mb-5">
            <select {...controlProps({ name: "role" })}>
              <option value="">{t("staff_admin.list.any_role")}</option>
              {STAFF_ROLES.map((role) => (
                <option value={role} selected={filters.role === role}>{t(`role.${role}`)}</option>
              ))}
            </select>
          </Field>
          <SelectField
            name="ward"
            label={t("staff_admin.list.ward")}
            groups={wardGroups(wards, t, locale)}
            placeholder={t("staff_admin.list.any_ward")}
            value={filters.ward === null ? "" : String(filters.ward)}
          />
          <div class="flex gap-3 mb-5">
            <button type="submit" class={`${BUTTON_PRIMARY} flex-1`}>{t("staff_admin.list.show")}</button>
            {(filters.role || filters.ward !== null) && (
              <a href="/admin/staff" class={`${BUTTON_SECONDARY} flex-1`}>{t("staff_admin.list.clear")}</a>
            )}
          </div>
        </form>

        {list.people.length === 0
          ? <p class="text-gray-700">{t("staff_admin.list.empty")}</p>
          : (
            <ul class="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
              {list.people.map((person) => (
                <li>
                  <PersonCard person={person} wards={wards} state={state} />
                </li>
              ))}
            </ul>
          )}
        <nav class="mt-6 flex gap-6" aria-label={t("staff_admin.list.title")}>
          {filters.page > 0 && (
            <a href={pageLink(filters.page - 1)} class={LINK}>{t("staff_admin.list.previous")}</a>
          )}
          {list.more && <a href={pageLink(filters.page + 1)} class={LINK}>{t("staff_admin.list.next")}</a>}
        </nav>
      </section>
    </>
  );
});

function SearchResult(
  { search, state, wards }: {
    search: PhoneSearch;
    state: StaffState;
    wards: readonly Ward[];
  },
) {
  const { t, locale } = state;
  if (search.kind === "invalid") return null;
  if (search.kind === "not_found") {
    return (
      <Notice kind="info">
        {t("staff_admin.search.not_found", { phone: displayPhone(search.phone, locale) })}
      </Notice>
    );
  }
  return (
    <div role="status">
      <p class="mb-2 text-gray-700">{t("staff_admin.search.found")}</p>
      <PersonCard person={search.person} wards={wards} state={state} />
    </div>
  );
}
