/** Staff: the albums they keep, and a form to make one (a ward admin's wards; the city for super admins). */
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { StaffState } from "@/lib/auth/guard.ts";
import type { MessageKey } from "@/lib/i18n/mod.ts";
import { readForm } from "@/lib/http/body.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { type Album, createAlbum, listKeptAlbums } from "@/lib/gallery/repository.ts";
import { loadWards, type Ward, wardGroups, wardLabel } from "@/lib/wards.ts";
import { INPUT, LabelledControl } from "@/components/FormField.tsx";
import { BUTTON_PRIMARY, LINK, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";

interface AlbumsData {
  albums: Album[];
  wards: Ward[];
  error?: MessageKey;
}

async function load(state: StaffState, error?: MessageKey): Promise<AlbumsData> {
  const [albums, wards] = await Promise.all([listKeptAlbums(state.session), loadWards()]);
  return { albums, wards, error };
}

export const handler: Handlers<AlbumsData, StaffState> = {
  async GET(_req, ctx) {
    return ctx.render(await load(ctx.state));
  },
  async POST(req, ctx) {
    const [form, wards] = await Promise.all([readForm(req), loadWards()]);
    const made = await createAlbum(ctx.state.session, form, new Set(wards.map((ward) => ward.id)));
    if (!made.ok) return ctx.render(await load(ctx.state, made.error), { status: 422 });
    return redirect(`/admin/gallery/${made.id}`);
  },
};

export default function AlbumsPage({ data, state, url }: PageProps<AlbumsData, StaffState>) {
  const { t, locale, session } = state;
  const byId = new Map(data.wards.map((ward) => [ward.id, ward]));
  const ownWards = session.user.role === "super_admin"
    ? []
    : data.wards.filter((ward) => session.user.wards.includes(ward.id));
  return (
    <>
      <PageTitle title={t("gallery.admin.title")} state={state} />
      <PageHeading title={t("gallery.admin.title")} lead={t("gallery.admin.lead")} />
      {data.error && <Notice kind="error">{t(data.error)}</Notice>}
      {url.searchParams.get("done") === "album_removed" && (
        <Notice kind="info">{t("gallery.upkeep.album_removed")}</Notice>
      )}
      <form method="post" class="mb-8 p-4 rounded-lg bg-white border border-gray-200 space-y-3">
        <h2 class="text-lg font-bold">{t("gallery.admin.new")}</h2>
        <LabelledControl label={t("gallery.admin.title_bn")}>
          <input name="title_bn" required maxLength={150} class={INPUT} />
        </LabelledControl>
        <LabelledControl label={t("gallery.admin.title_en")}>
          <input name="title_en" maxLength={150} class={INPUT} lang="en" />
        </LabelledControl>
        <LabelledControl label={t("gallery.admin.description")}>
          <textarea name="description_bn" maxLength={1000} rows={3} class={`${INPUT} py-2`} />
        </LabelledControl>
        <LabelledControl label={t("gallery.admin.ward")}>
          {session.user.role === "super_admin"
            ? (
              <select name="ward_id" class={INPUT}>
                <option value="">{t("gallery.admin.city_wide")}</option>
                {wardGroups(data.wards, t, locale).map((group) => (
                  <optgroup label={group.label}>
                    {group.options.map((option) => (
                      <option key={option.value} value={option.value}>{option.label}</option>
                    ))}
                  </optgroup>
                ))}
              </select>
            )
            : (
              <select name="ward_id" class={INPUT}>
                {ownWards.map((ward) => (
                  <option key={ward.id} value={ward.id}>{wardLabel(ward, t, locale)}</option>
                ))}
              </select>
            )}
        </LabelledControl>
        <button type="submit" class={BUTTON_PRIMARY}>{t("gallery.admin.create")}</button>
      </form>
      {data.albums.length === 0 ? <p>{t("gallery.admin.none")}</p> : (
        <ul class="space-y-2">
          {data.albums.map((album) => {
            const ward = album.ward_id === null ? null : byId.get(album.ward_id);
            return (
              <li class="p-3 rounded-lg bg-white border border-gray-200">
                <a href={`/admin/gallery/${album.id}`} class={LINK}>{album.title_bn}</a>
                <span class="block text-sm text-gray-600">
                  {album.published ? t("gallery.admin.published") : t("gallery.admin.draft")} ·{" "}
                  {ward ? wardLabel(ward, t, locale) : t("gallery.admin.city_wide")}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
