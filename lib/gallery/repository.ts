/**
 * The gallery for the server: albums and photos read as the reader (visitors as anon: published albums
 * only), written as staff; photo files go to the public `gallery` bucket as the staff member, so storage
 * RLS decides which album folders they may write.
 */
import { z } from "zod";
import type { UserSession } from "../auth/session.ts";
import type { MessageKey } from "../i18n/mod.ts";
import { config } from "../config.ts";
import { readerClient, visitorClient } from "../supabase.ts";
import { imageTypeOf } from "../image_type.ts";
import { withoutLocation } from "../complaints/photo_privacy.ts";
import { optionalField, writtenText } from "../validation.ts";
import { imageSize } from "./image_size.ts";
import { GALLERY_LONG_EDGES } from "./sizes.ts";
import { DataError } from "../data_error.ts";

export const GALLERY_BUCKET = "gallery";
/** The sizes pages use: the long edge of each, in pixels, and the most bytes each may take. */
export const GALLERY_SIZES = {
  thumb: { longEdge: GALLERY_LONG_EDGES.thumb, maxBytes: 150 * 1024 },
  large: { longEdge: GALLERY_LONG_EDGES.large, maxBytes: 900 * 1024 },
} as const;
export type GallerySize = keyof typeof GALLERY_SIZES;
const TYPES = { "image/webp": "webp", "image/jpeg": "jpg" } as const;

export interface Album {
  id: string;
  title_bn: string;
  title_en: string | null;
  description_bn: string | null;
  ward_id: number | null;
  published: boolean;
  created_at: string;
}

export interface Photo {
  id: string;
  album_id: string;
  caption_bn: string | null;
  caption_en: string | null;
  thumb_path: string;
  large_path: string;
  width: number;
  height: number;
}

export class GalleryDataError extends DataError {}

const ALBUM_COLUMNS = "id, title_bn, title_en, description_bn, ward_id, published, created_at";
const PHOTO_COLUMNS = "id, album_id, caption_bn, caption_en, thumb_path, large_path, width, height";

/** The public URL of a stored size. */
export function photoUrl(path: string): string {
  return `${config.supabaseUrl}/storage/v1/object/public/${GALLERY_BUCKET}/${
    path.split("/").map(encodeURIComponent).join("/")
  }`;
}

/** Published albums, newest first, each with its first photo as the cover. */
export async function listAlbums(limit = 30): Promise<(Album & { cover: Photo | null })[]> {
  const { data, error } = await visitorClient().from("gallery_albums")
    .select(`${ALBUM_COLUMNS}, gallery_photos(${PHOTO_COLUMNS})`)
    .eq("published", true).order("created_at", { ascending: false })
    .order("position", { referencedTable: "gallery_photos" }).limit(1, { referencedTable: "gallery_photos" })
    .limit(limit);
  if (error) throw new GalleryDataError("listing albums", error);
  return (data as (Album & { gallery_photos: Photo[] })[]).map(({ gallery_photos, ...album }) => ({
    ...album,
    cover: gallery_photos[0] ?? null,
  }));
}

/** Albums the staff member keeps (RLS), newest first. */
export async function listKeptAlbums(session: UserSession): Promise<Album[]> {
  let query = readerClient(session).from("gallery_albums").select(ALBUM_COLUMNS);
  if (session.user.role !== "super_admin") query = query.in("ward_id", session.user.wards);
  const { data, error } = await query.order("created_at", { ascending: false }).limit(100);
  if (error) throw new GalleryDataError("listing kept albums", error);
  return data as Album[];
}

