/**
 * Adds photos to an album: each chosen file is made into the gallery's two sizes here in the browser
 * (lib/gallery/prepare_sizes.ts), then both are posted with the caption to the album's page, which checks
 * them by content and stores them as the staff member. Without scripts the form says it needs them.
 */
import { useEffect, useState } from "preact/hooks";
import type { JSX } from "preact";
import type { Locale } from "@/lib/i18n/locales.ts";
import { type Messages, translatorFor } from "@/lib/i18n/translate.ts";
import { prepareSizes } from "@/lib/gallery/prepare_sizes.ts";
import { INPUT, LabelledControl } from "@/components/FormField.tsx";

export interface GalleryUploaderProps {
  albumId: string;
  locale: Locale;
  /** `gallery.admin.*` and `gallery.error.*` */
  messages: Messages;
}

export default function GalleryUploader({ albumId, locale, messages }: GalleryUploaderProps) {
  const t = translatorFor(messages, locale);
  const [ready, setReady] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ kind: "error" | "info"; text: string } | null>(null);
  useEffect(() => setReady(true), []);

  async function submit(event: JSX.TargetedEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const file = (form.elements.namedItem("photo") as HTMLInputElement).files?.[0];
    if (!file) return setStatus({ kind: "error", text: t("gallery.error.photo_missing") });
    setBusy(true);
    setStatus({ kind: "info", text: t("gallery.admin.uploading") });
    try {
      const sizes = await prepareSizes(file).catch(() => null);
      if (!sizes) return setStatus({ kind: "error", text: t("gallery.error.photo_type") });
      const body = new FormData();
      body.set("thumb", sizes.thumb);
      body.set("large", sizes.large);
      for (const name of ["caption_bn", "caption_en"]) {
        body.set(name, (form.elements.namedItem(name) as HTMLInputElement).value);
      }
      const response = await fetch(`/admin/gallery/${albumId}`, {
        method: "POST",
        body,
        headers: { accept: "application/json" },
      }).catch(() => null);
      const reply = await response?.json().catch(() => null) as { error?: string } | null;
      if (response?.ok) {
        form.reset();
        location.assign(`/admin/gallery/${albumId}?added=1`);
      } else {
        setStatus({ kind: "error", text: reply?.error ?? t("gallery.error.upload_failed") });
      }
    } finally {
      setBusy(false);
    }
  }
  return (
    <form
      method="post"
      encType="multipart/form-data"
      onSubmit={submit}
      class="p-4 rounded-lg bg-white border border-gray-200 space-y-3"
    >
      <h2 class="text-lg font-bold">{t("gallery.admin.add_photo")}</h2>
      {!ready && <p class="text-red-800">{t("gallery.admin.needs_script")}</p>}
      <LabelledControl label={t("gallery.admin.photo")}>
        <span class="block text-sm text-gray-600">{t("gallery.admin.photo_hint")}</span>
        <input type="file" name="photo" accept="image/jpeg,image/png,image/webp" class="mt-1 block" />
      </LabelledControl>
      <LabelledControl label={t("gallery.admin.caption_bn")}>
        <input name="caption_bn" maxLength={300} class={INPUT} />
      </LabelledControl>
      <LabelledControl label={t("gallery.admin.caption_en")}>
        <input name="caption_en" maxLength={300} class={INPUT} lang="en" />
      </LabelledControl>
      <p
        role={status?.kind === "error" ? "alert" : "status"}
        class={status?.kind === "error" ? "text-red-800 font-bold" : ""}
      >
        {status?.text ?? ""}
      </p>
      <button
        type="submit"
        disabled={busy}
        class="inline-flex items-center justify-center min-h-[48px] px-5 rounded-lg bg-green-700 text-white font-bold disabled:opacity-60"
      >
        {t("gallery.admin.upload")}
      </button>
    </form>
  );
}
