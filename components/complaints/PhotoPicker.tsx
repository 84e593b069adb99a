/**
 * The complaint's photos. Before hydration (and without JavaScript) a plain file input whose photos travel
 * with the form; in the browser, the photos made small so far as tiles with their size or upload progress,
 * and a button to add more while there is room.
 */
import type { JSX } from "preact";
import type { Translate } from "@/lib/i18n/translate.ts";
import { LIMITS } from "@/lib/complaints/model.ts";
import type { PhotoItem } from "@/lib/complaints/browser/use_draft.ts";
import { FieldError, FieldHint } from "@/components/FormField.tsx";
import { BUTTON_SECONDARY } from "@/components/ui.tsx";

interface PhotoPickerProps {
  hydrated: boolean;
  photos: PhotoItem[];
  /** How many photos are being made small. */
  preparing: number;
  error?: string;
  t: Translate;
  onAdd: (event: JSX.TargetedEvent<HTMLInputElement>) => void;
  onRemove: (id: string) => void;
}

export function PhotoPicker({ hydrated, photos, preparing, error, t, onAdd, onRemove }: PhotoPickerProps) {
  return (
    <fieldset>
      <legend id="field-photos-label" class="font-bold text-gray-900">{t("complaint.form.photos")}</legend>
      <FieldHint
        name="photos"
        hint={t(hydrated ? "complaint.form.photos_hint" : "complaint.form.photos_hint_plain")}
      />
      <FieldError name="photos" error={error} />
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
                    onRemove={() => onRemove(photo.id)}
                  />
                ))}
              </ul>
            )}
            {preparing > 0 && (
              <p role="status" class="mt-2 text-sm text-gray-700">{t("complaint.form.preparing_photo")}</p>
            )}
            {photos.length + preparing < LIMITS.photosMax && (
              <label
                class={`${BUTTON_SECONDARY} mt-2 cursor-pointer focus-within:ring-4 focus-within:ring-yellow-400`}
              >
                {t("complaint.form.add_photo")}
                <input type="file" accept="image/*" multiple class="sr-only" onChange={onAdd} />
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
            aria-labelledby="field-photos-label"
            aria-describedby="field-photos-hint field-photos-error"
            class="mt-2 block w-full text-base"
          />
        )}
    </fieldset>
  );
}

function PhotoTile(
  { photo, number, t, onRemove }: { photo: PhotoItem; number: number; t: Translate; onRemove: () => void },
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
