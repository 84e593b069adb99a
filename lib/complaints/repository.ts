/**
 * Complaints data for the server: every read and write goes through PostgREST and Storage as the person
 * asking (their JWT), so RLS, column grants and the database's triggers decide; visitors act as anon.
 */
import { isUuid } from "../validation.ts";
import type { SupabaseClient } from "@supabase/supabase-js";
import type { UserSession } from "../auth/session.ts";
import type { MessageKey } from "../i18n/mod.ts";
import { userClient, visitorClient } from "../supabase.ts";
import type { Category, ComplaintStatus, PhotoType, TimelineEntry } from "./model.ts";
import { loadWards, type Ward } from "../wards.ts";
import { cachedFor, REFERENCE_TTL_MS } from "../cache.ts";
import type { CheckedPhoto, ComplaintInput } from "./validation.ts";
import { DataError } from "../data_error.ts";

export const PHOTO_BUCKET = "complaint-photos";
export const PAGE_SIZE = 10;
/** How long a photo link on a detail page works. */
const SIGNED_URL_SECONDS = 60 * 60;

export class ComplaintDataError extends DataError {}

const asUser = (session: UserSession) => userClient(session.accessToken);

// ---------------------------------------------------------------------------------------------------
// Reference data
// ---------------------------------------------------------------------------------------------------

export interface ReferenceData {
  categories: Category[];
  wards: Ward[];
}

/** Active categories in picker order. */
const loadCategories = cachedFor(REFERENCE_TTL_MS, async () => {
  const { data, error } = await visitorClient()
    .from("categories").select("code, name_bn, name_en").eq("active", true).order("sort_order");
  if (error) throw new ComplaintDataError("reading categories", error);
  return data as Category[];
});

/** The status workflow: from each status, the statuses a complaint may move to. */
export const statusWorkflow = cachedFor(REFERENCE_TTL_MS, async () => {
  const { data, error } = await visitorClient().from("complaint_status_transitions").select(
    "from_status, to_status",
  );
  if (error) throw new ComplaintDataError("reading the status workflow", error);
  return data as { from_status: ComplaintStatus; to_status: ComplaintStatus }[];
});

/** Active categories in picker order, and all wards (DNCC then DSCC, by number). */
export async function referenceData(): Promise<ReferenceData> {
  const [categories, wards] = await Promise.all([loadCategories(), loadWards()]);
  return { categories, wards };
}

// ---------------------------------------------------------------------------------------------------
// My complaints
// ---------------------------------------------------------------------------------------------------

export interface ComplaintSummary {
  id: string;
  tracking_number: string;
  title: string;
  category: string;
  status: ComplaintStatus;
  ward_id: number | null;
  created_at: string;
  updated_at: string;
  /** False for complaints the person follows ("me too"). */
  is_own: boolean;
}

/** Where the next page starts: the last row's created_at (as PostgREST wrote it) and id. */
export interface PageCursor {
  createdAt: string;
  id: string;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:\d{2})?)$/;
export function encodeCursor(cursor: PageCursor): string {
  return `${cursor.createdAt}_${cursor.id}`;
}

/** Null for anything that is not a cursor this app wrote (it ends up in a PostgREST filter). */
export function decodeCursor(value: string | null): PageCursor | null {
  if (!value) return null;
  const [createdAt, id, ...rest] = value.split("_");
  return rest.length === 0 && TIMESTAMP.test(createdAt ?? "") && isUuid(id ?? "") ? { createdAt, id } : null;
}

/**
 * Newest first, PAGE_SIZE at a time, keyset-paginated on (created_at, id): the complaints the person
 * filed and those they follow, in one database call (`public.my_complaints`, which walks this person's
 * rows by index and shows followed complaints only as far as a follower may see them).
 */
export async function listMyComplaints(
  session: UserSession,
  before: PageCursor | null,
): Promise<{ complaints: ComplaintSummary[]; next: PageCursor | null }> {
  const { data, error } = await asUser(session).rpc("my_complaints", {
    before_created_at: before?.createdAt ?? null,
    before_id: before?.id ?? null,
    page_size: PAGE_SIZE + 1,
  });
  if (error) throw new ComplaintDataError("listing complaints", error);
  const rows = data as ComplaintSummary[];
  const complaints = rows.slice(0, PAGE_SIZE);
  const last = complaints.at(-1);
  return {
    complaints,
    next: rows.length > PAGE_SIZE && last ? { createdAt: last.created_at, id: last.id } : null,
  };
}

// ---------------------------------------------------------------------------------------------------
// One complaint
// ---------------------------------------------------------------------------------------------------

export interface ComplaintPhoto {
  position: number;
  url: string;
}

/** What a follower of someone else's complaint sees: what the public tracking page shows, and the title. */
export interface FollowedComplaint extends Omit<ComplaintSummary, "is_own"> {
  resolved_at: string | null;
  timeline: (TimelineEntry & { id: number })[];
}

