/**
 * Bulky item pickups: ask for one (what, where, the days it may be collected), see one's requests and
 * their status, cancel one still waiting. Plain forms; the form carries the request's id, so sending it
 * twice asks once.
 */
import type { FreshContext, Handlers, PageProps } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { formatDate } from "@/lib/i18n/mod.ts";
import { readForm } from "@/lib/http/body.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { getProfile } from "@/lib/profile.ts";
import { formStrings, isUuid } from "@/lib/validation.ts";
import {
  cancelPickup,
  listMyPickups,
  parsePickupForm,
  PICKUP_FIELDS,
  type PickupErrors,
  type PickupFormValues,
  type PickupRequest,
  requestPickup,
  startPickupPayment,
} from "@/lib/waste/repository.ts";
import { redirectToBkash } from "@/lib/payments/checkout.ts";
import { loadWards, type Ward, wardGroups } from "@/lib/wards.ts";
import { controlProps, Field, FormField, SelectField } from "@/components/FormField.tsx";
import { PickupFee } from "@/components/waste/PickupFee.tsx";
import { type Fee, listFees } from "@/lib/payments/repository.ts";
import { BUTTON_PRIMARY, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";
import { RemoveForm } from "@/components/RemoveForm.tsx";

interface PickupPageData {
  values: PickupFormValues;
  errors: PickupErrors;
  wards: Ward[];
  mine: PickupRequest[];
  /** The catalogue's fees on offer, by code: each request links to paying its own. */
  fees: Map<string, Fee>;
}

async function render(
  ctx: FreshContext<SignedInState, PickupPageData>,
  values: PickupFormValues,
  errors: PickupErrors,
  status = 200,
) {
  const [wards, mine, fees] = await Promise.all([
    loadWards(),
    listMyPickups(ctx.state.session),
    listFees(ctx.state.session),
  ]);
  const onOffer = new Map(fees.filter((fee) => fee.active).map((fee) => [fee.code, fee]));
  return ctx.render({ values, errors, wards, mine, fees: onOffer }, { status });
}

export const handler: Handlers<PickupPageData, SignedInState> = {
  async GET(_req, ctx) {
    const profile = await getProfile(ctx.state.session).catch(() => null);
    return render(ctx, {
      id: crypto.randomUUID(),
      ward_id: String(profile?.ward_id ?? ""),
      items: "",
      address: profile?.address ?? "",
      window_start: "",
      window_end: "",
    }, {});
  },

  async POST(req, ctx) {
    const form = await readForm(req);
    const values = formStrings(form, PICKUP_FIELDS);
    if (form.get("action") === "pay") {
      const pickupId = String(form.get("request") ?? "");
      const requestId = String(form.get("request_id") ?? "");
      const fresh = { ...values, id: crypto.randomUUID() };
      if (!isUuid(pickupId) || !isUuid(requestId)) {
        return render(ctx, fresh, { form: "error.unreadable_form" }, 400);
      }
      const started = await startPickupPayment(ctx.state.session, pickupId, requestId);
      if (!started.ok) return render(ctx, fresh, { form: started.error }, 409);
      return redirectToBkash(ctx.state.session, started.paymentId);
    }
    if (form.get("action") === "cancel") {
      const id = String(form.get("request") ?? "");
      if (isUuid(id) && await cancelPickup(ctx.state.session, id)) {
        return redirect("/waste/pickup?done=cancelled");
      }
      return render(ctx, { ...values, id: crypto.randomUUID() }, { form: "waste.admin.error.stale" }, 409);
    }
    const wards = await loadWards();
    const parsed = parsePickupForm(values, new Set(wards.map((ward) => ward.id)));
    if (!parsed.ok) return render(ctx, values, parsed.errors, 422);
    const sent = await requestPickup(ctx.state.session, parsed.input);
    if (!sent.ok) return render(ctx, values, sent.errors, 422);
    return redirect("/waste/pickup?done=sent");
  },
};

export default function PickupPage({ data, state, url }: PageProps<PickupPageData, SignedInState>) {
  const { t, locale } = state;
  const { values, errors } = data;
  const message = (field: keyof PickupErrors) => errors[field] && t(errors[field]!);
  const done = url.searchParams.get("done");
  const date = (day: string) => formatDate(`${day}T12:00:00+06:00`, locale);
  return (
    <>
      <PageTitle title={t("waste.pickup.title")} state={state} />
      <PageHeading title={t("waste.pickup.title")} lead={t("waste.pickup.lead")} />
      {done === "sent" && <Notice kind="info">{t("waste.pickup.sent")}</Notice>}
      {done === "cancelled" && <Notice kind="info">{t("waste.pickup.cancelled")}</Notice>}
      <form method="post" novalidate class="mb-10">
        {Object.keys(errors).length > 0 && (
          <Notice kind="error">{message("form") ?? t("waste.pickup.error.summary")}</Notice>
        )}
        <input type="hidden" name="id" value={values.id} />
        <Field name="items" label={t("waste.pickup.items")} error={message("items")} class="mb-5">
          <textarea
            {...controlProps({ name: "items", error: message("items") }, "min-h-[96px] py-2")}
            rows={3}
            maxLength={500}
          >
            {values.items}
          </textarea>
        </Field>
        <SelectField
          name="ward_id"
          label={t("waste.pickup.ward")}
          placeholder={t("waste.ward")}
          value={values.ward_id}
          error={message("ward_id")}
          groups={wardGroups(data.wards, t, locale)}
        />
        <FormField
          name="address"
          label={t("waste.pickup.address")}
          value={values.address}
          error={message("address")}
          maxLength={300}
        />
        <FormField
          name="window_start"
          type="date"
          label={t("waste.pickup.window_start")}
          hint={t("waste.pickup.window_hint")}
          value={values.window_start}
          error={message("window_start")}
        />
        <FormField
          name="window_end"
          type="date"
          label={t("waste.pickup.window_end")}
          value={values.window_end}
          error={message("window_end")}
        />
        <p class="mb-5 p-3 rounded-lg bg-amber-50 border border-amber-300 text-gray-800">
          {t("waste.pickup.fee")}
        </p>
        <button type="submit" class={BUTTON_PRIMARY}>{t("waste.pickup.send")}</button>
      </form>

      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading" class="mb-3 text-xl font-bold">{t("waste.pickup.mine")}</h2>
        {data.mine.length === 0 ? <p>{t("waste.pickup.none")}</p> : (
          <ul class="space-y-3">
            {data.mine.map((request) => (
              <li class="p-4 rounded-lg bg-white border border-gray-200">
                <p class="font-bold">{t(`waste.pickup.status.${request.status}`)}</p>
                <p class="whitespace-pre-line">{request.items}</p>
                <p class="text-sm text-gray-700">
                  {t("waste.pickup.window", {
                    from: date(request.window_start),
                    to: date(request.window_end),
                  })}
                </p>
                {request.scheduled_for && (
                  <p>{t("waste.pickup.scheduled_for", { date: date(request.scheduled_for) })}</p>
                )}
                {request.staff_note && <p class="italic">{request.staff_note}</p>}
                {(request.status === "requested" || request.status === "scheduled") &&
                  data.fees.has(request.fee_code) && (
                  <PickupFee state={state} fee={data.fees.get(request.fee_code)!} request={request} />
                )}
                {request.status === "requested" && (
                  <RemoveForm class="mt-2" fields={{ action: "cancel", request: request.id }}>
                    {t("waste.pickup.cancel")}
                  </RemoveForm>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
