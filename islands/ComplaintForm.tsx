/**
 * The new-complaint form. Rendered on the server it is a plain multipart form that works without
 * JavaScript (photos then travel with the form); the server checks it and answers in Bengali, so the
 * browser's own validation (in the browser's language) is off. Once hydrated it adds what a phone on a slow network
 * needs: location from the device, photos made small before they leave the phone and sent one by one
 * with progress, a draft kept in IndexedDB that survives reloads and dropped connections, retries that
 * never file twice (the request id stays the same), and nearby open complaints to say "me too" to.
 */
import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Locale } from "@/lib/i18n/locales.ts";
import { formatDate } from "@/lib/i18n/format.ts";
import { type Messages, type Translate, translatorFor } from "@/lib/i18n/translate.ts";
import { LIMITS } from "@/lib/complaints/model.ts";
import type { ComplaintFormValues } from "@/lib/complaints/validation.ts";
import type { NearbyComplaint } from "@/lib/complaints/repository.ts";
import { preparePhoto } from "@/lib/complaints/browser/prepare_photo.ts";
import {
  clearDraft,
  type Draft,
  type DraftPhoto,
  loadDraft,
  saveDraft,
} from "@/lib/complaints/browser/draft_store.ts";
import { OfflineError, postWithProgress, requestJson } from "@/lib/complaints/browser/send.ts";

export interface Choice {
  value: string;
  label: string;
}

export interface ComplaintFormProps {
  userId: string;
  requestId: string;
  locale: Locale;
  /** `complaint.form.*`, `complaint.error.*`, `complaint.nearby.*` and status labels, translated. */
  messages: Messages;
  categories: Choice[];
  wardGroups: { label: string; wards: Choice[] }[];
  values: ComplaintFormValues;
  /** Field → message, already translated (after a submit without JavaScript). */
  errors: Record<string, string>;
  /** Shown above the form, e.g. "choose the photos again". */
  notice?: string;
}

type TextField = "category" | "title" | "description" | "ward_id" | "location";
type Coords = NonNullable<Draft["coords"]>;
type Locating = "idle" | "locating" | "denied" | "failed";

interface PhotoItem extends DraftPhoto {
  previewUrl: string;
  /** 0-1 while uploading. */
  progress: number | null;
}

interface SubmitReply {
  location?: string;
  errors?: Record<string, string>;
  photos_removed?: boolean;
}

const FIELD_CLASS = "mt-1 block w-full px-3 rounded-lg border-2 bg-white text-lg text-gray-900";
const BUTTON =
  "inline-flex items-center justify-center gap-2 min-h-[48px] px-5 rounded-lg text-base font-bold text-center";
const PRIMARY = `${BUTTON} bg-green-700 text-white hover:bg-green-800 disabled:bg-gray-400`;
const SECONDARY = `${BUTTON} bg-white text-green-800 border-2 border-green-700 hover:bg-green-50`;

