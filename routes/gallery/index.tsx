/** The published albums, newest first, each with its cover photo. */
import { defineRoute } from "$fresh/server.ts";
import type { AppState } from "@/lib/state.ts";
import { formatDate } from "@/lib/i18n/mod.ts";
import { listAlbums } from "@/lib/gallery/repository.ts";
import { PhotoImage } from "@/components/gallery/PhotoImage.tsx";
import { PageHeading, PageTitle } from "@/components/ui.tsx";

export default defineRoute<AppState>(async (_req, ctx) => {
  const { t, locale } = ctx.state;
  const albums = await listAlbums();
  return (
    <>
      <PageTitle title={t("gallery.title")} state={ctx.state} />
      <PageHeading title={t("gallery.title")} lead={t("gallery.lead")} />
      {albums.length === 0 ? <p>{t("gallery.none")}</p> : (
        <ul class="grid gap-4 sm:grid-cols-2">
          {albums.map((album, index) => {
            const title = locale === "en" ? album.title_en ?? album.title_bn : album.title_bn;
            return (
              <li class="rounded-xl bg-white border border-gray-200 overflow-hidden">
                <a href={`/gallery/${album.id}`} class="block">
                  {album.cover && (
                    <PhotoImage
                      photo={album.cover}
                      alt=""
                      sizes="(min-width: 640px) 360px, 100vw"
                      eager={index < 2}
                    />
                  )}
                  <span class="block p-3">
                    <span class="block text-lg font-bold text-green-900 underline underline-offset-2">
                      {title}
                    </span>
                    <span class="block text-sm text-gray-600">{formatDate(album.created_at, locale)}</span>
                  </span>
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
});
