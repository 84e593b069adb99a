/**
 * One submit of the new-complaint form, from either kind of browser: with JavaScript the photos were
 * uploaded beforehand and arrive as `photo_path` fields; without it they arrive as files and are uploaded
 * here. Either way the complaint and its photos are written in one database call, and when that fails the
 * photos are removed again so nothing is left half-saved.
 */
import type { UserSession } from "../auth/session.ts";
import { LIMITS } from "./model.ts";
import {
  type FiledComplaint,
  isAlreadyFiled,
  photoFolder,
  referenceData,
  removePhotos,
  submitComplaint,
  uploadPhoto,
} from "./repository.ts";
import {
  checkPhotoFiles,
  type ComplaintFormErrors,
  type ComplaintFormValues,
  formValues,
  parseComplaintForm,
} from "./validation.ts";

/** The most a form post may carry: five photos at the bucket's limit, plus the text. */
export const MAX_SUBMISSION_BYTES = LIMITS.photosMax * LIMITS.photoBytesMax + 64 * 1024;

export type SubmissionOutcome =
  | { kind: "filed"; complaint: FiledComplaint }
  /** Nothing was stored; `filesDropped` when photo files came along and must be chosen again. */
  | { kind: "invalid"; values: ComplaintFormValues; errors: ComplaintFormErrors; filesDropped: boolean }
  /** Storing failed; photos of this submission were removed when `photosRemoved`. */
  | { kind: "failed"; values: ComplaintFormValues; photosRemoved: boolean };

export async function submitComplaintForm(session: UserSession, form: FormData): Promise<SubmissionOutcome> {
  const values = formValues(form);
  const { categories, wards } = await referenceData();
  const parsed = parseComplaintForm(values, {
    categoryCodes: categories.map((category) => category.code),
    wardIds: new Set(wards.map((ward) => ward.id)),
  });
  const files = form.getAll("photos").filter((entry): entry is File =>
    entry instanceof File && entry.size > 0
  );
  const invalid = (errors: ComplaintFormErrors) =>
    ({ kind: "invalid", values, errors, filesDropped: files.length > 0 }) as const;
  if (!parsed.ok) return invalid(parsed.errors);
  const input = parsed.input;

  // Uploaded beforehand by this person for this very submission (the names the upload route gave).
  const uploaded = form.getAll("photo_path").map(String);
  const ownName = new RegExp(
    `^${photoFolder(session, input.clientRequestId)}/[0-9a-f]{32}\\.(jpg|png|webp)$`,
  );
  if (!uploaded.every((path) => ownName.test(path))) return invalid({ form: "complaint.error.request" });
  const checked = await checkPhotoFiles(files, new Set(uploaded).size);
  if (!checked.ok) return invalid({ photos: checked.error });

  const paths = [...uploaded];
  try {
    for (const photo of checked.photos) paths.push(await uploadPhoto(session, input.clientRequestId, photo));
    // The same photo chosen twice is one object: attach it once.
    return { kind: "filed", complaint: await submitComplaint(session, input, [...new Set(paths)]) };
  } catch (error) {
    console.error(error);
    return {
      kind: "failed",
      values,
      photosRemoved: await removeUnused(session, input.clientRequestId, paths),
    };
  }
}

/** Removes the photos unless an earlier try of this submission did become a complaint that uses them. */
async function removeUnused(
  session: UserSession,
  clientRequestId: string,
  paths: string[],
): Promise<boolean> {
  try {
    if (await isAlreadyFiled(session, clientRequestId)) return false;
    await removePhotos(session, paths);
    return true;
  } catch (error) {
    console.error(error); // left for the clean-up of unattached uploads
    return false;
  }
}
