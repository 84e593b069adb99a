/**
 * Sending the complaint from a hydrated form: the draft saved first, the photos sent on their own, then
 * the form as JSON-answered POST with the photos' object names. A retry after a dropped connection uses
 * the same request id, so the server never files it twice. Browser only.
 */
import type { JSX } from "preact";
import { useRef, useState } from "preact/hooks";
import type { Translate } from "@/lib/i18n/translate.ts";
import { OfflineError, requestJson, signInAgain } from "./send.ts";
import type { ComplaintDraft } from "./use_draft.ts";
import type { ErrorSummary } from "./use_error_summary.ts";
import type { Photos } from "./use_photos.ts";

interface SubmitReply {
  location?: string;
  errors?: Record<string, string>;
  photos_removed?: boolean;
}

export function useSubmit(
  { draft, photos, errors, t, notice: initialNotice }: {
    draft: ComplaintDraft;
    photos: Photos;
    errors: ErrorSummary;
    t: Translate;
    /** Shown above the form until it is sent again. */
    notice?: string;
  },
) {
  const formRef = useRef<HTMLFormElement>(null);
  const [submitting, setSubmitting] = useState(false);
  const [notice, setNotice] = useState(initialNotice);

  async function submit(event: JSX.TargetedEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting || photos.preparing > 0) return;
    setSubmitting(true);
    setNotice(undefined);
    draft.markTouched();
    await draft.save();
    try {
      const paths = await photos.upload();
      if (!paths) return;
      await draft.saveUploaded(paths);
      const form = new FormData(formRef.current!);
      form.delete("photos");
      for (const path of paths.values()) form.append("photo_path", path);
      const reply = await requestJson<SubmitReply>("/complaints/new", { method: "POST", body: form });
      if (reply.status === 401) {
        signInAgain("/complaints/new");
      } else if (reply.body?.location) {
        await draft.finish(reply.body.location);
      } else {
        if (reply.body?.photos_removed) photos.forgetUploads();
        errors.show(reply.body?.errors ?? { form: t("complaint.error.save_failed") });
      }
    } catch (error) {
      if (!(error instanceof OfflineError)) throw error;
      errors.show({ form: t("complaint.form.offline") });
    } finally {
      setSubmitting(false);
    }
  }

  return { formRef, submitting, notice, submit };
}
