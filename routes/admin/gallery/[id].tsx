/**
 * Staff: one album they keep — its photos, publishing, adding photos, changing captions, and deleting a
 * photo or the whole album (files and rows; deleting the album asks for a ticked confirmation). An upload
 * is the two sizes the browser made (GalleryUploader), each checked here by content: an image by its
 * bytes, no larger than its size's pixels and bytes (so no original, and no 12 MP photo, is ever stored),
 * its location metadata taken out.
 */
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { StaffState } from "@/lib/auth/guard.ts";
import { islandMessages, type MessageKey } from "@/lib/i18n/mod.ts";
import { declaresTooLarge, readForm } from "@/lib/http/body.ts";
import { json, wantsJson } from "@/lib/http/json.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { isUuid, optionalField, writtenText } from "@/lib/validation.ts";
import {
  addPhoto,
  type Album,
  checkSize,
  GALLERY_SIZES,
  getAlbum,
  type Photo,
  removeAlbum,
  removePhoto,
  setCaptions,
  setPublished,
} from "@/lib/gallery/repository.ts";
import { INPUT, LabelledControl } from "@/components/FormField.tsx";
import { RemoveForm } from "@/components/RemoveForm.tsx";
import { PhotoImage } from "@/components/gallery/PhotoImage.tsx";
import GalleryUploader from "@/islands/GalleryUploader.tsx";
import { BUTTON_PRIMARY, BUTTON_SECONDARY, LINK, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";

interface AlbumData {
  album: Album;
  photos: Photo[];
  error?: MessageKey;
}

/** The two sizes and a little form around them. */
const MAX_UPLOAD_BYTES = GALLERY_SIZES.thumb.maxBytes + GALLERY_SIZES.large.maxBytes + 16 * 1024;
const caption = optionalField(writtenText(300, "gallery.error.caption"));

async function fileBytes(entry: FormDataEntryValue | null): Promise<Uint8Array<ArrayBuffer>> {
  return entry instanceof File ? new Uint8Array(await entry.arrayBuffer()) : new Uint8Array();
}

/** The two captions of a form, empty ones as null; null when one is too long or unprintable. */
function readCaptions(form: FormData): { caption_bn: string | null; caption_en: string | null } | null {
  const bn = caption.safeParse(form.get("caption_bn") ?? "");
  const en = caption.safeParse(form.get("caption_en") ?? "");
  return bn.success && en.success ? { caption_bn: bn.data ?? null, caption_en: en.data ?? null } : null;
}

const DONE = ["caption_saved", "photo_removed"] as const;

export const handler: Handlers<AlbumData, StaffState> = {
  async GET(_req, ctx) {
    const found = isUuid(ctx.params.id) ? await getAlbum(ctx.state.session, ctx.params.id) : null;
    return found ? ctx.render(found) : ctx.renderNotFound();
  },

  async POST(req, ctx) {
    const { session, t } = ctx.state;
    const found = isUuid(ctx.params.id) ? await getAlbum(session, ctx.params.id) : null;
    if (!found) return ctx.renderNotFound();
    const asJson = wantsJson(req);
    const refuse = (error: MessageKey, status: number) =>
      asJson ? json({ error: t(error) }, status) : ctx.render({ ...found, error }, { status });
    if (declaresTooLarge(req, MAX_UPLOAD_BYTES)) return refuse("gallery.error.photo_too_big", 413);
    const form = await readForm(req);

    const publish = form.get("publish");
    if (publish === "1" || publish === "0") {
      if (!await setPublished(session, found.album.id, publish === "1")) {
        return refuse("gallery.error.not_your_ward", 403);
      }
      return redirect(`/admin/gallery/${found.album.id}`);
    }

    const albumId = found.album.id;
    const photoId = String(form.get("photo_id") ?? "");
    switch (form.get("action")) {
      case "caption": {
        const captions = readCaptions(form);
        if (!captions) return refuse("gallery.error.caption", 422);
        return isUuid(photoId) && await setCaptions(session, albumId, photoId, captions)
          ? redirect(`/admin/gallery/${albumId}?done=caption_saved`)
          : refuse("gallery.upkeep.gone", 403);
      }
      case "remove_photo":
        return isUuid(photoId) && await removePhoto(session, albumId, photoId)
          ? redirect(`/admin/gallery/${albumId}?done=photo_removed`)
          : refuse("gallery.upkeep.gone", 403);
      case "remove_album":
        if (form.get("confirm") !== "yes") return refuse("gallery.upkeep.remove_album_unconfirmed", 422);
        return await removeAlbum(session, albumId)
          ? redirect("/admin/gallery?done=album_removed")
          : refuse("gallery.error.not_your_ward", 403);
    }

    if (!form.has("thumb") && form.get("photo") instanceof File) {
      return refuse("gallery.admin.needs_script", 422);
    }
    const thumb = checkSize(await fileBytes(form.get("thumb")), "thumb");
    if ("error" in thumb) {
      return refuse(thumb.error, thumb.error === "gallery.error.photo_too_big" ? 413 : 415);
    }
    const large = checkSize(await fileBytes(form.get("large")), "large");
    if ("error" in large) {
      return refuse(large.error, large.error === "gallery.error.photo_too_big" ? 413 : 415);
    }
    const captions = readCaptions(form);
    if (!captions) return refuse("gallery.error.caption", 422);

    const added = await addPhoto(session, found.album.id, { thumb, large }, captions);
    if (added === "refused") return refuse("gallery.error.not_your_ward", 403);
    return asJson ? json({ ok: true }, 201) : redirect(`/admin/gallery/${found.album.id}?added=1`);
  },
};

export default function AlbumPage({ data, state, url }: PageProps<AlbumData, StaffState>) {
  const { t, locale } = state;
  const { album, photos } = data;
  return (
    <>
      <PageTitle title={album.title_bn} state={state} />
      <p class="mb-4">
        <a href="/admin/gallery" class={LINK}>{t("gallery.back")}</a>
      </p>
      <PageHeading
        title={album.title_bn}
        lead={album.published ? t("gallery.admin.published") : t("gallery.admin.draft")}
      />
      {url.searchParams.has("added") && <Notice kind="info">{t("gallery.admin.uploaded")}</Notice>}
      {DONE.filter((done) => url.searchParams.get("done") === done).map((done) => (
        <Notice key={done} kind="info">{t(`gallery.upkeep.${done}`)}</Notice>
      ))}
      {data.error && <Notice kind="error">{t(data.error)}</Notice>}
      <form method="post" class="mb-6">
        <input type="hidden" name="publish" value={album.published ? "0" : "1"} />
        <button type="submit" class={album.published ? BUTTON_SECONDARY : BUTTON_PRIMARY}>
          {album.published ? t("gallery.admin.unpublish") : t("gallery.admin.publish")}
        </button>
        {album.published && <a href={`/gallery/${album.id}`} class={`${LINK} ml-4`}>{t("gallery.title")}</a>}
      </form>
      <GalleryUploader
        albumId={album.id}
        locale={locale}
        messages={islandMessages(locale, ["gallery.admin.", "gallery.error."])}
      />
      <ul class="mt-6 grid gap-4 grid-cols-1 sm:grid-cols-2 md:grid-cols-3">
        {photos.map((photo, index) => (
          <li class="p-2 rounded-lg bg-white border border-gray-200">
            <PhotoImage
              photo={photo}
              alt={photo.caption_bn ?? t("gallery.photo_alt", { album: album.title_bn, number: index + 1 })}
              sizes="(min-width: 768px) 250px, 100vw"
            />
            <details class="mt-2">
              <summary class="min-h-[44px] py-2 cursor-pointer underline text-green-900">
                {t("gallery.upkeep.edit_caption")}
              </summary>
              <form method="post" class="space-y-2">
                <input type="hidden" name="action" value="caption" />
                <input type="hidden" name="photo_id" value={photo.id} />
                <LabelledControl label={t("gallery.admin.caption_bn")}>
                  <input name="caption_bn" maxLength={300} value={photo.caption_bn ?? ""} class={INPUT} />
                </LabelledControl>
                <LabelledControl label={t("gallery.admin.caption_en")}>
                  <input
                    name="caption_en"
                    maxLength={300}
                    value={photo.caption_en ?? ""}
                    class={INPUT}
                    lang="en"
                  />
                </LabelledControl>
                <button type="submit" class={BUTTON_PRIMARY}>{t("gallery.upkeep.save_caption")}</button>
              </form>
            </details>
            <RemoveForm fields={{ action: "remove_photo", photo_id: photo.id }}>
              {t("gallery.upkeep.remove_photo")}
            </RemoveForm>
          </li>
        ))}
      </ul>

      <form method="post" class="mt-10 p-4 rounded-lg border-2 border-red-700 bg-red-50 space-y-3">
        <input type="hidden" name="action" value="remove_album" />
        <label class="flex items-start gap-3">
          <input type="checkbox" name="confirm" value="yes" required class="mt-1 w-5 h-5" />
          <span>{t("gallery.upkeep.remove_album_confirm")}</span>
        </label>
        <button type="submit" class="min-h-[44px] px-4 rounded-lg bg-red-700 text-white font-bold">
          {t("gallery.upkeep.remove_album")}
        </button>
      </form>
    </>
  );
}
