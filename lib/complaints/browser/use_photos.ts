/**
 * The complaint's photos: made small on the phone as they are added (one at a time), removed, and sent
 * one by one with progress before the form goes, each only once. Browser only.
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { Translate } from "@/lib/i18n/translate.ts";
import { LIMITS } from "../model.ts";
import { preparePhoto } from "./prepare_photo.ts";
import { postWithProgress, signInAgain } from "./send.ts";
import { type ComplaintDraft, type PhotoItem, photoItem } from "./use_draft.ts";
import type { ErrorSummary } from "./use_error_summary.ts";

export function usePhotos(draft: ComplaintDraft, errors: ErrorSummary, t: Translate) {
  const { photos, setPhotos } = draft;
  /** Photos being made small. */
  const [preparing, setPreparing] = useState(0);

  function update(id: string, change: Partial<PhotoItem>) {
    setPhotos((current) => current.map((photo) => photo.id === id ? { ...photo, ...change } : photo));
  }

  return {
    photos,
    preparing,

    async add(event: JSX.TargetedEvent<HTMLInputElement>) {
      draft.markTouched();
      const input = event.currentTarget;
      const files = Array.from(input.files ?? []);
      input.value = "";
      const room = LIMITS.photosMax - photos.length - preparing;
      if (files.length > room) errors.set("photos", t("complaint.error.photos_too_many"));
      else errors.clear("photos");
      // One at a time: a cheap phone holds a single decoded 12 MP photo comfortably, not five.
      for (const file of files.slice(0, Math.max(0, room))) {
        setPreparing((count) => count + 1);
        try {
          const prepared = await preparePhoto(file);
          const item = photoItem({ id: crypto.randomUUID(), ...prepared, uploadedPath: null });
          setPhotos((current) => [...current, item]);
        } catch {
          errors.set("photos", t("complaint.error.photo_unreadable"));
        } finally {
          setPreparing((count) => count - 1);
        }
      }
    },

    remove(id: string) {
      draft.markTouched();
      setPhotos((current) => {
        const removed = current.find((photo) => photo.id === id);
        if (removed) URL.revokeObjectURL(removed.previewUrl);
        return current.filter((photo) => photo.id !== id);
      });
    },

    /** Sends the photos not sent yet: photo id → object name for all of them, or null when sending stopped. */
    async upload(): Promise<Map<string, string> | null> {
      const paths = new Map<string, string>();
      for (const photo of photos) {
        if (photo.uploadedPath) {
          paths.set(photo.id, photo.uploadedPath);
          continue;
        }
        update(photo.id, { progress: 0 });
        const reply = await postWithProgress<{ path?: string; error?: string }>(
          `/api/complaints/photos?${new URLSearchParams({ request: draft.requestId })}`,
          photo.blob,
          (fraction) => update(photo.id, { progress: fraction }),
        ).catch((error) => {
          update(photo.id, { progress: null });
          throw error;
        });
        if (reply.status === 401) {
          signInAgain("/complaints/new");
          return null;
        }
        if (reply.status !== 200 || !reply.body?.path) {
          update(photo.id, { progress: null });
          errors.show({ photos: reply.body?.error ?? t("complaint.error.photo_upload") });
          return null;
        }
        update(photo.id, { uploadedPath: reply.body.path, progress: null });
        paths.set(photo.id, reply.body.path);
      }
      return paths;
    },

    /** The server dropped the photos it held (a failed save): send them all again next time. */
    forgetUploads() {
      setPhotos((current) => current.map((photo) => ({ ...photo, uploadedPath: null })));
    },
  };
}

export type Photos = ReturnType<typeof usePhotos>;
