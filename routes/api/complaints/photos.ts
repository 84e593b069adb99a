/**
 * POST /api/complaints/photos?request=<client_request_id>: one prepared photo (raw body, image/*) from the
 * new-complaint island, stored as the signed-in person in complaint-photos/<uid>/<request>/. The island
 * never holds a token for Storage: this route forwards the person's own JWT, so Storage's RLS decides.
 * Uploading the same photo again returns the same name (a safe retry).
 */
import { isUuid } from "@/lib/validation.ts";
import type { Handlers } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { LIMITS } from "@/lib/complaints/model.ts";
import { uploadPhoto } from "@/lib/complaints/repository.ts";
import { checkPhoto } from "@/lib/complaints/validation.ts";
import { json } from "@/lib/http/json.ts";
import { readBodyLimited } from "@/lib/http/body.ts";

export const handler: Handlers<unknown, SignedInState> = {
  async POST(req, ctx) {
    const { session, t } = ctx.state;
    const requestId = ctx.url.searchParams.get("request") ?? "";
    if (!isUuid(requestId)) return json({ error: t("complaint.error.request") }, 400);

    const bytes = await readBodyLimited(req, LIMITS.photoBytesMax);
    if (!bytes) return json({ error: t("complaint.error.photo_size") }, 413);
    const photo = checkPhoto(bytes);
    if (!photo) return json({ error: t("complaint.error.photo_type") }, 415);
    try {
      return json({ path: await uploadPhoto(session, requestId, photo) });
    } catch (error) {
      console.error(error);
      return json({ error: t("complaint.error.photo_upload") }, 502);
    }
  },
};
