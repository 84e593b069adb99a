/**
 * The staff notice form: read, checked (each problem a catalogue key next to its field), and saved as the
 * staff member, so RLS has the last word; its refusals come back as the same messages.
 */
import { z } from "zod";
import type { UserSession } from "../auth/session.ts";
import type { MessageKey } from "../i18n/mod.ts";
import { toAsciiDigits } from "../i18n/format.ts";
import { userClient } from "../supabase.ts";
import { fieldErrors, formStrings, optionalField, writtenText } from "../validation.ts";
import { findMarkupProblem } from "./rich_text.ts";
import { type Notice, NOTICE_CATEGORIES, NoticeDataError } from "./repository.ts";
import type { Ward } from "../wards.ts";

export const NOTICE_FIELDS = [
  "title_bn",
  "title_en",
  "body_bn",
  "body_en",
  "category",
  "scope",
  "publish_at",
  "expires_at",
  "pinned",
  "urgent",
] as const;
export type NoticeField = typeof NOTICE_FIELDS[number] | "wards" | "form";
export type NoticeFormValues = Record<typeof NOTICE_FIELDS[number], string> & { wards: string[] };
export type NoticeFormErrors = Partial<Record<NoticeField, MessageKey>>;

/** What the database stores, from a valid form. */
export type NoticeInput = Omit<Notice, "id" | "updated_at" | "publish_at"> & { publish_at?: string };

const MARKUP_ERRORS = { html: "notices.error.html", link_scheme: "notices.error.link_scheme" } as const;

const bodyText = writtenText(10_000, "notices.error.body_long")
  .superRefine((value, context) => {
    const problem = findMarkupProblem(value);
    if (problem) context.addIssue({ code: "custom", message: MARKUP_ERRORS[problem] });
  });
const titleText = writtenText(200, "notices.error.title_long");

/** "2026-12-04T09:30" from a datetime-local field, in Bangladesh time (+06:00 all year), as an instant. */
const localMoment = z.string()
  .transform((typed) => toAsciiDigits(typed).trim())
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: "notices.error.date" }))
  .transform((local) => new Date(`${local}:00+06:00`))
  .refine((date) => !Number.isNaN(date.getTime()), { error: "notices.error.date" });

const schema = z.object({
  title_bn: titleText.pipe(z.string().min(1, { error: "notices.error.title" })),
  title_en: optionalField(titleText),
  body_bn: bodyText.pipe(z.string().min(1, { error: "notices.error.body" })),
  body_en: optionalField(bodyText),
  category: z.enum(NOTICE_CATEGORIES, { error: "notices.error.category" }),
  scope: z.enum(["city", "wards"], { error: "notices.error.wards" }),
  publish_at: optionalField(localMoment),
  expires_at: optionalField(localMoment),
  pinned: z.string(),
  urgent: z.string(),
});

/** The form's values as typed, to show again. */
export function noticeFormValues(form: FormData): NoticeFormValues {
  return {
    ...formStrings(form, NOTICE_FIELDS),
    wards: form.getAll("wards").filter((value): value is string => typeof value === "string"),
  };
}

/**
 * Checks the form for this staff member: `knownWards` are the city's ward ids; a ward admin may only
 * choose among their own wards (the database refuses it too; this says so next to the field).
 */
export function parseNoticeForm(
  values: NoticeFormValues,
  session: UserSession,
  knownWards: ReadonlySet<number>,
): { ok: true; input: NoticeInput } | { ok: false; errors: NoticeFormErrors } {
  const parsed = schema.safeParse(values);
  const errors: NoticeFormErrors = parsed.success ? {} : fieldErrors<NoticeField>(parsed.error.issues);
  const wardIds = values.wards.map((ward) => Number(toAsciiDigits(ward)));
  const cityWide = values.scope === "city";
  if (!cityWide) {
    if (wardIds.length === 0) errors.wards = "notices.error.wards";
    else if (wardIds.some((id) => !Number.isInteger(id) || !knownWards.has(id))) {
      errors.wards = "notices.error.unknown_ward";
    }
  }
  const isSuperAdmin = session.user.role === "super_admin";
  if (
    !errors.wards && !isSuperAdmin && (cityWide || wardIds.some((id) => !session.user.wards.includes(id)))
  ) {
    errors.wards = "notices.error.not_your_ward";
  }
  if (!parsed.success || Object.keys(errors).length) return { ok: false, errors };
  const data = parsed.data;
  const publishAt = data.publish_at ?? undefined;
  if (data.expires_at && data.expires_at <= (publishAt ?? new Date())) {
    return { ok: false, errors: { expires_at: "notices.error.expiry" } };
  }
  return {
    ok: true,
    input: {
      title_bn: data.title_bn,
      title_en: data.title_en ?? null,
      body_bn: data.body_bn,
      body_en: data.body_en ?? null,
      category: data.category,
      urgent: data.urgent === "on",
      pinned: data.pinned === "on",
      ward_ids: cityWide ? [] : wardIds,
      publish_at: publishAt?.toISOString(),
      expires_at: data.expires_at?.toISOString() ?? null,
    },
  };
}

