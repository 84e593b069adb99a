/**
 * The profile form: first sign-in lands here (name required; NID, ward and address optional), and the
 * account page links here to edit. Saved through PostgREST as the person themselves.
 */
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import {
  getProfile,
  parseProfileForm,
  type Profile,
  PROFILE_LIMITS,
  type ProfileErrors,
  type ProfileField,
  type ProfileFormValues,
  updateProfile,
} from "@/lib/profile.ts";
import { localDigits } from "@/lib/i18n/mod.ts";
import type { MessageKey } from "@/lib/i18n/translate.ts";
import { redirect, safeLocalPath } from "@/lib/http/redirect.ts";
import { loadWards, type Ward, wardGroups } from "@/lib/wards.ts";
import { FormField, SelectField } from "@/components/FormField.tsx";
import { BUTTON_PRIMARY, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";
import { readForm } from "@/lib/http/body.ts";

interface OnboardingData {
  /** False on first sign-in (no name yet). */
  editing: boolean;
  values: ProfileFormValues;
  errors: ProfileErrors;
  wards: Ward[];
  saveFailed?: boolean;
}

function formValues(profile: Profile | null, locale: SignedInState["locale"]): ProfileFormValues {
  return {
    full_name: profile?.full_name ?? "",
    nid: profile?.nid ? localDigits(profile.nid, locale) : "",
    ward_id: profile?.ward_id ? String(profile.ward_id) : "",
    address: profile?.address ?? "",
  };
}

export const handler: Handlers<OnboardingData, SignedInState> = {
  async GET(_req, ctx) {
    const { session } = ctx.state;
    const [profile, wards] = await Promise.all([getProfile(session), loadWards()]);
    return ctx.render({
      editing: Boolean(profile?.full_name),
      values: formValues(profile, ctx.state.locale),
      errors: {},
      wards,
    });
  },

  async POST(req, ctx) {
    const url = new URL(req.url);
    const { session } = ctx.state;
    const form = await readForm(req);
    const editing = form.get("editing") === "1";
    const wards = await loadWards();
    const parsed = parseProfileForm(form, ctx.state.locale, new Set(wards.map((ward) => ward.id)));
    if (!parsed.ok) {
      return ctx.render({ editing, values: parsed.values, errors: parsed.errors, wards }, { status: 422 });
    }
    try {
      await updateProfile(session, parsed.input);
    } catch (error) {
      console.error(error);
      return ctx.render({ editing, values: parsed.values, errors: {}, wards, saveFailed: true }, {
        status: 503,
      });
    }
    return redirect(editing ? "/account" : safeLocalPath(url.searchParams.get("next")));
  },
};

export default function OnboardingPage({ data, state, url }: PageProps<OnboardingData, SignedInState>) {
  const { t, locale } = state;
  const { values, errors } = data;
  const groups = wardGroups(data.wards, t, locale);
  const title = data.editing ? t("onboarding.edit_title") : t("onboarding.title");
  /** A field's name, label, hint, error and value, translated; `optional` marks it so. */
  const field = (
    name: ProfileField,
    label: MessageKey,
    { hint, optional = false }: { hint?: MessageKey; optional?: boolean } = {},
  ) => {
    const error = errors[name];
    return {
      name,
      label: t(label),
      hint: hint && t(hint),
      optionalLabel: optional ? t("profile.optional") : undefined,
      error: error && t(error),
      value: values[name],
    };
  };
  return (
    <>
      <PageTitle title={title} state={state} />
      <PageHeading title={title} lead={t("onboarding.lead")} />
      {data.saveFailed && <Notice kind="error">{t("onboarding.save_failed")}</Notice>}
      <form method="post" action={url.pathname + url.search} novalidate>
        <input type="hidden" name="editing" value={data.editing ? "1" : "0"} />
        <FormField
          {...field("full_name", "profile.full_name")}
          autoComplete="name"
          maxLength={PROFILE_LIMITS.fullNameMax}
          required
        />
        <FormField
          {...field("nid", "profile.nid", { hint: "profile.nid_hint", optional: true })}
          inputMode="numeric"
          autoComplete="off"
        />
        <SelectField
          {...field("ward_id", "profile.ward", { hint: "profile.ward_hint", optional: true })}
          groups={groups}
          placeholder={t("profile.ward_choose")}
        />
        <FormField
          {...field("address", "profile.address", { optional: true })}
          autoComplete="street-address"
          maxLength={PROFILE_LIMITS.addressMax}
        />
        <button type="submit" class={`${BUTTON_PRIMARY} w-full`}>{t("onboarding.save")}</button>
      </form>
    </>
  );
}
