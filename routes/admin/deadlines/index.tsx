/**
 * Deadline targets (super admins): hours from filing to the deadline for each category and priority. A
 * change applies to complaints filed, or given another priority, from then on.
 */
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { StaffState } from "@/lib/auth/guard.ts";
import type { MessageKey } from "@/lib/i18n/mod.ts";
import { localDigits } from "@/lib/i18n/mod.ts";
import { readForm } from "@/lib/http/body.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { COMPLAINT_PRIORITIES } from "@/lib/complaints/model.ts";
import { categoryName } from "@/lib/complaints/labels.ts";
import { type ReferenceData, referenceData } from "@/lib/complaints/repository.ts";
import {
  type DeadlineTarget,
  loadTargets,
  parseTargetsForm,
  saveTargets,
  targetField,
} from "@/lib/staff/deadlines.ts";
import { BUTTON_PRIMARY, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";

interface DeadlinesData {
  targets: DeadlineTarget[];
  reference: ReferenceData;
  values: Record<string, string>;
  errors: Partial<Record<string, MessageKey>>;
  refused?: boolean;
}

const valuesOf = (targets: DeadlineTarget[]) =>
  Object.fromEntries(targets.map((target) => [targetField(target), String(target.hours)]));

export const handler: Handlers<DeadlinesData, StaffState> = {
  async GET(_req, ctx) {
    const [targets, reference] = await Promise.all([loadTargets(ctx.state.session), referenceData()]);
    return ctx.render({ targets, reference, values: valuesOf(targets), errors: {} });
  },

  async POST(req, ctx) {
    const { session } = ctx.state;
    const form = await readForm(req);
    const [targets, reference] = await Promise.all([loadTargets(session), referenceData()]);
    const parsed = parseTargetsForm(form, targets);
    if (!parsed.ok) {
      return ctx.render({ targets, reference, values: parsed.values, errors: parsed.errors }, {
        status: 422,
      });
    }
    if (!await saveTargets(session, parsed.changed)) {
      return ctx.render({ targets, reference, values: valuesOf(targets), errors: {}, refused: true }, {
        status: 403,
      });
    }
    return redirect(`/admin/deadlines?saved=${parsed.changed.length}`);
  },
};

export default function DeadlinesPage({ data, state, url }: PageProps<DeadlinesData, StaffState>) {
  const { t, locale } = state;
  const categories = [...new Set(data.targets.map((target) => target.category))];
  const saved = url.searchParams.get("saved");
  return (
    <>
      <PageTitle title={t("deadlines.title")} state={state} />
      <PageHeading title={t("deadlines.title")} lead={t("deadlines.lead")} />
      {saved !== null && <Notice kind="info">{t("deadlines.saved", { count: Number(saved) || 0 })}</Notice>}
      {data.refused && <Notice kind="error">{t("deadlines.refused")}</Notice>}
      {Object.keys(data.errors).length > 0 && <Notice kind="error">{t("deadlines.error.summary")}</Notice>}
      <form method="post" novalidate>
        <div class="overflow-x-auto">
          <table class="w-full text-left border-collapse">
            <caption class="sr-only">{t("deadlines.caption")}</caption>
            <thead>
              <tr class="border-b border-gray-300">
                <th scope="col" class="py-2 pr-4">{t("deadlines.category")}</th>
                {COMPLAINT_PRIORITIES.map((priority) => (
                  <th scope="col" class="py-2 pr-4">{t(`queue.priority.${priority}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {categories.map((category) => {
                const name = categoryName(
                  data.reference.categories.find((c) => c.code === category),
                  category,
                  locale,
                );
                return (
                  <tr class="border-b border-gray-200">
                    <th scope="row" class="py-2 pr-4 font-normal">{name}</th>
                    {COMPLAINT_PRIORITIES.map((priority) => {
                      const field = targetField({ category, priority });
                      const error = data.errors[field];
                      return (
                        <td class="py-2 pr-4">
                          <label class="sr-only" for={field}>
                            {t("deadlines.field_label", {
                              category: name,
                              priority: t(`queue.priority.${priority}`),
                            })}
                          </label>
                          <input
                            id={field}
                            name={field}
                            inputMode="numeric"
                            value={error ? data.values[field] : localDigits(data.values[field], locale)}
                            aria-invalid={error ? "true" : undefined}
                            class={`w-24 min-h-[44px] px-3 rounded-md border ${
                              error ? "border-red-700" : "border-gray-400"
                            }`}
                          />
                          <span class="ml-1 text-sm text-gray-700">{t("deadlines.hours")}</span>
                          {error && <p class="text-sm text-red-800">{t(error)}</p>}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <button type="submit" class={`${BUTTON_PRIMARY} mt-4`}>{t("deadlines.save")}</button>
      </form>
    </>
  );
}
