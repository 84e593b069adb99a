/**
 * The new-complaint form. Rendered on the server it is a plain multipart form that works without
 * JavaScript (photos then travel with the form); the server checks it and answers in Bengali, so the
 * browser's own validation (in the browser's language) is off. Once hydrated it adds what a phone on a
 * slow network needs: location from the device, photos made small before they leave the phone and sent
 * one by one with progress, a draft kept in IndexedDB that survives reloads and dropped connections,
 * retries that never file twice (the request id stays the same), and nearby open complaints to say
 * "me too" to. The logic lives in hooks beside the browser helpers (lib/complaints/browser/use_*.ts),
 * the larger parts of the form in components/complaints/.
 */
import { useEffect, useState } from "preact/hooks";
import type { Locale } from "@/lib/i18n/locales.ts";
import { type MessageKey, type Messages, translatorFor } from "@/lib/i18n/translate.ts";
import { LIMITS } from "@/lib/complaints/model.ts";
import type { ComplaintFormValues } from "@/lib/complaints/validation.ts";
import { type TextField, useDraft } from "@/lib/complaints/browser/use_draft.ts";
import { useErrorSummary } from "@/lib/complaints/browser/use_error_summary.ts";
import { useLocation } from "@/lib/complaints/browser/use_location.ts";
import { useNearby } from "@/lib/complaints/browser/use_nearby.ts";
import { usePhotos } from "@/lib/complaints/browser/use_photos.ts";
import { useSubmit } from "@/lib/complaints/browser/use_submit.ts";
import { type Choice, controlProps, Field, FieldError } from "@/components/FormField.tsx";
import { BUTTON_PRIMARY } from "@/components/ui.tsx";
import { CategoryChoice } from "@/components/complaints/CategoryChoice.tsx";
import { DeviceLocation } from "@/components/complaints/DeviceLocation.tsx";
import { NearbyComplaints } from "@/components/complaints/NearbyComplaints.tsx";
import { PhotoPicker } from "@/components/complaints/PhotoPicker.tsx";
import type { WardGroup } from "@/lib/wards.ts";

export interface ComplaintFormProps {
  userId: string;
  requestId: string;
  locale: Locale;
  /** `complaint.form.*`, `complaint.error.*`, `complaint.nearby.*` and status labels. */
  messages: Messages;
  categories: Choice[];
  wardGroups: WardGroup[];
  values: ComplaintFormValues;
  /** Field → message, already translated (after a submit without JavaScript). */
  errors: Record<string, string>;
  /** Shown above the form, e.g. "choose the photos again". */
  notice?: string;
}

