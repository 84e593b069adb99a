/** A person as staff management shows them: name (a link to their page), mobile number, role and wards. */
import type { ComponentChildren } from "preact";
import type { AppState } from "@/lib/state.ts";
import { displayPhone } from "@/lib/phone.ts";
import { type Person, personName } from "@/lib/staff/people.ts";
import { type Ward, wardLabel } from "@/lib/wards.ts";
import { LINK } from "@/components/ui.tsx";

/** The person's phone, role and wards as a description list (on their card and atop their page). */
export function PersonFacts(
  { person, wards, state }: { person: Person; wards: readonly Ward[]; state: AppState },
) {
  const { t, locale } = state;
  const posted = wards.filter((ward) => person.wards.includes(ward.id));
  const postings = person.role === "super_admin" ? t("staff_admin.person.all_wards") : posted.length
    ? (
      <ul>
        {posted.map((ward) => <li key={ward.id}>{wardLabel(ward, t, locale)}</li>)}
      </ul>
    )
    : <span class="text-gray-600">{t("staff_admin.person.no_wards")}</span>;
  const rows: [string, ComponentChildren][] = [
    [t("staff_admin.person.phone"), person.phone ? displayPhone(person.phone, locale) : "—"],
    [t("staff_admin.person.role"), t(`role.${person.role}`)],
  ];
  // Citizens work in no ward; staff's wards say where they work.
  if (person.role !== "citizen") rows.push([t("staff_admin.person.wards"), postings]);
  return (
    <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
      {rows.map(([label, value]) => (
        <>
          <dt class="text-sm text-gray-600 pt-0.5">{label}</dt>
          <dd class="text-gray-900 break-words">{value}</dd>
        </>
      ))}
    </dl>
  );
}

export function PersonCard(
  { person, wards, state }: { person: Person; wards: readonly Ward[]; state: AppState },
) {
  return (
    <div class="h-full p-4 rounded-lg bg-white border border-gray-200">
      <h3 class="mb-2 text-lg font-bold">
        <a href={`/admin/staff/${person.id}`} class={LINK}>{personName(person, state)}</a>
      </h3>
      <PersonFacts person={person} wards={wards} state={state} />
    </div>
  );
}
