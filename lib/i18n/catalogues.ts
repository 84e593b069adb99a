/**
 * The Bengali and English catalogues: every feature's messages merged. Server only: islands receive the
 * few messages they need as props (see mod.ts).
 */
import type { Locale } from "./locales.ts";
import * as account from "./messages/account.ts";
import * as auth from "./messages/auth.ts";
import * as chat from "./messages/chat.ts";
import * as complaints from "./messages/complaints.ts";
import * as home from "./messages/home.ts";
import * as payments from "./messages/payments.ts";
import * as phoneChange from "./messages/phone_change.ts";
import * as gallery from "./messages/gallery.ts";
import * as waste from "./messages/waste.ts";
import * as city from "./messages/city.ts";
import * as emergency from "./messages/emergency.ts";
import * as notices from "./messages/notices.ts";
import * as notifications from "./messages/notifications.ts";
import * as shell from "./messages/shell.ts";
import * as staff from "./messages/staff.ts";
import * as staffAdmin from "./messages/staff_admin.ts";
import * as staffDashboard from "./messages/staff_dashboard.ts";
import * as staffQueue from "./messages/staff_queue.ts";
import * as staffWorkspace from "./messages/staff_workspace.ts";

/** Each feature's messages, from its own file in messages/. */
export const FEATURE_MESSAGES = {
  shell,
  home,
  auth,
  account,
  phoneChange,
  staff,
  staffAdmin,
  staffDashboard,
  staffQueue,
  staffWorkspace,
  complaints,
  payments,
  notices,
  emergency,
  city,
  waste,
  gallery,
  notifications,
  chat,
};

type Feature = typeof FEATURE_MESSAGES[keyof typeof FEATURE_MESSAGES];
/** Applied to the union of features, this gives every key of every feature's Bengali messages. */
type BengaliKeysOf<F> = F extends { bn: infer Messages } ? keyof Messages : never;
export type MessageKey = BengaliKeysOf<Feature>;

/** What a key may start with, up to a dot: "complaint." and "complaint.form." for "complaint.form.title". */
type PrefixesOf<Key extends string> = Key extends `${infer Head}.${infer Rest}`
  ? `${Head}.` | `${Head}.${PrefixesOf<Rest>}`
  : never;
export type MessagePrefix = PrefixesOf<MessageKey>;

function merged(locale: Locale): Record<MessageKey, string> {
  return Object.assign({}, ...Object.values(FEATURE_MESSAGES).map((feature) => feature[locale]));
}

export const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { bn: merged("bn"), en: merged("en") };