export default function ComplaintForm(props: ComplaintFormProps) {
  const t = translatorFor(props.messages, props.locale);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const { category, title, description, ward_id, location } = props.values;
  const draft = useDraft({
    userId: props.userId,
    requestId: props.requestId,
    fields: { category, title, description, ward_id, location },
    keepServerValues: Object.keys(props.errors).length > 0,
  });
  const errorSummary = useErrorSummary(props.errors);
  const device = useLocation(draft);
  const photos = usePhotos(draft, errorSummary, t);
  const nearby = useNearby(draft, errorSummary, t);
  const submission = useSubmit({ draft, photos, errors: errorSummary, t, notice: props.notice });

  const { fields, coords } = draft;
  const { errors } = errorSummary;
  const wardRequired = coords === null;
  const placeOptional = wardRequired ? undefined : t("complaint.form.optional");
  /** A text field's label, hint and error, for its Field and its control. */
  const textField = (name: TextField, label: MessageKey, hint?: MessageKey, optionalLabel?: string) => ({
    name,
    label: t(label),
    hint: hint && t(hint),
    error: errors[name],
    optionalLabel,
  });
  /** The handler that keeps `field` in step with its control. */
  const update = (field: TextField) => (event: { currentTarget: { value: string } }) =>
    draft.change(field, event.currentTarget.value);
  /** A text field's control: its ids and classes (`size` sets its height) and the draft's value. */
  const draftControl = (field: ReturnType<typeof textField>, size?: string) => ({
    ...controlProps(field, size),
    value: fields[field.name],
  });
  const titleField = textField("title", "complaint.form.title", "complaint.form.title_hint");
  const descriptionField = textField(
    "description",
    "complaint.form.description",
    "complaint.form.description_hint",
  );
  const wardField = textField("ward_id", "complaint.form.ward", undefined, placeOptional);
  const addressField = textField(
    "location",
    "complaint.form.address",
    "complaint.form.address_hint",
    placeOptional,
  );

  return (
    <form
      ref={submission.formRef}
      method="post"
      action="/complaints/new"
      encType="multipart/form-data"
      noValidate
      onSubmit={submission.submit}
      class="space-y-6"
    >
      <input type="hidden" name="client_request_id" value={draft.requestId} />

      {Object.keys(errors).length > 0 && (
        <div
          ref={errorSummary.summaryRef}
          tabIndex={-1}
          role="alert"
          class="p-3 border-l-4 rounded border-red-700 bg-red-50"
        >
          <p class="font-bold text-red-900">{errors.form ?? t("complaint.error.fix_below")}</p>
        </div>
      )}
      {submission.notice && (
        <p role="status" class="p-3 border-l-4 rounded border-amber-600 bg-amber-50">{submission.notice}</p>
      )}
      {draft.restored && (
        <div role="status" class="p-3 border-l-4 rounded border-green-700 bg-green-50">
          <p>{t("complaint.form.draft_restored")}</p>
          <button type="button" class="mt-1 text-green-800 underline" onClick={draft.discard}>
            {t("complaint.form.discard_draft")}
          </button>
        </div>
      )}

      <CategoryChoice
        legend={t("complaint.form.category")}
        categories={props.categories}
        value={fields.category}
        error={errors.category}
        onChoose={(value) => draft.change("category", value)}
      />

      <Field {...titleField}>
        <input
          {...draftControl(titleField)}
          onInput={update("title")}
          required
          minLength={LIMITS.titleMin}
          maxLength={LIMITS.titleMax}
        />
      </Field>

      <Field {...descriptionField}>
        <textarea
          {...draftControl(descriptionField, "py-2")}
          rows={4}
          onInput={update("description")}
          required
          minLength={LIMITS.descriptionMin}
          maxLength={LIMITS.descriptionMax}
        />
      </Field>

      <fieldset class="space-y-3">
        <legend class="font-bold text-gray-900">{t("complaint.form.where")}</legend>
        <FieldError name="latitude" error={errors.latitude} />
        {coords && <input type="hidden" name="latitude" value={String(coords.latitude)} />}
        {coords && <input type="hidden" name="longitude" value={String(coords.longitude)} />}
        {hydrated && "geolocation" in navigator && (
          <DeviceLocation
            coords={coords}
            locating={device.locating}
            t={t}
            onLocate={device.locate}
            onForget={device.forget}
          />
        )}

        <Field {...wardField}>
          <select
            {...draftControl(wardField)}
            onChange={update("ward_id")}
            required={wardRequired}
          >
            <option value="">{t("complaint.form.ward_choose")}</option>
            {props.wardGroups.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.options.map((ward) => <option key={ward.value} value={ward.value}>{ward.label}
                </option>)}
              </optgroup>
            ))}
          </select>
        </Field>

        <Field {...addressField}>
          <input
            {...draftControl(addressField)}
            onInput={update("location")}
            required={wardRequired}
            maxLength={LIMITS.locationMax}
          />
        </Field>
      </fieldset>

      {nearby.complaints.length > 0 && (
        <NearbyComplaints complaints={nearby.complaints} t={t} locale={props.locale} onMeToo={nearby.meToo} />
      )}

      <PhotoPicker
        hydrated={hydrated}
        photos={photos.photos}
        preparing={photos.preparing}
        error={errors.photos}
        t={t}
        onAdd={photos.add}
        onRemove={photos.remove}
      />

      <button
        type="submit"
        class={`${BUTTON_PRIMARY} disabled:bg-gray-400 w-full`}
        disabled={submission.submitting || photos.preparing > 0}
      >
        {submission.submitting ? t("complaint.form.submitting") : t("complaint.form.submit")}
      </button>
    </form>
  );
}
