/**
 * A ward's emergency numbers and its duty phone (where SOS text messages go), kept by the ward's admins
 * and super admins; super admins also keep the national numbers (`?ward=city`). One ward at a time
 * (`?ward=`; a ward admin's first ward by default). Each number can be added, changed or removed with
 * plain forms (a change opens in a <details>, no JavaScript).
 */
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { StaffState } from "@/lib/auth/guard.ts";
import type { MessageKey } from "@/lib/i18n/mod.ts";
import { readForm } from "@/lib/http/body.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { displayPhone, normalizePhone } from "@/lib/phone.ts";
import {
  addContact,
  CONTACT_KINDS,
  type EmergencyContact,
  loadDutyPhones,
  loadWardContacts,
  parseContactForm,
  removeContact,
  saveDutyPhone,
  updateContact,
} from "@/lib/emergency/repository.ts";
import { loadWards, type Ward, wardLabel } from "@/lib/wards.ts";
import { WardChooser } from "@/components/WardChooser.tsx";
import { choosableWards, chosenWard } from "@/lib/staff/ward_choice.ts";
import { EmergencyNumbers } from "@/components/EmergencyNumbers.tsx";
import { INPUT, LabelledControl } from "@/components/FormField.tsx";
import { BUTTON_PRIMARY, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";
import { RemoveForm } from "@/components/RemoveForm.tsx";

interface DirectoryData {
  /** The ward kept here; null for the national numbers (super admins). */
  ward: Ward | null;
  choosable: Ward[];
  contacts: EmergencyContact[];
  dutyPhone: string | null;
  error?: MessageKey;
}

async function load(state: StaffState, url: URL): Promise<DirectoryData | null> {
  const choosable = choosableWards(state.session, await loadWards());
  const asked = url.searchParams.get("ward");
  if (asked === "city" && state.session.user.role === "super_admin") {
    return { ward: null, choosable, contacts: await loadWardContacts(null), dutyPhone: null };
  }
  const ward = chosenWard(choosable, asked);
  if (!ward) return null;
  const [contacts, duty] = await Promise.all([
    loadWardContacts(ward.id),
    loadDutyPhones(state.session, [ward.id]),
  ]);
  return { ward, choosable, contacts, dutyPhone: duty.get(ward.id) ?? null };
}

const wardParam = (ward: Ward | null) => ward ? String(ward.id) : "city";

export const handler: Handlers<DirectoryData, StaffState> = {
  async GET(_req, ctx) {
    const data = await load(ctx.state, ctx.url);
    return data ? ctx.render(data) : ctx.renderNotFound();
  },

  async POST(req, ctx) {
    const { session } = ctx.state;
    const form = await readForm(req);
    const data = await load(ctx.state, ctx.url);
    if (!data) return ctx.renderNotFound();
    const refuse = (error: MessageKey, status: number) => ctx.render({ ...data, error }, { status });
    const back = redirect(`/admin/emergency?ward=${wardParam(data.ward)}&saved=1`);
    const wardId = data.ward?.id ?? null;
    switch (form.get("action")) {
      case "duty": {
        const phone = normalizePhone(String(form.get("phone") ?? ""));
        if (wardId === null) return refuse("error.unreadable_form", 400);
        if (!phone.ok) return refuse("emergency.admin.error.mobile", 422);
        return await saveDutyPhone(session, wardId, phone.phone)
          ? back
          : refuse("emergency.admin.error.refused", 403);
      }
      case "add": {
        const parsed = parseContactForm(form, wardId === null);
        if (!parsed.ok) return refuse(parsed.error, 422);
        return await addContact(session, wardId, parsed.input)
          ? back
          : refuse("emergency.admin.error.refused", 403);
      }
      case "edit": {
        const parsed = parseContactForm(form, wardId === null);
        if (!parsed.ok) return refuse(parsed.error, 422);
        return await updateContact(session, wardId, Number(form.get("id")), parsed.input)
          ? back
          : refuse("emergency.admin.error.refused", 403);
      }
      case "remove":
        return await removeContact(session, Number(form.get("id")))
          ? back
          : refuse("emergency.admin.error.refused", 403);
      default:
        return refuse("error.unreadable_form", 400);
    }
  },
};

export default function DirectoryPage({ data, state, url }: PageProps<DirectoryData, StaffState>) {
  const { t, locale } = state;
  const action = `/admin/emergency?ward=${wardParam(data.ward)}`;
  const national = data.ward === null;
  return (
    <>
      <PageTitle title={t("emergency.admin.title")} state={state} />
      <PageHeading title={t("emergency.admin.title")} lead={t("emergency.admin.lead")} />
      {url.searchParams.has("saved") && <Notice kind="info">{t("emergency.admin.saved")}</Notice>}
      {data.error && <Notice kind="error">{t(data.error)}</Notice>}
      <WardChooser
        state={state}
        wards={data.choosable}
        selected={data.ward?.id ?? null}
        label="emergency.admin.ward"
        cityLabel={state.session.user.role === "super_admin" ? "emergency.admin.national" : undefined}
      />
      <h2 class="mb-3 text-xl font-bold">
        {data.ward ? wardLabel(data.ward, t, locale) : t("emergency.admin.national")}
      </h2>
      {national && <p class="mb-6 text-gray-700">{t("emergency.admin.national_lead")}</p>}

      {!national && (
        <form method="post" action={action} class="mb-8 p-4 rounded-lg bg-white border border-gray-200">
          <input type="hidden" name="action" value="duty" />
          <label class="block">
            <span class="block font-bold">{t("emergency.admin.duty_phone")}</span>
            <span class="block text-sm text-gray-600">
              {data.dutyPhone ? displayPhone(data.dutyPhone, locale) : t("emergency.admin.duty_phone_none")}
            </span>
            <input name="phone" type="tel" inputMode="tel" autoComplete="off" class={INPUT} />
          </label>
          <button type="submit" class={`${BUTTON_PRIMARY} mt-3`}>{t("emergency.admin.save_duty")}</button>
        </form>
      )}

      <EmergencyNumbers state={state} contacts={data.contacts} />
      <ul class="mt-2 space-y-1">
        {data.contacts.map((contact) => {
          const name = locale === "bn" ? contact.name_bn : contact.name_en;
          return (
            <li>
              <details class="rounded-lg border border-gray-200 bg-white">
                <summary class="min-h-[44px] px-3 py-2 cursor-pointer underline text-green-900">
                  {t("emergency.admin.edit")}: {name}
                </summary>
                <form method="post" action={action} class="p-3 space-y-3">
                  <input type="hidden" name="action" value="edit" />
                  <input type="hidden" name="id" value={contact.id} />
                  <ContactFields state={state} national={national} contact={contact} />
                  <button type="submit" class={BUTTON_PRIMARY}>{t("emergency.admin.save")}</button>
                </form>
              </details>
              <RemoveForm action={action} fields={{ action: "remove", id: contact.id }}>
                {t("emergency.admin.remove")}: {name}
              </RemoveForm>
            </li>
          );
        })}
      </ul>

      <form
        method="post"
        action={action}
        class="mt-8 p-4 rounded-lg bg-white border border-gray-200 space-y-3"
      >
        <h3 class="text-lg font-bold">{t("emergency.admin.add")}</h3>
        <input type="hidden" name="action" value="add" />
        <ContactFields state={state} national={national} />
        <button type="submit" class={BUTTON_PRIMARY}>{t("emergency.admin.add")}</button>
      </form>
    </>
  );
}

/** A contact's fields, empty to add one or filled with `contact` to change it; national numbers have no kind to pick. */
function ContactFields(
  { state: { t }, national, contact }: { state: StaffState; national: boolean; contact?: EmergencyContact },
) {
  return (
    <>
      {!national && (
        <LabelledControl label={t("emergency.admin.kind")}>
          <select name="kind" class={INPUT}>
            {CONTACT_KINDS.filter((kind) => kind !== "national").map((kind) => (
              <option value={kind} selected={contact?.kind === kind}>{t(`emergency.kind.${kind}`)}</option>
            ))}
          </select>
        </LabelledControl>
      )}
      <LabelledControl label={t("emergency.admin.name_bn")}>
        <input name="name_bn" maxLength={150} required value={contact?.name_bn} class={INPUT} />
      </LabelledControl>
      <LabelledControl label={t("emergency.admin.name_en")}>
        <input name="name_en" maxLength={150} required value={contact?.name_en} class={INPUT} lang="en" />
      </LabelledControl>
      <LabelledControl label={t("emergency.admin.phone")}>
        <input name="phone" type="tel" inputMode="tel" required value={contact?.phone} class={INPUT} />
      </LabelledControl>
      <LabelledControl label={t("emergency.admin.address")}>
        <input name="address_bn" maxLength={300} value={contact?.address_bn ?? ""} class={INPUT} />
      </LabelledControl>
    </>
  );
}
