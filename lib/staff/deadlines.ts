/**
 * The deadline targets (public.sla_targets): hours from filing to the deadline per category and priority.
 * Staff read them; super admins change them (RLS), and every complaint's deadline follows its target.
 */
import { z } from "zod";
import type { UserSession } from "../auth/session.ts";
import type { ComplaintPriority } from "../complaints/model.ts";
import { ComplaintDataError } from "../complaints/repository.ts";
import { userClient } from "../supabase.ts";
import { fieldErrors } from "../validation.ts";
import type { MessageKey } from "../i18n/mod.ts";
import { toAsciiDigits } from "../i18n/format.ts";

export interface DeadlineTarget {
  category: string;
  priority: ComplaintPriority;
  hours: number;
}

/** The form's field for one target: `hours:<category>:<priority>`. */
export const targetField = (target: Pick<DeadlineTarget, "category" | "priority">) =>
  `hours:${target.category}:${target.priority}`;

export async function loadTargets(session: UserSession): Promise<DeadlineTarget[]> {
  const { data, error } = await userClient(session.accessToken)
    .from("sla_targets").select("category, priority, hours").order("category");
  if (error) throw new ComplaintDataError("reading deadline targets", error);
  return data as DeadlineTarget[];
}

const hoursSchema = z.string()
  .transform((typed) => toAsciiDigits(typed).trim())
  .pipe(z.string().regex(/^\d{1,4}$/, { error: "deadlines.error.hours" }))
  .transform(Number)
  .pipe(
    z.number().int().min(1, { error: "deadlines.error.hours" }).max(8760, { error: "deadlines.error.hours" }),
  );

/** The targets the form changes, or each wrong field's message. */
export function parseTargetsForm(
  form: FormData,
  current: readonly DeadlineTarget[],
):
  | { ok: true; changed: DeadlineTarget[] }
  | { ok: false; errors: Partial<Record<string, MessageKey>>; values: Record<string, string> } {
  const values = Object.fromEntries(
    current.map((target) => [targetField(target), String(form.get(targetField(target)) ?? "")]),
  );
  const schema = z.object(Object.fromEntries(Object.keys(values).map((field) => [field, hoursSchema])));
  const parsed = schema.safeParse(values);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues), values };
  const changed = current
    .map((target) => ({ ...target, hours: parsed.data[targetField(target)] as number }))
    .filter((target, i) => target.hours !== current[i].hours);
  return { ok: true, changed };
}

/** Saves changed targets as the super admin; RLS refuses anyone else (nothing is changed then). */
export async function saveTargets(
  session: UserSession,
  changed: readonly DeadlineTarget[],
): Promise<boolean> {
  const db = userClient(session.accessToken);
  for (const target of changed) {
    const { data, error } = await db.from("sla_targets").update({ hours: target.hours })
      .eq("category", target.category).eq("priority", target.priority).select("hours");
    if (error) throw new ComplaintDataError("saving a deadline target", error);
    if ((data ?? []).length !== 1) return false;
  }
  return true;
}