export interface ComplaintDetail extends FollowedComplaint {
  /** This and the place, rejection reason and photos: only for the filer and staff (null or none for followers). */
  description: string | null;
  location: string | null;
  latitude: number | null;
  longitude: number | null;
  rejection_reason: string | null;
  /** Signed links. */
  photos: ComplaintPhoto[];
  is_own: boolean;
  is_following: boolean;
}

/**
 * The complaint if the person may read it: whole when they filed it or are a super admin (RLS on the
 * table), as a follower sees it when they follow it; else null.
 */
export async function getComplaint(session: UserSession, id: string): Promise<ComplaintDetail | null> {
  if (!isUuid(id)) return null;
  const client = asUser(session);
  const { data, error } = await client
    .from("complaints")
    .select(
      `id, tracking_number, title, description, category, status, ward_id, location, latitude, longitude,
       created_at, updated_at, resolved_at, rejection_reason, citizen_id,
       complaint_updates (id, new_status, comment, created_at),
       complaint_photos (storage_path, position),
       complaint_followers (citizen_id)`,
    )
    .eq("id", id)
    .order("id", { referencedTable: "complaint_updates" })
    .order("position", { referencedTable: "complaint_photos" })
    .maybeSingle();
  if (error) throw new ComplaintDataError("reading a complaint", error);
  if (!data) return await getFollowedComplaint(client, id);

  const { citizen_id, complaint_updates, complaint_photos, complaint_followers, ...complaint } = data;
  return {
    ...complaint,
    latitude: complaint.latitude === null ? null : Number(complaint.latitude),
    longitude: complaint.longitude === null ? null : Number(complaint.longitude),
    timeline: complaint_updates.map((update) => ({
      id: update.id,
      status: update.new_status,
      at: update.created_at,
      comment: update.comment,
    })),
    photos: await signPhotos(client, complaint_photos),
    is_own: citizen_id === session.user.id,
    // RLS shows a person only their own follower rows.
    is_following: complaint_followers.length > 0,
  };
}

/** Someone else's complaint the person follows, as `public.followed_complaint` shows it; else null. */
async function getFollowedComplaint(client: SupabaseClient, id: string): Promise<ComplaintDetail | null> {
  const { data, error } = await client.rpc("followed_complaint", { complaint_id: id });
  if (error) throw new ComplaintDataError("reading a followed complaint", error);
  if (!data) return null;
  return {
    ...(data as FollowedComplaint),
    description: null,
    location: null,
    latitude: null,
    longitude: null,
    rejection_reason: null,
    photos: [],
    is_own: false,
    is_following: true,
  };
}

/** Links to a complaint's photos that work for an hour, signed as whoever `client` acts for (Storage RLS). */
export async function signPhotos(
  client: SupabaseClient,
  photos: { storage_path: string; position: number }[],
): Promise<ComplaintPhoto[]> {
  if (photos.length === 0) return [];
  const { data, error } = await client.storage
    .from(PHOTO_BUCKET)
    .createSignedUrls(photos.map((photo) => photo.storage_path), SIGNED_URL_SECONDS);
  if (error) throw new ComplaintDataError("signing photo links", error);
  return photos.flatMap((photo, i) => {
    const url = data[i]?.signedUrl;
    return url ? [{ position: photo.position, url }] : [];
  });
}

/** The latest state of a complaint, for a page catching up after its live connection dropped. */
export async function getComplaintStatus(
  session: UserSession,
  id: string,
): Promise<
  Pick<ComplaintDetail, "status" | "updated_at" | "resolved_at" | "rejection_reason" | "timeline"> | null
> {
  const complaint = await getComplaint(session, id);
  if (!complaint) return null;
  const { status, updated_at, resolved_at, rejection_reason, timeline } = complaint;
  return { status, updated_at, resolved_at, rejection_reason, timeline };
}

// ---------------------------------------------------------------------------------------------------
// Filing
// ---------------------------------------------------------------------------------------------------

export interface FiledComplaint {
  id: string;
  tracking_number: string;
  /** False when this was a retry of a submission that had already gone through. */
  created: boolean;
}

/** Files the complaint and attaches its uploaded photos in one database call (nothing half-saved). */
export async function submitComplaint(
  session: UserSession,
  input: ComplaintInput,
  photoPaths: string[],
): Promise<FiledComplaint> {
  const { data, error } = await asUser(session).rpc("submit_complaint", {
    client_request_id: input.clientRequestId,
    category: input.category,
    title: input.title,
    description: input.description,
    location: input.location,
    latitude: input.latitude,
    longitude: input.longitude,
    ward_id: input.wardId,
    photo_paths: photoPaths,
  }).single<FiledComplaint>();
  if (error) throw new ComplaintDataError("filing a complaint", error);
  return data;
}

/** Whether this submission (by its request key) already became a complaint. */
export async function isAlreadyFiled(session: UserSession, clientRequestId: string): Promise<boolean> {
  const { count, error } = await asUser(session)
    .from("complaints")
    .select("id", { count: "exact", head: true })
    .eq("citizen_id", session.user.id)
    .eq("client_request_id", clientRequestId);
  if (error) throw new ComplaintDataError("looking up a submission", error);
  return (count ?? 0) > 0;
}

const EXTENSIONS: Record<PhotoType, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
};

