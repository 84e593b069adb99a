/**
 * One person, for super admins: who they are now, and one form to give, change or take their role and ward
 * postings. Saved through PostgREST as the super admin, so the database decides; a refusal (their own row,
 * someone else's change meanwhile) comes back in words next to the form with what was chosen kept.
 */
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { StaffState } from "@/lib/auth/guard.ts";
import type { MessageKey } from "@/lib/i18n/mod.ts";
import { readForm } from "@/lib/http/body.ts";
import { redirect } from "@/lib/http/redirect.ts";
import {
  getPerson,
  isPostedRole,
  parseStaffForm,
  type Person,
  personName,
  saveStaffChange,
  type StaffFormErrors,
  type StaffFormValues,
} from "@/lib/staff/people.ts";
import { loadWards, type Ward } from "@/lib/wards.ts";
import { LINK, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";
import { PersonFacts } from "@/components/admin/PersonCard.tsx";
import { StaffRoleForm } from "@/components/admin/StaffRoleForm.tsx";

const DONE = { saved: "staff_admin.edit.saved", unchanged: "staff_admin.edit.unchanged" } as const;

interface PersonPageData {
  person: Person;
  wards: Ward[];
  values: StaffFormValues;
  errors: StaffFormErrors;
  refusal?: MessageKey;
}

/** The form as the person is now. */
function currentValues(person: Person): StaffFormValues {
  return { role: person.role, wards: isPostedRole(person.role) ? person.wards.map(String) : [] };
}

export const handler: Handlers<PersonPageData, StaffState> = {
  async GET(_req, ctx) {
    const [person, wards] = await Promise.all([getPerson(ctx.state.session, ctx.params.id), loadWards()]);
    if (!person) return ctx.renderNotFound();
    return ctx.render({ person, wards, values: currentValues(person), errors: {} });
  },

  async POST(req, ctx) {
    const { session } = ctx.state;
    const form = await readForm(req);
    const [person, wards] = await Promise.all([getPerson(session, ctx.params.id), loadWards()]);
    if (!person) return ctx.renderNotFound();
    const parsed = parseStaffForm(form, new Set(wards.map((ward) => ward.id)));
    if (!parsed.ok) {
      return ctx.render({ person, wards, values: parsed.values, errors: parsed.errors }, { status: 422 });
    }
    let outcome;
    try {
      outcome = await saveStaffChange(session, person, parsed.change);
    } catch (error) {
      console.error(error);
      const refusal = "staff_admin.error.save_failed";
      return ctx.render({ person, wards, values: parsed.values, errors: {}, refusal }, { status: 503 });
    }
    if (outcome.kind === "refused") {
      // What the database holds now, above the form; what was chosen, in it.
      const now = await getPerson(session, person.id) ?? person;
      const data = { person: now, wards, values: parsed.values, errors: {}, refusal: outcome.error };
      return ctx.render(data, { status: outcome.status });
    }
    return redirect(`/admin/staff/${person.id}?done=${outcome.kind}`);
  },
};

export default function PersonPage({ data, state, url }: PageProps<PersonPageData, StaffState>) {
  const { t } = state;
  const { person } = data;
  const name = personName(person, state);
  const done = url.searchParams.get("done");
  const self = person.id === state.session.user.id;
  return (
    <>
      <PageTitle title={name} state={state} />
      <p class="mb-4">
        <a href="/admin/staff" class={LINK}>{t("staff_admin.edit.back")}</a>
      </p>
      <PageHeading title={name} />
      <div class="grid gap-6 lg:grid-cols-[20rem_1fr] lg:items-start">
        <aside class="p-4 rounded-lg bg-white border border-gray-200" aria-label={t("staff_admin.edit.now")}>
          <PersonFacts person={person} wards={data.wards} state={state} />
          <ul class="mt-4 pt-3 border-t border-gray-200 space-y-2">
            <li>
              <a href={`/admin/audit?${new URLSearchParams({ subject: person.id })}`} class={LINK}>
                {t("staff_admin.edit.history")}
              </a>
            </li>
            <li>
              <a href={`/admin/audit?${new URLSearchParams({ actor: person.id })}`} class={LINK}>
                {t("staff_admin.edit.actions")}
              </a>
            </li>
          </ul>
        </aside>
        <section aria-labelledby="role-title">
          <h2 id="role-title" class="mb-3 text-xl font-bold">{t("staff_admin.edit.title")}</h2>
          {done === "saved" || done === "unchanged"
            ? (
              <Notice kind="info">
                {t(DONE[done])} {done === "saved" && t("staff_admin.edit.when")}
              </Notice>
            )
            : null}
          {self && <Notice kind="info">{t("staff_admin.edit.self")}</Notice>}
          <StaffRoleForm
            action={url.pathname}
            values={data.values}
            errors={data.errors}
            refusal={data.refusal}
            wards={data.wards}
            state={state}
          />
        </section>
      </div>
    </>
  );
}
