/** A complaint's photos as a grid of squares, each opening the full photo. */
import type { Translate } from "@/lib/i18n/mod.ts";
import type { ComplaintPhoto } from "@/lib/complaints/repository.ts";

export function PhotoGrid({ photos, t }: { photos: ComplaintPhoto[]; t: Translate }) {
  return (
    <ul class="grid grid-cols-2 sm:grid-cols-3 gap-2">
      {photos.map((photo) => (
        <li key={photo.position}>
          <a href={photo.url} target="_blank" rel="noopener">
            <img
              src={photo.url}
              alt={t("complaint.form.photo_alt", { number: photo.position })}
              loading="lazy"
              decoding="async"
              class="w-full aspect-square object-cover rounded-lg border border-gray-300 bg-gray-100"
            />
          </a>
        </li>
      ))}
    </ul>
  );
}
