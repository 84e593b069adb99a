/**
 * GET /notices/feed/<ward id | city>: the published notices of a ward and the city-wide ones (city: the
 * city-wide ones only) as an Atom feed (RFC 4287), for feed readers and sites that gather notices.
 * Bengali by default, English with `?lang=en`. Entry content is the same allow-listed HTML as the page.
 */
import type { Handlers } from "$fresh/server.ts";
import type { AppState } from "@/lib/state.ts";
import { translator } from "@/lib/i18n/mod.ts";
import { listPublished, noticeText, wardFilter } from "@/lib/notices/repository.ts";
import { visitorClient } from "@/lib/supabase.ts";
import { escapeHtml, renderRichText } from "@/lib/notices/rich_text.ts";
import { loadWards, wardLabel } from "@/lib/wards.ts";

const FEED_SIZE = 50;

export const handler: Handlers<unknown, AppState> = {
  async GET(_req, ctx) {
    const wards = await loadWards();
    const wardId = wardFilter(ctx.params.ward, new Set(wards.map((ward) => ward.id)));
    if (wardId === undefined) return ctx.renderNotFound();
    const locale = ctx.url.searchParams.get("lang") === "en" ? "en" : "bn";
    const t = translator(locale);
    // Visitors' view: the feed is the same for everyone.
    const notices = await listPublished(visitorClient(), { wardId, limit: FEED_SIZE });
    const ward = wards.find((candidate) => candidate.id === wardId);
    const origin = ctx.url.origin;
    const self = `${origin}/notices/feed/${ctx.params.ward}${locale === "en" ? "?lang=en" : ""}`;
    const page = `${origin}/notices?ward=${wardId ?? "city"}`;
    const updated = notices.reduce(
      (latest, notice) => notice.updated_at > latest ? notice.updated_at : latest,
      "",
    );
    const entries = notices.map((notice) => {
      const { title, body } = noticeText(notice, locale);
      return `  <entry>
    <id>urn:uuid:${notice.id}</id>
    <title>${escapeHtml(title)}</title>
    <link rel="alternate" type="text/html" href="${origin}/notices/${notice.id}"/>
    <published>${new Date(notice.publish_at).toISOString()}</published>
    <updated>${new Date(notice.updated_at).toISOString()}</updated>
    <category term="${notice.category}" label="${escapeHtml(t(`notices.category.${notice.category}`))}"/>
    <content type="html">${escapeHtml(renderRichText(body))}</content>
  </entry>`;
    });
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">
  <id>${escapeHtml(self)}</id>
  <title>${
      escapeHtml(
        t("notices.feed_title", { place: ward ? wardLabel(ward, t, locale) : t("notices.city_wide") }),
      )
    }</title>
  <link rel="self" type="application/atom+xml" href="${escapeHtml(self)}"/>
  <link rel="alternate" type="text/html" href="${escapeHtml(page)}"/>
  <author><name>${escapeHtml(t("app.full_name"))}</name></author>
  <updated>${new Date(updated || Date.now()).toISOString()}</updated>
${entries.join("\n")}
</feed>
`;
    return new Response(xml, {
      headers: {
        "content-type": "application/atom+xml; charset=utf-8",
        "cache-control": "public, max-age=300",
      },
    });
  },
};
