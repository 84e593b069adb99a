/**
 * The fee catalogue (super admins): change a fee's names, amount or whether it can be paid, or add one. A new
 * amount counts from the next payment; payments already started keep the amount they started with.
 */
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { StaffState } from "@/lib/auth/guard.ts";
import { readForm } from "@/lib/http/body.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { type Fee, listFees } from "@/lib/payments/repository.ts";
import { saveFee } from "@/lib/payments/admin.ts";
import { INPUT_SMALL, LabelledControl } from "@/components/FormField.tsx";
import { BUTTON_PRIMARY, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";

interface FeesData {
  fees: Fee[];
  failed?: boolean;
}

export const handler: Handlers<FeesData, StaffState> = {
  async GET(_req, ctx) {
    return ctx.render({ fees: await listFees(ctx.state.session) });
  },
  async POST(req, ctx) {
    const form = await readForm(req);
    const saved = await saveFee(ctx.state.session, form, form.get("new") === "1");
    if (!saved) return ctx.render({ fees: await listFees(ctx.state.session), failed: true }, { status: 422 });
    return redirect("/admin/fees?saved=1");
  },
};

function FeeForm({ fee, state }: { fee?: Fee; state: StaffState }) {
  const { t } = state;
  return (
    <form method="post" class="p-4 rounded-lg bg-white border border-gray-300 grid gap-3 sm:grid-cols-2">
      {fee
        ? <input type="hidden" name="code" value={fee.code} />
        : <input type="hidden" name="new" value="1" />}
      {!fee && (
        <LabelledControl small label={t("payments_admin.fees.code")}>
          <input name="code" required pattern="[a-z][a-z0-9_]{2,59}" class={INPUT_SMALL} />
        </LabelledControl>
      )}
      {fee && <p class="font-mono text-sm text-gray-700 sm:col-span-2">{fee.code}</p>}
      <LabelledControl small label={t("payments_admin.fees.name_bn")}>
        <input name="name_bn" required value={fee?.name_bn} class={INPUT_SMALL} />
      </LabelledControl>
      <LabelledControl small label={t("payments_admin.fees.name_en")}>
        <input name="name_en" required value={fee?.name_en} class={INPUT_SMALL} />
      </LabelledControl>
      <LabelledControl small label={t("payments_admin.fees.amount")}>
        <input
          name="amount"
          required
          inputMode="decimal"
          value={fee ? String(fee.amount) : ""}
          class={INPUT_SMALL}
        />
      </LabelledControl>
      <LabelledControl small label={t("payments_admin.fees.corporation")}>
        <select name="corporation" class={INPUT_SMALL}>
          {(["dncc", "dscc"] as const).map((corporation) => (
            <option value={corporation} selected={fee?.corporation === corporation}>
              {t(`payments.fee.corporation.${corporation}`)}
            </option>
          ))}
        </select>
      </LabelledControl>
      <label class="flex items-center gap-2">
        <input
          type="checkbox"
          name="active"
          checked={fee ? fee.active : true}
          class="w-5 h-5 accent-green-700"
        />
        {t("payments_admin.fees.active")}
      </label>
      <button type="submit" class={BUTTON_PRIMARY}>
        {t(fee ? "payments_admin.fees.save" : "payments_admin.fees.add")}
      </button>
    </form>
  );
}

export default function FeesPage({ data, state, url }: PageProps<FeesData, StaffState>) {
  const { t } = state;
  return (
    <>
      <PageTitle title={t("payments_admin.fees.title")} state={state} />
      <PageHeading title={t("payments_admin.fees.title")} lead={t("payments_admin.fees.lead")} />
      {url.searchParams.has("saved") && !data.failed && (
        <Notice kind="info">{t("payments_admin.fees.saved")}</Notice>
      )}
      {data.failed && <Notice kind="error">{t("payments_admin.fees.error")}</Notice>}
      <ul class="space-y-4">
        {data.fees.map((fee) => (
          <li>
            <FeeForm fee={fee} state={state} />
          </li>
        ))}
      </ul>
      <h2 class="mt-8 mb-3 text-xl font-bold">{t("payments_admin.fees.add")}</h2>
      <FeeForm state={state} />
    </>
  );
}