/** The folder a submission's photos go to: `<uid>/<client_request_id>/`. */
export function photoFolder(session: UserSession, clientRequestId: string): string {
  return `${session.user.id}/${clientRequestId}`;
}

/**
 * Uploads a checked photo (its location already taken out: `checkPhoto`) into the submission's folder as
 * the person. The name is the content's hash, so a retried upload of the same photo lands on the same
 * object and counts as done.
 */
export async function uploadPhoto(
  session: UserSession,
  clientRequestId: string,
  { bytes, type }: CheckedPhoto,
): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const hash = Array.from(digest.slice(0, 16), (byte) => byte.toString(16).padStart(2, "0")).join("");
  const path = `${photoFolder(session, clientRequestId)}/${hash}.${EXTENSIONS[type]}`;
  const { error } = await asUser(session).storage.from(PHOTO_BUCKET).upload(path, bytes, {
    contentType: type,
    cacheControl: "31536000",
    upsert: false,
  });
  if (error && !isDuplicate(error)) throw new ComplaintDataError("uploading a photo", error);
  return path;
}

function isDuplicate(error: Error): boolean {
  const { statusCode, status } = error as Error & { statusCode?: string; status?: number };
  return statusCode === "409" || status === 409;
}

/** Removes uploaded photos that no complaint will use (after a failed submission). */
export async function removePhotos(session: UserSession, paths: string[]): Promise<void> {
  if (paths.length === 0) return;
  const { error } = await asUser(session).storage.from(PHOTO_BUCKET).remove(paths);
  if (error) throw new ComplaintDataError("removing photos", error);
}

// ---------------------------------------------------------------------------------------------------
// Nearby and "me too"
// ---------------------------------------------------------------------------------------------------

export interface NearbyComplaint {
  id: string;
  tracking_number: string;
  title: string;
  status: ComplaintStatus;
  created_at: string;
  distance_m: number;
  follower_count: number;
  is_own: boolean;
  is_following: boolean;
}

export async function nearbyOpenComplaints(
  session: UserSession,
  place: { category: string; latitude: number; longitude: number },
): Promise<NearbyComplaint[]> {
  const { data, error } = await asUser(session).rpc("nearby_open_complaints", place);
  if (error) throw new ComplaintDataError("finding nearby complaints", error);
  return data as NearbyComplaint[];
}

/** "Me too". False when the complaint cannot be followed (own, closed, unknown). */
export async function followComplaint(session: UserSession, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const { error } = await asUser(session).rpc("follow_complaint", { complaint_id: id });
  if (!error) return true;
  if (error.code === "42501") return false; // RLS: not followable
  throw new ComplaintDataError("following a complaint", error);
}

export async function unfollowComplaint(session: UserSession, id: string): Promise<void> {
  if (!isUuid(id)) return;
  const { error } = await asUser(session)
    .from("complaint_followers")
    .delete()
    .eq("complaint_id", id)
    .eq("citizen_id", session.user.id);
  if (error) throw new ComplaintDataError("unfollowing a complaint", error);
}

// ---------------------------------------------------------------------------------------------------
// The citizen's answer to a resolution
// ---------------------------------------------------------------------------------------------------

/** What the database refused, as a message for the person and the HTTP status of the answer. */
export interface Refusal {
  status: 403 | 404 | 409 | 422;
  message: MessageKey;
}

/** It is fixed (closed), or it is not, and what is still wrong (back in progress). */
export type ResolutionAnswer = { fixed: true } | { fixed: false; reason: string };

const RESOLUTION_REFUSALS: Record<string, Refusal> = {
  CC404: { status: 404, message: "complaint.resolution.error.not_yours" },
  CC409: { status: 409, message: "complaint.resolution.error.expired" },
  CC422: { status: 422, message: "complaint.resolution.error.reason" },
};

/** The filer answers within 7 days of the resolution (`confirm_resolution`, `reopen_complaint`); null when done. */
export async function answerResolution(
  session: UserSession,
  id: string,
  answer: ResolutionAnswer,
): Promise<Refusal | null> {
  const { error } = answer.fixed
    ? await asUser(session).rpc("confirm_resolution", { complaint_id: id })
    : await asUser(session).rpc("reopen_complaint", { complaint_id: id, reason: answer.reason });
  if (!error) return null;
  const refusal = RESOLUTION_REFUSALS[error.code];
  if (refusal) return refusal;
  throw new ComplaintDataError("answering a resolution", error);
}

// ---------------------------------------------------------------------------------------------------
// Public tracking
// ---------------------------------------------------------------------------------------------------

export interface TrackedComplaint {
  tracking_number: string;
  category: string;
  status: ComplaintStatus;
  ward: Ward | null;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  timeline: TimelineEntry[];
}

/** What anyone may know about a complaint by its number; null when there is none. */
export async function trackComplaint(trackingNumber: string): Promise<TrackedComplaint | null> {
  const { data, error } = await visitorClient().rpc("track_complaint", { tracking_number: trackingNumber });
  if (error) throw new ComplaintDataError("tracking a complaint", error);
  return data as TrackedComplaint | null;
}