export default function ComplaintForm(props: ComplaintFormProps) {
  const t = translatorFor(props.messages, props.locale);
  const formRef = useRef<HTMLFormElement>(null);
  const errorSummaryRef = useRef<HTMLDivElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const [requestId, setRequestId] = useState(props.requestId);
  const [fields, setFields] = useState<Record<TextField, string>>({
    category: props.values.category,
    title: props.values.title,
    description: props.values.description,
    ward_id: props.values.ward_id,
    location: props.values.location,
  });
  const [coords, setCoords] = useState<Coords | null>(null);
  const [locating, setLocating] = useState<Locating>("idle");
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [preparing, setPreparing] = useState(0);
  const [errors, setErrors] = useState<Record<string, string>>(props.errors);
  const [notice, setNotice] = useState<string | undefined>(props.notice);
  const [submitting, setSubmitting] = useState(false);
  const [nearby, setNearby] = useState<NearbyComplaint[]>([]);
  const [draftRestored, setDraftRestored] = useState(false);
  /** Set once the person changed something: from then on the draft is saved. */
  const touched = useRef(false);
  /** Set once the complaint was filed or followed: nothing may bring the draft back. */
  const finished = useRef(false);

  // Restore the draft of an earlier visit (unless the server is showing this form again with errors).
  useEffect(() => {
    setHydrated(true);
    const showingErrors = Object.keys(props.errors).length > 0;
    loadDraft(props.userId).then((draft) => {
      if (!draft || showingErrors || touched.current) return;
      setRequestId(draft.requestId);
      setFields((current) => ({ ...current, ...draft.fields }));
      setCoords(draft.coords);
      setPhotos(
        draft.photos.map((photo) => ({
          ...photo,
          previewUrl: URL.createObjectURL(photo.blob),
          progress: null,
        })),
      );
      setDraftRestored(true);
    });
  }, []);

  // Keep the draft in step: typing a moment after it stops, photos and location at once (they are
  // what is hardest to redo, and a reload may come any moment).
  useEffect(() => {
    const timer = setTimeout(storeDraft, 400);
    return () => clearTimeout(timer);
  }, [fields]);
  const photoKey = photos.map((photo) => `${photo.id}:${photo.uploadedPath ?? ""}`).join();
  useEffect(() => void storeDraft(), [coords, photoKey, requestId]);

  // Open complaints of the same kind close by: offer "me too" before a duplicate is filed.
  useEffect(() => {
    if (!coords || !fields.category) return setNearby([]);
    const query = new URLSearchParams({
      category: fields.category,
      latitude: String(coords.latitude),
      longitude: String(coords.longitude),
    });
    let current = true;
    requestJson<{ complaints: NearbyComplaint[] }>(`/api/complaints/nearby?${query}`)
      .then(({ status, body }) => current && status === 200 && setNearby(body.complaints))
      .catch(() => current && setNearby([]));
    return () => {
      current = false;
    };
  }, [coords, fields.category]);

  function storeDraft(): Promise<void> {
    if (!touched.current || finished.current) return Promise.resolve();
    return saveDraft(props.userId, currentDraft());
  }

  function currentDraft(): Draft {
    return {
      requestId,
      fields,
      coords,
      photos: photos.map(({ id, blob, width, height, uploadedPath }) => ({
        id,
        blob,
        width,
        height,
        uploadedPath,
      })),
      savedAt: Date.now(),
    };
  }

  function change(field: TextField, value: string) {
    touched.current = true;
    setFields((current) => ({ ...current, [field]: value }));
  }

  function locate() {
    touched.current = true;
    setLocating("locating");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const { latitude, longitude, accuracy } = position.coords;
        setCoords({ latitude, longitude, accuracy });
        setLocating("idle");
      },
      (error) => setLocating(error.code === error.PERMISSION_DENIED ? "denied" : "failed"),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  }

  async function addPhotos(event: JSX.TargetedEvent<HTMLInputElement>) {
    touched.current = true;
    const input = event.currentTarget;
    const files = Array.from(input.files ?? []);
    input.value = "";
    const room = LIMITS.photosMax - photos.length - preparing;
    if (files.length > room) {
      setErrors((current) => ({ ...current, photos: t("complaint.error.photos_too_many") }));
    } else setErrors(({ photos: _, ...rest }) => rest);
    // One at a time: a cheap phone holds a single decoded 12 MP photo comfortably, not five.
    for (const file of files.slice(0, Math.max(0, room))) {
      setPreparing((count) => count + 1);
      try {
        const prepared = await preparePhoto(file);
        const item = { id: crypto.randomUUID(), ...prepared, uploadedPath: null, progress: null };
        setPhotos((current) => [...current, { ...item, previewUrl: URL.createObjectURL(prepared.blob) }]);
      } catch {
        setErrors((current) => ({ ...current, photos: t("complaint.error.photo_unreadable") }));
      } finally {
        setPreparing((count) => count - 1);
      }
    }
  }

  function removePhoto(id: string) {
    touched.current = true;
    setPhotos((current) => {
      const removed = current.find((photo) => photo.id === id);
      if (removed) URL.revokeObjectURL(removed.previewUrl);
      return current.filter((photo) => photo.id !== id);
    });
  }

  function updatePhoto(id: string, change: Partial<PhotoItem>) {
    setPhotos((current) => current.map((photo) => photo.id === id ? { ...photo, ...change } : photo));
  }

  async function discardDraft() {
    await clearDraft(props.userId);
    location.assign("/complaints/new");
  }

  function showErrors(found: Record<string, string>) {
    setErrors(found);
    requestAnimationFrame(() => errorSummaryRef.current?.focus());
  }

  /** Sends the photos not sent yet: photo id → object name for all of them, or null when sending stopped. */
  async function uploadPhotos(): Promise<Map<string, string> | null> {
    const paths = new Map<string, string>();
    for (const photo of photos) {
      if (photo.uploadedPath) {
        paths.set(photo.id, photo.uploadedPath);
        continue;
      }
      updatePhoto(photo.id, { progress: 0 });
      const reply = await postWithProgress<{ path?: string; error?: string }>(
        `/api/complaints/photos?${new URLSearchParams({ request: requestId })}`,
        photo.blob,
        (fraction) => updatePhoto(photo.id, { progress: fraction }),
      ).catch((error) => {
        updatePhoto(photo.id, { progress: null });
        throw error;
      });
      if (reply.status === 401) {
        location.assign(`/login?${new URLSearchParams({ next: "/complaints/new" })}`);
        return null;
      }
      if (reply.status !== 200 || !reply.body?.path) {
        updatePhoto(photo.id, { progress: null });
        showErrors({ photos: reply.body?.error ?? t("complaint.error.photo_upload") });
        return null;
      }
      updatePhoto(photo.id, { uploadedPath: reply.body.path, progress: null });
      paths.set(photo.id, reply.body.path);
    }
    return paths;
  }

  async function submit(event: JSX.TargetedEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting || preparing > 0) return;
    setSubmitting(true);
    setNotice(undefined);
    touched.current = true;
    await storeDraft();
    try {
      const paths = await uploadPhotos();
      if (!paths) return;
      const draft = currentDraft();
      await saveDraft(props.userId, {
        ...draft,
        photos: draft.photos.map((photo) => ({ ...photo, uploadedPath: paths.get(photo.id) ?? null })),
      });
      const form = new FormData(formRef.current!);
      form.delete("photos");
      for (const path of paths.values()) form.append("photo_path", path);
      const reply = await requestJson<SubmitReply>("/complaints/new", { method: "POST", body: form });
      if (reply.status === 401) {
        location.assign(`/login?${new URLSearchParams({ next: "/complaints/new" })}`);
      } else if (reply.body?.location) {
        await finish(reply.body.location);
      } else {
        if (reply.body?.photos_removed) {
          setPhotos((current) => current.map((photo) => ({ ...photo, uploadedPath: null })));
        }
        showErrors(reply.body?.errors ?? { form: t("complaint.error.save_failed") });
      }
    } catch (error) {
      if (!(error instanceof OfflineError)) throw error;
      showErrors({ form: t("complaint.form.offline") });
    } finally {
      setSubmitting(false);
    }
  }

  async function finish(next: string) {
    finished.current = true;
    await clearDraft(props.userId);
    location.assign(next);
  }

  async function meToo(id: string) {
    const reply = await requestJson<{ location?: string }>(`/api/complaints/${id}/follow`, { method: "POST" })
      .catch(() => null);
    if (reply?.body?.location) {
      await finish(reply.body.location);
    } else {
      showErrors({ form: t("complaint.nearby.follow_failed") });
    }
  }

  const errorList = Object.entries(errors);
  const fieldError = (field: string): string | undefined => errors[field];
  /**
   * What the text controls share: name and value, and their error, shown by the border and read out with
   * the hint (when the field has one).
   */
  const controlProps = (field: TextField, { size, hint = true }: { size: string; hint?: boolean }) => ({
    id: `field-${field}`,
    name: field,
    value: fields[field],
    "aria-invalid": fieldError(field) ? "true" as const : undefined,
    "aria-describedby": hint ? `field-${field}-hint field-${field}-error` : `field-${field}-error`,
    class: `${FIELD_CLASS} ${size} ${fieldError(field) ? "border-red-700" : "border-gray-400"}`,
  });
  const wardRequired = coords === null;
  const placeOptional = wardRequired ? undefined : t("complaint.form.optional");

  return (
    <form
      ref={formRef}
      method="post"
      action="/complaints/new"
      encType="multipart/form-data"
      noValidate
      onSubmit={submit}
      class="space-y-6"
    >
      <input type="hidden" name="client_request_id" value={requestId} />

      {errorList.length > 0 && (
        <div
          ref={errorSummaryRef}
          tabIndex={-1}
          role="alert"
          class="p-3 border-l-4 rounded border-red-700 bg-red-50"
        >
          <p class="font-bold text-red-900">{errors.form ?? t("complaint.error.fix_below")}</p>
        </div>
      )}
      {notice && <p role="status" class="p-3 border-l-4 rounded border-amber-600 bg-amber-50">{notice}</p>}
      {draftRestored && (
        <div role="status" class="p-3 border-l-4 rounded border-green-700 bg-green-50">
          <p>{t("complaint.form.draft_restored")}</p>
          <button type="button" class="mt-1 text-green-800 underline" onClick={discardDraft}>
            {t("complaint.form.discard_draft")}
          </button>
        </div>
      )}

      <fieldset>
        <legend class="font-bold text-gray-900">{t("complaint.form.category")}</legend>
        <FieldError id="category" message={fieldError("category")} />
        <div class="mt-2 grid grid-cols-2 gap-2">
          {props.categories.map((category) => (
            <label
              key={category.value}
              class={`flex items-center gap-2 min-h-[48px] px-3 py-2 rounded-lg border-2 cursor-pointer ${
                fields.category === category.value
                  ? "border-green-700 bg-green-50"
                  : "border-gray-300 bg-white"
              }`}
            >
              <input
                type="radio"
                name="category"
                value={category.value}
                checked={fields.category === category.value}
                required
                onChange={() => change("category", category.value)}
                class="w-5 h-5 accent-green-700"
              />
              <span class="leading-tight">{category.label}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <div>
        <Label field="title" text={t("complaint.form.title")} />
        <Hint field="title" text={t("complaint.form.title_hint")} />
        <FieldError id="title" message={fieldError("title")} />
        <input
          {...controlProps("title", { size: "min-h-[48px]" })}
          onInput={(event) => change("title", event.currentTarget.value)}
          required
          minLength={LIMITS.titleMin}
          maxLength={LIMITS.titleMax}
        />
      </div>

      <div>
        <Label field="description" text={t("complaint.form.description")} />
        <Hint field="description" text={t("complaint.form.description_hint")} />
        <FieldError id="description" message={fieldError("description")} />
        <textarea
          {...controlProps("description", { size: "py-2" })}
          rows={4}
          onInput={(event) => change("description", event.currentTarget.value)}
          required
          minLength={LIMITS.descriptionMin}
          maxLength={LIMITS.descriptionMax}
        />
      </div>

      <fieldset class="space-y-3">
        <legend class="font-bold text-gray-900">{t("complaint.form.where")}</legend>
        <FieldError id="latitude" message={fieldError("latitude")} />
        {coords && <input type="hidden" name="latitude" value={String(coords.latitude)} />}
        {coords && <input type="hidden" name="longitude" value={String(coords.longitude)} />}
        {hydrated && "geolocation" in navigator && (
          <div>
            {coords
              ? (
                <div class="p-3 rounded-lg bg-green-50 border border-green-200">
                  <p role="status">
                    {t("complaint.form.located", { metres: Math.max(1, Math.round(coords.accuracy)) })}
                  </p>
                  <button type="button" class="mt-1 text-green-800 underline" onClick={() => setCoords(null)}>
                    {t("complaint.form.remove_location")}
                  </button>
                </div>
              )
              : (
                <button type="button" class={SECONDARY} onClick={locate} disabled={locating === "locating"}>
                  {locating === "locating" ? t("complaint.form.locating") : t("complaint.form.use_location")}
                </button>
              )}
            {(locating === "denied" || locating === "failed") && (
              <p role="status" class="mt-2 text-sm text-amber-900">
                {t(
                  locating === "denied" ? "complaint.form.location_denied" : "complaint.form.location_failed",
                )}
              </p>
            )}
            {!coords && <p class="mt-3 text-gray-700">{t("complaint.form.or_ward")}</p>}
          </div>
        )}

        <div>
          <Label field="ward_id" text={t("complaint.form.ward")} optional={placeOptional} />
          <FieldError id="ward_id" message={fieldError("ward_id")} />
          <select
            {...controlProps("ward_id", { size: "min-h-[48px]", hint: false })}
            onChange={(event) => change("ward_id", event.currentTarget.value)}
            required={wardRequired}
          >
            <option value="">{t("complaint.form.ward_choose")}</option>
            {props.wardGroups.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.wards.map((ward) => <option key={ward.value} value={ward.value}>{ward.label}</option>)}
              </optgroup>
            ))}
          </select>
        </div>

        <div>
          <Label field="location" text={t("complaint.form.address")} optional={placeOptional} />
          <Hint field="location" text={t("complaint.form.address_hint")} />
          <FieldError id="location" message={fieldError("location")} />
          <input
            {...controlProps("location", { size: "min-h-[48px]" })}
            onInput={(event) => change("location", event.currentTarget.value)}
            required={wardRequired}
            maxLength={LIMITS.locationMax}
          />
        </div>
      </fieldset>

      {nearby.length > 0 && <NearbyPanel complaints={nearby} t={t} locale={props.locale} onMeToo={meToo} />}

      <fieldset>
        <legend class="font-bold text-gray-900">{t("complaint.form.photos")}</legend>
        <Hint
          field="photos"
          text={t(hydrated ? "complaint.form.photos_hint" : "complaint.form.photos_hint_plain")}
        />
        <FieldError id="photos" message={fieldError("photos")} />
        {hydrated
          ? (
            <>
              {photos.length > 0 && (
                <ul class="mt-2 grid grid-cols-3 gap-2">
                  {photos.map((photo, index) => (
                    <PhotoTile
                      key={photo.id}
                      photo={photo}
                      number={index + 1}
                      t={t}
                      onRemove={() => removePhoto(photo.id)}
                    />
                  ))}
                </ul>
              )}
              {preparing > 0 && (
                <p role="status" class="mt-2 text-sm text-gray-700">{t("complaint.form.preparing_photo")}</p>
              )}
              {photos.length + preparing < LIMITS.photosMax && (
                <label
                  class={`${SECONDARY} mt-2 cursor-pointer focus-within:ring-4 focus-within:ring-yellow-400`}
                >
                  {t("complaint.form.add_photo")}
                  <input type="file" accept="image/*" multiple class="sr-only" onChange={addPhotos} />
                </label>
              )}
            </>
          )
          : (
            <input
              type="file"
              name="photos"
              accept="image/jpeg,image/png,image/webp"
              multiple
              aria-describedby="field-photos-hint field-photos-error"
              class="mt-2 block w-full text-base"
            />
          )}
      </fieldset>

      <button type="submit" class={`${PRIMARY} w-full`} disabled={submitting || preparing > 0}>
        {submitting ? t("complaint.form.submitting") : t("complaint.form.submit")}
      </button>
    </form>
  );
}

