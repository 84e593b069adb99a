/**
 * The staff dashboard: complaint statistics for the viewer's scope (RLS decides it) over a period, with
 * the period and filters in the URL (a GET form). Mistakes in the URL answer 400 with the form and what is
 * wrong; a period past today or over a year is corrected and the page says so. Scripts asking for JSON get
 * the figures, their digest and the figures region rendered afresh, which the live island swaps in.
 */
import type { Handlers, PageProps } from "$fresh/server.ts";
import { renderToString } from "preact-render-to-string";
import type { StaffState } from "@/lib/auth/guard.ts";
import { config } from "@/lib/config.ts";
import { json, wantsJson } from "@/lib/http/json.ts";
import { islandMessages, type MessageKey } from "@/lib/i18n/mod.ts";
import { type ReferenceData, referenceData } from "@/lib/complaints/repository.ts";
import { categoryName } from "@/lib/complaints/labels.ts";
import { wardGroups } from "@/lib/wards.ts";
import {
  type DashboardFigures as Figures,
  figuresDigest,
  listingFor,
  loadDashboard,
  queryChoices,
} from "@/lib/staff/dashboard.ts";
import {
  DASHBOARD_FIELDS,
  type DashboardField,
  type DashboardQuery,
  parseDashboardQuery,
  periodDays,
} from "@/lib/staff/dashboard_query.ts";
import { formatDay, wardTitle } from "@/lib/staff/dashboard_labels.ts";
import { queueTopics } from "@/lib/staff/queue_topics.ts";
import { DashboardFigures } from "@/components/admin/dashboard/DashboardFigures.tsx";
import { DashboardFilters } from "@/components/admin/dashboard/DashboardFilters.tsx";
import { Notice, PageHeading, PageTitle } from "@/components/ui.tsx";
import DashboardLive from "@/islands/DashboardLive.tsx";
import { SosDesk } from "@/components/emergency/SosDesk.tsx";

interface Shown {
  query: DashboardQuery;
  figures: Figures;
  digest: string;
  readAt: Date;
}

interface DashboardPageData {
  reference: ReferenceData;
  values: Record<DashboardField, string>;
  errors: Partial<Record<DashboardField, MessageKey>>;
  shown: Shown | null;
}

const FIGURES_REGION = "dashboard-figures";
/** Personal figures, different for JSON and HTML. */
const PRIVATE_HEADERS = { "cache-control": "private, no-store", vary: "Accept, Cookie" };

export const handler: Handlers<DashboardPageData, StaffState> = {
  async GET(req, ctx) {
    const { session, t, locale } = ctx.state;
    const reference = await referenceData();
    const categories = reference.categories.map((category) => category.code);
    const params = ctx.url.searchParams;
    const outcome = parseDashboardQuery(
      params,
      queryChoices(session.user, reference.wards.map((ward) => ward.id), categories),
    );
    if (!outcome.ok) {
      if (wantsJson(req)) {
        const fields = Object.fromEntries(
          Object.entries(outcome.errors).map(([field, key]) => [field, t(key)]),
        );
        return json({ error: t("dashboard.error.fix"), fields }, 400);
      }
      const values = Object.fromEntries(DASHBOARD_FIELDS.map((field) => [field, params.get(field) ?? ""]));
      return await ctx.render(
        { reference, values: values as Record<DashboardField, string>, errors: outcome.errors, shown: null },
        { status: 400, headers: PRIVATE_HEADERS },
      );
    }

    const { query } = outcome;
    const figures = await loadDashboard(session, query, listingFor(session.user, query, categories));
    const shown = { query, figures, digest: figuresDigest(figures), readAt: new Date() };
    if (wantsJson(req)) {
      const html = renderToString(
        <DashboardFigures {...figuresProps(shown, reference)} t={t} locale={locale} />,
      );
      const response = json({ digest: shown.digest, figures, html });
      response.headers.set("vary", PRIVATE_HEADERS.vary);
      return response;
    }
    return await ctx.render({ reference, values: formValues(query), errors: {}, shown }, {
      headers: PRIVATE_HEADERS,
    });
  },
};

/** The form's fields for a query shown: dates only when they were chosen rather than a preset. */
function formValues({ period, ward, category }: DashboardQuery): Record<DashboardField, string> {
  return {
    period: period.preset ?? "custom",
    from: period.preset ? "" : period.from,
    to: period.preset ? "" : period.to,
    ward: ward === null ? "" : String(ward),
    category: category ?? "",
  };
}

const wardNames = (reference: ReferenceData) => new Map(reference.wards.map((ward) => [ward.id, ward]));

function figuresProps(shown: Shown, reference: ReferenceData) {
  return {
    figures: shown.figures,
    readAt: shown.readAt,
    wardNames: wardNames(reference),
    categories: new Map(reference.categories.map((category) => [category.code, category])),
  };
}

export default function DashboardPage({ data, state, url }: PageProps<DashboardPageData, StaffState>) {
  const { t, locale, session } = state;
  const { reference, values, errors, shown } = data;
  const { user } = session;
  const names = wardNames(reference);
  const scope = user.role === "ward_admin"
    ? t("dashboard.scope.ward_admin", {
      wards: user.wards.map((id) => wardTitle(id, names, t, locale)).join(", "),
    })
    : t(`dashboard.scope.${user.role}`);
  const choosable = new Set(queryChoices(user, reference.wards.map((ward) => ward.id), []).scopeWards);
  const groups = wardGroups(reference.wards.filter((ward) => choosable.has(ward.id)), t, locale);
  const errorText = Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, t(key)]));

  return (
    <>
      <PageTitle title={t("dashboard.title")} state={state} />
      <PageHeading title={t("dashboard.title")} lead={scope} />
      <SosDesk state={state} initial={[]} />
      {!shown && <Notice kind="error">{t("dashboard.error.fix")}</Notice>}
      <DashboardFilters
        state={state}
        values={values}
        errors={errorText}
        wardGroups={groups}
        categories={reference.categories.map((category) => ({
          value: category.code,
          label: categoryName(category, category.code, locale),
        }))}
      />
      {shown && (
        <>
          <div class="mt-4">
            {shown.query.notices.map((notice) => <Notice key={notice} kind="info">{t(notice)}</Notice>)}
          </div>
          <div class="flex flex-wrap items-baseline justify-between gap-x-6 gap-y-1">
            <p class="text-lg font-bold text-gray-900">
              {t("dashboard.period_label", {
                from: formatDay(shown.query.period.from, locale),
                to: formatDay(shown.query.period.to, locale),
                days: periodDays(shown.query.period),
              })}
            </p>
            <DashboardLive
              url={url.pathname + url.search}
              regionId={FIGURES_REGION}
              digest={shown.digest}
              topics={queueTopics(user)}
              realtime={{ supabaseUrl: config.supabaseUrl, anonKey: config.supabaseAnonKey }}
              locale={locale}
              messages={islandMessages(locale, ["dashboard.live."])}
            />
          </div>
          <div id={FIGURES_REGION}>
            <DashboardFigures {...figuresProps(shown, reference)} t={t} locale={locale} />
          </div>
        </>
      )}
    </>
  );
}
