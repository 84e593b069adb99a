/**
 * Staff: one album they keep — its photos, publishing, and adding photos. An upload is the two sizes the
 * browser made (GalleryUploader), each checked here by content: an image by its bytes, no larger than its
 * size's pixels and bytes (so no original, and no 12 MP photo, is ever stored), JPEG GPS blanked.
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
  setPublished,
} from "@/lib/gallery/repository.ts";
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
    const captions = {
      caption_bn: caption.safeParse(form.get("caption_bn") ?? ""),
      caption_en: caption.safeParse(form.get("caption_en") ?? ""),
    };
    if (!captions.caption_bn.success || !captions.caption_en.success) {
      return refuse("gallery.error.caption", 422);
    }

    const added = await addPhoto(session, found.album.id, { thumb, large }, {
      caption_bn: captions.caption_bn.data ?? null,
      caption_en: captions.caption_en.data ?? null,
    });
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
      <ul class="mt-6 grid gap-3 grid-cols-2 md:grid-cols-4">
        {photos.map((photo, index) => (
          <li>
            <PhotoImage
              photo={photo}
              alt={photo.caption_bn ?? t("gallery.photo_alt", { album: album.title_bn, number: index + 1 })}
              sizes="200px"
            />
          </li>
        ))}
      </ul>
    </>
  );
}