type T = Translate;

function Label({ field, text, optional }: { field: string; text: string; optional?: string }) {
  return (
    <label for={`field-${field}`} class="block font-bold text-gray-900">
      {text}
      {optional && <span class="font-normal text-gray-600">{` (${optional})`}</span>}
    </label>
  );
}

function Hint({ field, text }: { field: string; text: string }) {
  return <p id={`field-${field}-hint`} class="text-sm text-gray-600">{text}</p>;
}

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return <p id={`field-${id}-error`} class="mt-1 text-sm font-bold text-red-800">{message}</p>;
}

function PhotoTile(
  { photo, number, t, onRemove }: { photo: PhotoItem; number: number; t: T; onRemove: () => void },
) {
  const status = photo.progress !== null
    ? t("complaint.form.uploading_photo", { percent: Math.round(photo.progress * 100) })
    : photo.uploadedPath
    ? t("complaint.form.photo_uploaded")
    : t("complaint.form.photo_ready", { size: Math.max(1, Math.round(photo.blob.size / 1024)) });
  return (
    <li class="relative">
      <img
        src={photo.previewUrl}
        alt={t("complaint.form.photo_alt", { number })}
        class="w-full aspect-square object-cover rounded-lg border border-gray-300"
      />
      {photo.progress !== null && (
        <div class="absolute inset-x-1 bottom-7 h-1.5 rounded bg-white/70" aria-hidden="true">
          <div
            class="h-full rounded bg-green-700"
            style={{ width: `${Math.round(photo.progress * 100)}%` }}
          />
        </div>
      )}
      <p class="text-xs text-gray-700 truncate" aria-live="polite">{status}</p>
      <button
        type="button"
        onClick={onRemove}
        aria-label={t("complaint.form.remove_photo", { number })}
        class="absolute top-1 right-1 w-8 h-8 rounded-full bg-white/90 border border-gray-400 text-lg leading-none"
      >
        ×
      </button>
    </li>
  );
}

