/**
 * Open complaints of the same kind close by, offered before a duplicate is filed, and "me too": following
 * one of them instead. Browser only.
 */
import { useEffect, useState } from "preact/hooks";
import type { Translate } from "@/lib/i18n/translate.ts";
import type { NearbyComplaint } from "../repository.ts";
import { requestJson } from "./send.ts";
import type { ComplaintDraft } from "./use_draft.ts";
import type { ErrorSummary } from "./use_error_summary.ts";

export function useNearby(draft: ComplaintDraft, errors: ErrorSummary, t: Translate) {
  const [complaints, setComplaints] = useState<NearbyComplaint[]>([]);
  const { coords, fields: { category } } = draft;

  useEffect(() => {
    if (!coords || !category) return setComplaints([]);
    const query = new URLSearchParams({
      category,
      latitude: String(coords.latitude),
      longitude: String(coords.longitude),
    });
    let current = true;
    requestJson<{ complaints: NearbyComplaint[] }>(`/api/complaints/nearby?${query}`)
      .then(({ status, body }) => current && status === 200 && setComplaints(body.complaints))
      .catch(() => current && setComplaints([]));
    return () => {
      current = false;
    };
  }, [coords, category]);

  return {
    complaints,
    async meToo(id: string) {
      const reply = await requestJson<{ location?: string }>(`/api/complaints/${id}/follow`, {
        method: "POST",
      })
        .catch(() => null);
      if (reply?.body?.location) {
        await draft.finish(reply.body.location);
      } else {
        errors.show({ form: t("complaint.nearby.follow_failed") });
      }
    },
  };
}