/** An album and its photos as the reader may see them; null when hidden or missing. */
export async function getAlbum(
  session: UserSession | null,
  id: string,
): Promise<{ album: Album; photos: Photo[] } | null> {
  const client = readerClient(session);
  const [album, photos] = await Promise.all([
    client.from("gallery_albums").select(ALBUM_COLUMNS).eq("id", id).maybeSingle(),
    client.from("gallery_photos").select(PHOTO_COLUMNS).eq("album_id", id).order("position").order(
      "created_at",
    ),
  ]);
  if (album.error) throw new GalleryDataError("reading an album", album.error);
  if (photos.error) throw new GalleryDataError("reading an album's photos", photos.error);
  return album.data ? { album: album.data as Album, photos: photos.data as Photo[] } : null;
}

const albumSchema = z.object({
  title_bn: writtenText(150, "gallery.error.title").pipe(z.string().min(1, { error: "gallery.error.title" })),
  title_en: optionalField(writtenText(150, "gallery.error.title")),
  description_bn: optionalField(writtenText(1000, "gallery.error.description")),
  ward_id: optionalField(z.coerce.number().int()),
});

/** Makes an album as the staff member (unpublished); the RLS refusal (another ward) as a message. */
export async function createAlbum(
  session: UserSession,
  form: FormData,
  knownWards: ReadonlySet<number>,
): Promise<{ ok: true; id: string } | { ok: false; error: MessageKey }> {
  const parsed = albumSchema.safeParse({
    title_bn: form.get("title_bn") ?? "",
    title_en: form.get("title_en") ?? "",
    description_bn: form.get("description_bn") ?? "",
    ward_id: form.get("ward_id") ?? "",
  });
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0].message as MessageKey };
  const ward = parsed.data.ward_id ?? null;
  if (ward !== null && !knownWards.has(ward)) return { ok: false, error: "gallery.error.ward" };
  const { data, error } = await readerClient(session).from("gallery_albums")
    .insert({ ...parsed.data, title_en: parsed.data.title_en ?? null, ward_id: ward }).select("id").single();
  if (error?.code === "42501") return { ok: false, error: "gallery.error.not_your_ward" };
  if (error) throw new GalleryDataError("making an album", error);
  return { ok: true, id: (data as { id: string }).id };
}

export async function setPublished(session: UserSession, id: string, published: boolean): Promise<boolean> {
  const { data, error } = await readerClient(session).from("gallery_albums").update({ published }).eq(
    "id",
    id,
  )
    .select("id");
  if (error) throw new GalleryDataError("publishing an album", error);
  return (data ?? []).length > 0;
}

/** A prepared size as it arrived, checked by content (type, pixel size, bytes), location metadata taken out. */
export type CheckedSize = {
  bytes: Uint8Array<ArrayBuffer>;
  type: keyof typeof TYPES;
  width: number;
  height: number;
};

export function checkSize(
  bytes: Uint8Array<ArrayBuffer>,
  size: GallerySize,
): CheckedSize | { error: MessageKey } {
  const limits = GALLERY_SIZES[size];
  if (bytes.length === 0) return { error: "gallery.error.photo_missing" };
  if (bytes.length > limits.maxBytes) return { error: "gallery.error.photo_too_big" };
  const type = imageTypeOf(bytes);
  if (type !== "image/webp" && type !== "image/jpeg") return { error: "gallery.error.photo_type" };
  const cleaned = withoutLocation(bytes);
  const dimensions = cleaned && imageSize(cleaned);
  if (!cleaned || !dimensions || dimensions.width < 1 || dimensions.height < 1) {
    return { error: "gallery.error.photo_type" };
  }
  if (Math.max(dimensions.width, dimensions.height) > limits.longEdge) {
    return { error: "gallery.error.photo_too_big" };
  }
  return { bytes: cleaned, type, ...dimensions };
}

/**
 * Stores a photo's two sizes in the album's folder and adds it, as the staff member. Files first, the
 * row after (the database refuses a row without its files); if the row fails, the files go again.
 */