function NearbyPanel(
  { complaints, t, locale, onMeToo }: {
    complaints: NearbyComplaint[];
    t: T;
    locale: Locale;
    onMeToo: (id: string) => void;
  },
) {
  return (
    <section aria-labelledby="nearby-heading" class="p-3 rounded-lg border-2 border-amber-400 bg-amber-50">
      <h2 id="nearby-heading" class="font-bold text-gray-900">{t("complaint.nearby.title")}</h2>
      <p class="mt-1 text-sm text-gray-800">{t("complaint.nearby.lead")}</p>
      <ul class="mt-3 space-y-3">
        {complaints.map((complaint) => (
          <li key={complaint.id} class="p-3 rounded-lg bg-white border border-amber-200">
            <p class="font-bold">{complaint.title}</p>
            <p class="text-sm text-gray-700">
              {t(`complaint.status.${complaint.status}`)} · {t("complaint.nearby.meta", {
                distance: complaint.distance_m,
                date: formatDate(complaint.created_at, locale),
              })}
            </p>
            {complaint.follower_count > 0 && (
              <p class="text-sm text-gray-700">
                {t("complaint.nearby.followers", { count: complaint.follower_count })}
              </p>
            )}
            {complaint.is_own || complaint.is_following
              ? (
                <a href={`/complaints/${complaint.id}`} class="mt-2 inline-block text-green-800 underline">
                  {complaint.is_own ? t("complaint.nearby.own") : t("complaints.following")} ·{" "}
                  {t("complaint.nearby.open")}
                </a>
              )
              : (
                <button
                  type="button"
                  class={`${PRIMARY} mt-2 w-full`}
                  onClick={() => onMeToo(complaint.id)}
                >
                  {t("complaint.nearby.me_too")}
                </button>
              )}
          </li>
        ))}
      </ul>
    </section>
  );
}
