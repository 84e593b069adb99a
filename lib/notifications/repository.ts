/**
 * The signed-in person's notifications and SMS preferences (`public.notifications`,
 * `public.notification_preferences`), read and written through PostgREST with their own JWT: RLS decides.
 * The database creates notifications (triggers); pages only read them and mark them read.
 */
import type { UserSession } from "@/lib/auth/session.ts";
import { userClient } from "@/lib/supabase.ts";
import type { ComplaintStatus } from "@/lib/complaints/model.ts";
import type { PaymentState } from "@/lib/payments/repository.ts";

export const NOTIFICATION_KINDS = [
  "complaint_status",
  "complaint_reply",
  "chat_message",
  "ward_complaint",
  "payment_result",
  "urgent_notice",
] as const;
export type NotificationKind = typeof NOTIFICATION_KINDS[number];

export interface AppNotification {
  id: number;
  kind: NotificationKind;
  complaint_id: string | null;
  data: {
    tracking_number?: string;
    status?: ComplaintStatus;
    following?: boolean;
    /** chat_message: the conversation, and whether it came to staff (the ward's admins) */
    conversation_id?: string;
    staff?: boolean;
    /** payment_result */
    payment_id?: string;
    state?: PaymentState;
    invoice_number?: string;
    /** urgent_notice */
    notice_id?: string;
    title_bn?: string;
    title_en?: string | null;
  };
  created_at: string;
  read_at: string | null;
}

/** A page of the list; `before` is the id to continue from (keyset), null on the last page. */
export interface NotificationPage {
  items: AppNotification[];
  before: number | null;
}

export const PAGE_SIZE = 20;

export async function unreadCount(session: UserSession): Promise<number> {
  const { count, error } = await userClient(session.accessToken)
    .from("notifications")
    .select("id", { count: "exact", head: true })
    .is("read_at", null);
  if (error) throw new Error(`counting notifications failed: ${error.message}`);
  return count ?? 0;
}

export async function listNotifications(session: UserSession, before?: number): Promise<NotificationPage> {
  let query = userClient(session.accessToken)
    .from("notifications")
    .select("id, kind, complaint_id, data, created_at, read_at")
    .order("id", { ascending: false })
    .limit(PAGE_SIZE + 1);
  if (before !== undefined) query = query.lt("id", before);
  const { data, error } = await query;
  if (error) throw new Error(`reading notifications failed: ${error.message}`);
  const rows = data as AppNotification[];
  const items = rows.slice(0, PAGE_SIZE);
  return { items, before: rows.length > PAGE_SIZE ? items[items.length - 1].id : null };
}

/** Marks the listed notifications read, or all of them; answers how many changed. */
export async function markRead(session: UserSession, ids?: number[]): Promise<number> {
  const { data, error } = await userClient(session.accessToken)
    .rpc("mark_notifications_read", ids ? { notification_ids: ids } : {});
  if (error) throw new Error(`marking notifications read failed: ${error.message}`);
  return data as number;
}

export const SMS_PREFERENCES = ["sms_status_mine", "sms_status_followed", "sms_replies", "sms_chat"] as const;
export type SmsPreference = typeof SMS_PREFERENCES[number];
export type Preferences = Record<SmsPreference | "quiet_hours", boolean>;

/** The database's defaults (a person without a row gets these). */
export const DEFAULT_PREFERENCES: Preferences = {
  sms_status_mine: true,
  sms_status_followed: false,
  sms_replies: false,
  sms_chat: false,
  quiet_hours: true,
};

export async function getPreferences(session: UserSession): Promise<Preferences> {
  const { data, error } = await userClient(session.accessToken)
    .from("notification_preferences")
    .select("sms_status_mine, sms_status_followed, sms_replies, sms_chat, quiet_hours")
    .eq("user_id", session.user.id)
    .maybeSingle();
  if (error) throw new Error(`reading notification preferences failed: ${error.message}`);
  return (data as Preferences | null) ?? DEFAULT_PREFERENCES;
}

export async function savePreferences(session: UserSession, preferences: Preferences): Promise<void> {
  const { error } = await userClient(session.accessToken)
    .from("notification_preferences")
    .upsert({ user_id: session.user.id, ...preferences });
  if (error) throw new Error(`saving notification preferences failed: ${error.message}`);
}

/** Preferences from a posted form: a checkbox is on when present (forms leave unticked ones out). */
export function preferencesFromForm(form: FormData): Preferences {
  const on = (name: keyof Preferences) => form.get(name) === "on";
  return {
    sms_status_mine: on("sms_status_mine"),
    sms_status_followed: on("sms_status_followed"),
    sms_replies: on("sms_replies"),
    sms_chat: on("sms_chat"),
    quiet_hours: on("quiet_hours"),
  };
}

export const WARD_CHANNELS = ["in_app", "sms_digest"] as const;
export type WardChannel = typeof WARD_CHANNELS[number];

export interface WardSubscription {
  ward_id: number;
  channel: WardChannel;
}

export async function listWardSubscriptions(session: UserSession): Promise<WardSubscription[]> {
  const { data, error } = await userClient(session.accessToken).from("ward_subscriptions")
    .select("ward_id, channel").order("ward_id");
  if (error) throw new Error(`reading watched wards failed: ${error.message}`);
  return data as WardSubscription[];
}

/** Watches the ward (or changes how); false when there is no such ward. */
export async function watchWard(
  session: UserSession,
  wardId: number,
  channel: WardChannel,
): Promise<boolean> {
  const { error } = await userClient(session.accessToken).from("ward_subscriptions")
    .upsert({ user_id: session.user.id, ward_id: wardId, channel });
  if (error?.code === "23503") return false;
  if (error) throw new Error(`watching a ward failed: ${error.message}`);
  return true;
}

export async function unwatchWard(session: UserSession, wardId: number): Promise<void> {
  const { error } = await userClient(session.accessToken).from("ward_subscriptions").delete()
    .eq("ward_id", wardId);
  if (error) throw new Error(`unwatching a ward failed: ${error.message}`);
}
