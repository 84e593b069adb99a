/** One album: its photos as thumbnails (srcset, lazy) that open the large size, with captions. */
import { isUuid } from "@/lib/validation.ts";
import { defineRoute } from "$fresh/server.ts";
import type { AppState } from "@/lib/state.ts";
import { getAlbum, photoUrl } from "@/lib/gallery/repository.ts";
import { PhotoImage } from "@/components/gallery/PhotoImage.tsx";
import { LINK, PageHeading, PageTitle } from "@/components/ui.tsx";

export default defineRoute<AppState>(async (_req, ctx) => {
  const { t, locale } = ctx.state;
  // Visitors' view, whoever asks: staff preview their drafts in the staff area.
  const found = isUuid(ctx.params.id) ? await getAlbum(null, ctx.params.id) : null;
  if (!found) return ctx.renderNotFound();
  const { album, photos } = found;
  const title = locale === "en" ? album.title_en ?? album.title_bn : album.title_bn;
  return (
    <>
      <PageTitle title={title} state={ctx.state} />
      <p class="mb-4">
        <a href="/gallery" class={LINK}>{t("gallery.back")}</a>
      </p>
      <PageHeading title={title} lead={album.description_bn ?? undefined} />
      {photos.length === 0 ? <p>{t("gallery.empty_album")}</p> : (
        <ul class="grid gap-4 grid-cols-2">
          {photos.map((photo, index) => {
            const caption = locale === "en" ? photo.caption_en ?? photo.caption_bn : photo.caption_bn;
            return (
              <li>
                <figure>
                  <a href={photoUrl(photo.large_path)}>
                    <PhotoImage
                      photo={photo}
                      alt={caption ?? t("gallery.photo_alt", { album: title, number: index + 1 })}
                      sizes="(min-width: 768px) 360px, 50vw"
                      eager={index < 2}
                    />
                  </a>
                  {caption && <figcaption class="mt-1 text-sm text-gray-800">{caption}</figcaption>}
                </figure>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
});
