/**
 * File a complaint. GET shows the form (an island that is a working plain form without JavaScript);
 * POST takes it from either kind of browser: plain posts get post/redirect/get or the form again with
 * errors, the island's posts (Accept: application/json) get JSON.
 */
import type { FreshContext, Handlers, PageProps } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { getProfile } from "@/lib/profile.ts";
import { islandMessages, type MessageKey } from "@/lib/i18n/mod.ts";
import { categoryName } from "@/lib/complaints/labels.ts";
import { type ReferenceData, referenceData } from "@/lib/complaints/repository.ts";
import { MAX_SUBMISSION_BYTES, submitComplaintForm } from "@/lib/complaints/submission.ts";
import type { ComplaintFormErrors, ComplaintFormValues } from "@/lib/complaints/validation.ts";
import { json, wantsJson } from "@/lib/http/json.ts";
import { declaresTooLarge, readForm } from "@/lib/http/body.ts";
import { wardGroups } from "@/lib/wards.ts";
import ComplaintForm, { type ComplaintFormProps } from "@/islands/ComplaintForm.tsx";
import { PageHeading, PageTitle } from "@/components/ui.tsx";

interface FormState {
  values: ComplaintFormValues;
  errors: ComplaintFormErrors;
  notice?: MessageKey;
}

interface NewComplaintData extends FormState {
  reference: ReferenceData;
}

const EMPTY: ComplaintFormValues = {
  client_request_id: "",
  category: "",
  title: "",
  description: "",
  latitude: "",
  longitude: "",
  ward_id: "",
  location: "",
};

type Context = FreshContext<SignedInState, NewComplaintData>;

async function renderForm(ctx: Context, form: FormState, status = 200): Promise<Response> {
  return ctx.render({ ...form, reference: await referenceData() }, { status });
}

export const handler: Handlers<NewComplaintData, SignedInState> = {
  async GET(_req, ctx) {
    const { session } = ctx.state;
    // The reference data (cached) is read beside the profile, not after it.
    const [profile] = await Promise.all([getProfile(session).catch(() => null), referenceData()]);
    return renderForm(ctx, {
      // A fresh idempotency key for this submission; the island keeps using its draft's key.
      values: { ...EMPTY, client_request_id: crypto.randomUUID(), ward_id: String(profile?.ward_id ?? "") },
      errors: {},
    });
  },

  async POST(req, ctx) {
    const { t } = ctx.state;
    const asJson = wantsJson(req);
    const { session } = ctx.state;

    const translated = (errors: ComplaintFormErrors) =>
      Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, t(key)]));
    if (declaresTooLarge(req, MAX_SUBMISSION_BYTES)) {
      const errors: ComplaintFormErrors = { photos: "complaint.error.photo_size" };
      return asJson
        ? json({ errors: translated(errors) }, 413)
        : renderForm(ctx, { values: EMPTY, errors }, 413);
    }
    let form: FormData;
    try {
      form = await readForm(req);
    } catch {
      const errors: ComplaintFormErrors = { form: "complaint.error.request" };
      return asJson
        ? json({ errors: translated(errors) }, 400)
        : renderForm(ctx, { values: EMPTY, errors }, 400);
    }

    const outcome = await submitComplaintForm(session, form);
    switch (outcome.kind) {
      case "filed": {
        const location = `/complaints/${outcome.complaint.id}?filed=1`;
        return asJson
          ? json({ location, ...outcome.complaint }, outcome.complaint.created ? 201 : 200)
          : redirect(location);
      }
      case "invalid":
        return asJson ? json({ errors: translated(outcome.errors) }, 422) : renderForm(ctx, {
          values: outcome.values,
          errors: outcome.errors,
          notice: outcome.filesDropped ? "complaint.form.photos_again" : undefined,
        }, 422);
      case "failed": {
        const errors: ComplaintFormErrors = { form: "complaint.error.save_failed" };
        return asJson
          ? json({ errors: translated(errors), photos_removed: outcome.photosRemoved }, 503)
          : renderForm(ctx, { values: outcome.values, errors, notice: "complaint.form.photos_again" }, 503);
      }
    }
  },
};

export default function NewComplaintPage({ data, state }: PageProps<NewComplaintData, SignedInState>) {
  const { t, locale, session } = state;
  const { categories, wards } = data.reference;
  const props: ComplaintFormProps = {
    userId: session.user.id,
    requestId: data.values.client_request_id || crypto.randomUUID(),
    locale,
    messages: islandMessages(locale, [
      "complaint.form.",
      "complaint.error.",
      "complaint.nearby.",
      "complaint.status.",
      "complaints.following",
    ]),
    categories: categories.map((category) => ({
      value: category.code,
      label: categoryName(category, category.code, locale),
    })),
    wardGroups: wardGroups(wards, t, locale),
    values: data.values,
    errors: Object.fromEntries(Object.entries(data.errors).map(([field, key]) => [field, t(key)])),
    notice: data.notice && t(data.notice),
  };
  return (
    <>
      <PageTitle title={t("complaints.new_title")} state={state} />
      <PageHeading title={t("complaints.new_title")} lead={t("complaint.form.lead")} />
      <ComplaintForm {...props} />
    </>
  );
}
