/**
 * A gallery photo: the thumbnail and the large size as a srcset, so a phone picks the small one and
 * only a wide screen loads the large; lazy, with its size reserved so the page does not jump.
 */
import { GALLERY_SIZES, type Photo, photoUrl } from "@/lib/gallery/repository.ts";

export function PhotoImage(
  { photo, alt, sizes, eager = false }: { photo: Photo; alt: string; sizes: string; eager?: boolean },
) {
  const scale = GALLERY_SIZES.thumb.longEdge / Math.max(photo.width, photo.height);
  const thumbWidth = Math.max(1, Math.round(photo.width * Math.min(1, scale)));
  return (
    <img
      src={photoUrl(photo.thumb_path)}
      srcset={`${photoUrl(photo.thumb_path)} ${thumbWidth}w, ${photoUrl(photo.large_path)} ${photo.width}w`}
      sizes={sizes}
      width={photo.width}
      height={photo.height}
      alt={alt}
      loading={eager ? "eager" : "lazy"}
      decoding="async"
      class="w-full h-auto rounded-lg bg-gray-200"
    />
  );
}