/** The database's refusals, as the form's messages; null for failures the person cannot fix. */
function refusal(error: { code?: string; message: string }): NoticeFormErrors | null {
  if (error.code === "42501") return { wards: "notices.error.not_your_ward" };
  if (error.code === "23503") return { wards: "notices.error.unknown_ward" };
  if (error.code === "23514") {
    if (error.message.includes("no_html")) return { body_bn: "notices.error.html" };
    if (error.message.includes("expires_after_publish")) return { expires_at: "notices.error.expiry" };
  }
  return null;
}

/**
 * Publishes a new notice (`id` null) or changes one, as the staff member. A change that RLS hides (not
 * theirs, or gone) updates no row: `not_found`.
 */
export async function saveNotice(
  session: UserSession,
  id: string | null,
  input: NoticeInput,
): Promise<
  { ok: true; id: string } | { ok: false; errors: NoticeFormErrors } | { ok: false; notFound: true }
> {
  const notices = userClient(session.accessToken).from("notices");
  const { data, error } = id === null
    ? await notices.insert(input).select("id").maybeSingle()
    : await notices.update({ ...input, publish_at: input.publish_at ?? undefined }).eq("id", id).select("id")
      .maybeSingle();
  if (error) {
    const errors = refusal(error);
    if (errors) return { ok: false, errors };
    throw new NoticeDataError("saving a notice", error);
  }
  if (!data) return { ok: false, notFound: true };
  return { ok: true, id: (data as { id: string }).id };
}

/**
 * The posted form read, checked against the city's `wards` and, when valid, saved as `saveNotice` does (a
 * new notice when `id` is null); the values as typed come back with the outcome, to show again.
 */
export async function submitNoticeForm(
  form: FormData,
  session: UserSession,
  id: string | null,
  wards: readonly Ward[],
): Promise<{
  values: NoticeFormValues;
  saved: Awaited<ReturnType<typeof saveNotice>> | { ok: false; errors: NoticeFormErrors };
}> {
  const values = noticeFormValues(form);
  const parsed = parseNoticeForm(values, session, new Set(wards.map((ward) => ward.id)));
  return { values, saved: parsed.ok ? await saveNotice(session, id, parsed.input) : parsed };
}

/** Withdraws a notice as the staff member; false when RLS hid it (not theirs) or it was gone. */
export async function deleteNotice(session: UserSession, id: string): Promise<boolean> {
  const { data, error } = await userClient(session.accessToken).from("notices").delete().eq("id", id)
    .select("id");
  if (error) throw new NoticeDataError("withdrawing a notice", error);
  return (data ?? []).length > 0;
}

/** A stored moment as a datetime-local value in Bangladesh time. */
export function localInputValue(iso: string | null): string {
  if (!iso) return "";
  return new Date(new Date(iso).getTime() + 6 * 3600_000).toISOString().slice(0, 16);
}

/** A notice as the form shows it. */
export function valuesOf(notice: Notice): NoticeFormValues {
  return {
    title_bn: notice.title_bn,
    title_en: notice.title_en ?? "",
    body_bn: notice.body_bn,
    body_en: notice.body_en ?? "",
    category: notice.category,
    scope: notice.ward_ids.length ? "wards" : "city",
    wards: notice.ward_ids.map(String),
    publish_at: localInputValue(notice.publish_at),
    expires_at: localInputValue(notice.expires_at),
    pinned: notice.pinned ? "on" : "",
    urgent: notice.urgent ? "on" : "",
  };
}