export async function addPhoto(
  session: UserSession,
  albumId: string,
  sizes: { thumb: CheckedSize; large: CheckedSize },
  caption: { caption_bn: string | null; caption_en: string | null },
): Promise<"ok" | "refused"> {
  const client = readerClient(session);
  const id = crypto.randomUUID();
  const paths = {
    thumb: `${albumId}/${id}-thumb.${TYPES[sizes.thumb.type]}`,
    large: `${albumId}/${id}-large.${TYPES[sizes.large.type]}`,
  };
  for (const size of ["thumb", "large"] as const) {
    const { error } = await client.storage.from(GALLERY_BUCKET).upload(paths[size], sizes[size].bytes, {
      contentType: sizes[size].type,
      cacheControl: "31536000",
    });
    if (error) {
      await client.storage.from(GALLERY_BUCKET).remove([paths.thumb]);
      if (/row-level security|403|Unauthorized/i.test(error.message)) return "refused";
      throw new GalleryDataError("uploading a photo", error);
    }
  }
  const { error } = await client.from("gallery_photos").insert({
    id,
    album_id: albumId,
    ...caption,
    thumb_path: paths.thumb,
    large_path: paths.large,
    width: sizes.large.width,
    height: sizes.large.height,
  });
  if (error) {
    await client.storage.from(GALLERY_BUCKET).remove([paths.thumb, paths.large]);
    if (error.code === "42501") return "refused";
    throw new GalleryDataError("adding a photo", error);
  }
  return "ok";
}

/** Changes a photo's captions as the staff member; false when RLS hid it (not an album they keep). */
export async function setCaptions(
  session: UserSession,
  albumId: string,
  photoId: string,
  captions: { caption_bn: string | null; caption_en: string | null },
): Promise<boolean> {
  const { data, error } = await readerClient(session).from("gallery_photos").update(captions)
    .eq("id", photoId).eq("album_id", albumId).select("id");
  if (error) throw new GalleryDataError("changing a caption", error);
  return (data ?? []).length > 0;
}

/**
 * Removes a photo as the staff member: its files first, so none stays public with no row leading to it
 * (a failure after that leaves a row whose removal can simply be tried again), then the row. False when
 * RLS hid it (Storage removes nothing of an album they do not keep either).
 */
export async function removePhoto(session: UserSession, albumId: string, photoId: string): Promise<boolean> {
  const client = readerClient(session);
  const { data: photo, error } = await client.from("gallery_photos").select("thumb_path, large_path")
    .eq("id", photoId).eq("album_id", albumId).maybeSingle();
  if (error) throw new GalleryDataError("reading a photo to remove", error);
  if (!photo) return false;
  const removed = await client.storage.from(GALLERY_BUCKET).remove([photo.thumb_path, photo.large_path]);
  if (removed.error) throw new GalleryDataError("removing a photo's files", removed.error);
  const deleted = await client.from("gallery_photos").delete().eq("id", photoId).select("id");
  if (deleted.error) throw new GalleryDataError("removing a photo", deleted.error);
  return (deleted.data ?? []).length > 0;
}

/**
 * Removes an album as the staff member: every file in its folder (any left by a failed upload too), then
 * the album, whose photos go with it. False when RLS hid it (not an album they keep).
 */
export async function removeAlbum(session: UserSession, albumId: string): Promise<boolean> {
  const client = readerClient(session);
  // A page of files at a time until none is left (or Storage removes none: not theirs to remove).
  for (;;) {
    const files = await client.storage.from(GALLERY_BUCKET).list(albumId, { limit: 1000 });
    if (files.error) throw new GalleryDataError("listing an album's files", files.error);
    if (files.data.length === 0) break;
    const removed = await client.storage.from(GALLERY_BUCKET)
      .remove(files.data.map((file) => `${albumId}/${file.name}`));
    if (removed.error) throw new GalleryDataError("removing an album's files", removed.error);
    if (removed.data.length === 0) break;
  }
  const { data, error } = await client.from("gallery_albums").delete().eq("id", albumId).select("id");
  if (error) throw new GalleryDataError("removing an album", error);
  return (data ?? []).length > 0;
}
