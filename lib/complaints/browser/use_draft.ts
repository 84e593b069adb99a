/**
 * The complaint being written, as the form's state, kept in step with its draft on the phone
 * (draft_store.ts): the draft of an earlier visit comes back on load, changes are saved once the person
 * has changed something, and the draft goes once the complaint is filed or followed. Browser only.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { clearDraft, type Draft, type DraftPhoto, loadDraft, saveDraft } from "./draft_store.ts";

export type TextField = "category" | "title" | "description" | "ward_id" | "location";
export type Coords = NonNullable<Draft["coords"]>;

/** A photo on the form: as the draft keeps it, with its preview and upload progress. */
export interface PhotoItem extends DraftPhoto {
  previewUrl: string;
  /** 0-1 while uploading. */
  progress: number | null;
}

export function photoItem(photo: DraftPhoto): PhotoItem {
  return { ...photo, previewUrl: URL.createObjectURL(photo.blob), progress: null };
}

export interface DraftStart {
  userId: string;
  /** The idempotency key the server handed out; a restored draft brings its own. */
  requestId: string;
  fields: Record<TextField, string>;
  /** The server is showing the form again with errors: what it shows wins over an earlier draft. */
  keepServerValues: boolean;
}

export function useDraft({ userId, keepServerValues, ...start }: DraftStart) {
  const [requestId, setRequestId] = useState(start.requestId);
  const [fields, setFields] = useState(start.fields);
  const [coords, setCoords] = useState<Coords | null>(null);
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [restored, setRestored] = useState(false);
  /** Set once the person changed something: from then on the draft is saved. */
  const touched = useRef(false);
  /** Set once the complaint was filed or followed: nothing may bring the draft back. */
  const finished = useRef(false);

  useEffect(() => {
    loadDraft(userId).then((draft) => {
      if (!draft || keepServerValues || touched.current) return;
      setRequestId(draft.requestId);
      setFields((current) => ({ ...current, ...draft.fields }));
      setCoords(draft.coords);
      setPhotos(draft.photos.map(photoItem));
      setRestored(true);
    });
  }, []);

  // Keep the draft in step: typing a moment after it stops, photos and location at once (they are
  // what is hardest to redo, and a reload may come any moment).
  useEffect(() => {
    const timer = setTimeout(save, 400);
    return () => clearTimeout(timer);
  }, [fields]);
  const photoKey = photos.map((photo) => `${photo.id}:${photo.uploadedPath ?? ""}`).join();
  useEffect(() => void save(), [coords, photoKey, requestId]);

  /** The draft as it stands; `uploadedPaths` (photo id → object name) records what the server now holds. */
  function snapshot(uploadedPaths?: Map<string, string>): Draft {
    return {
      requestId,
      fields,
      coords,
      photos: photos.map(({ id, blob, width, height, uploadedPath }) => ({
        id,
        blob,
        width,
        height,
        uploadedPath: uploadedPaths ? uploadedPaths.get(id) ?? null : uploadedPath,
      })),
      savedAt: Date.now(),
    };
  }

  function save(): Promise<void> {
    if (!touched.current || finished.current) return Promise.resolve();
    return saveDraft(userId, snapshot());
  }

  return {
    requestId,
    fields,
    coords,
    photos,
    /** The draft of an earlier visit was brought back. */
    restored,
    setCoords,
    setPhotos,
    markTouched() {
      touched.current = true;
    },
    change(field: TextField, value: string) {
      touched.current = true;
      setFields((current) => ({ ...current, [field]: value }));
    },
    save,
    /** Saves the draft with every photo sent (before the form goes), so a retry sends none again. */
    saveUploaded: (paths: Map<string, string>) => saveDraft(userId, snapshot(paths)),
    /** The complaint is filed or followed: the draft goes, and the person goes on to `next`. */
    async finish(next: string) {
      finished.current = true;
      await clearDraft(userId);
      location.assign(next);
    },
    async discard() {
      await clearDraft(userId);
      location.assign("/complaints/new");
    },
  };
}

export type ComplaintDraft = ReturnType<typeof useDraft>;
