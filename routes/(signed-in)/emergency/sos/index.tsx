/**
 * Send an SOS: what is happening and in which ward (the home ward chosen already), the device's location
 * when the person shares it, a few words. A plain form post; on success the SOS's own page, which follows
 * it live. The form carries the report's id, so a double tap or a retry sends it once.
 */
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { islandMessages } from "@/lib/i18n/mod.ts";
import { readForm } from "@/lib/http/body.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { getProfile } from "@/lib/profile.ts";
import { formStrings } from "@/lib/validation.ts";
import {
  parseSosForm,
  sendSos,
  SOS_FIELDS,
  SOS_KINDS,
  type SosErrors,
  type SosFormValues,
} from "@/lib/emergency/repository.ts";
import { loadWards, type Ward, wardGroups } from "@/lib/wards.ts";
import { Field, FieldError, SelectField } from "@/components/FormField.tsx";
import { controlProps } from "@/components/FormField.tsx";
import { LifeDanger } from "@/components/emergency/LifeDanger.tsx";
import ShareLocation from "@/islands/ShareLocation.tsx";
import { Notice, PageHeading, PageTitle } from "@/components/ui.tsx";

interface SosPageData {
  values: SosFormValues;
  errors: SosErrors;
  wards: Ward[];
}

export const handler: Handlers<SosPageData, SignedInState> = {
  async GET(_req, ctx) {
    const [wards, profile] = await Promise.all([
      loadWards(),
      getProfile(ctx.state.session).catch(() => null),
    ]);
    const values: SosFormValues = {
      id: crypto.randomUUID(),
      kind: "",
      ward_id: String(profile?.ward_id ?? ""),
      latitude: "",
      longitude: "",
      details: "",
    };
    return ctx.render({ values, errors: {}, wards });
  },

  async POST(req, ctx) {
    const [form, wards] = await Promise.all([readForm(req), loadWards()]);
    const values = formStrings(form, SOS_FIELDS);
    const parsed = parseSosForm(values, new Set(wards.map((ward) => ward.id)));
    if (!parsed.ok) return ctx.render({ values, errors: parsed.errors, wards }, { status: 422 });
    const sent = await sendSos(ctx.state.session, parsed.input);
    if (!sent.ok) {
      const status = sent.errors.form === "sos.error.too_many" ? 429 : 422;
      return ctx.render({ values, errors: sent.errors, wards }, { status });
    }
    return redirect(`/emergency/sos/${sent.id}?sent=1`);
  },
};

export default function SosPage({ data, state }: PageProps<SosPageData, SignedInState>) {
  const { t, locale } = state;
  const { values, errors } = data;
  const message = (field: keyof SosErrors) => errors[field] && t(errors[field]!);
  return (
    <>
      <PageTitle title={t("emergency.sos_title")} state={state} />
      <PageHeading title={t("emergency.sos_title")} lead={t("emergency.sos_lead")} />
      <LifeDanger state={state} />
      <form method="post" novalidate>
        {Object.keys(errors).length > 0 && (
          <Notice kind="error">{message("form") ?? t("sos.error.summary")}</Notice>
        )}
        <input type="hidden" name="id" value={values.id} />
        <fieldset class="mb-5" aria-describedby={errors.kind ? "field-kind-error" : undefined}>
          <legend class="font-bold text-lg">{t("sos.kind")}</legend>
          <FieldError name="kind" error={message("kind")} />
          <div class="mt-2 grid gap-2 sm:grid-cols-2">
            {SOS_KINDS.map((kind) => (
              <label class="flex items-center gap-3 min-h-[52px] px-3 rounded-lg border-2 border-gray-300 bg-white">
                <input
                  type="radio"
                  name="kind"
                  value={kind}
                  checked={values.kind === kind}
                  class="w-5 h-5"
                  required
                />
                <span class="text-lg">{t(`sos.kind.${kind}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <SelectField
          name="ward_id"
          label={t("sos.ward")}
          placeholder={t("sos.ward_placeholder")}
          value={values.ward_id}
          error={message("ward_id")}
          groups={wardGroups(data.wards, t, locale)}
        />
        <FieldError name="latitude" error={message("latitude")} />
        <ShareLocation
          locale={locale}
          messages={islandMessages(locale, ["sos.location", "sos.location_added", "sos.location_failed"])}
        />
        <Field
          name="details"
          label={t("sos.details")}
          optionalLabel={t("sos.optional")}
          error={message("details")}
          class="mb-6"
        >
          <textarea
            {...controlProps({ name: "details", error: message("details") }, "min-h-[96px] py-2")}
            rows={3}
            maxLength={500}
          >
            {values.details}
          </textarea>
        </Field>
        <button
          type="submit"
          class="inline-flex items-center justify-center w-full min-h-[56px] px-5 rounded-lg bg-red-700 hover:bg-red-800 text-white text-xl font-bold"
        >
          {t("sos.send")}
        </button>
      </form>
    </>
  );
}
