/** Emergency help's codes and shapes, shared by the server and islands (no server imports here). */

export const CONTACT_KINDS = [
  "national",
  "fire_station",
  "police_station",
  "hospital",
  "councillor_office",
  "other",
] as const;
export type ContactKind = typeof CONTACT_KINDS[number];

export interface EmergencyContact {
  id: number;
  ward_id: number | null;
  kind: ContactKind;
  name_bn: string;
  name_en: string;
  phone: string;
  address_bn: string | null;
}

export const SOS_KINDS = [
  "fire",
  "flood",
  "building_collapse",
  "gas_leak",
  "fallen_tree_or_wire",
  "other",
] as const;
export type SosKind = typeof SOS_KINDS[number];
export const SOS_STATUSES = ["sent", "acknowledged", "closed"] as const;
export type SosStatus = typeof SOS_STATUSES[number];
export const SOS_OUTCOMES = ["help_sent", "referred_999", "resolved", "false_alarm", "duplicate"] as const;
export type SosOutcome = typeof SOS_OUTCOMES[number];

export interface SosReport {
  id: string;
  kind: SosKind;
  ward_id: number;
  latitude: number | null;
  longitude: number | null;
  details: string | null;
  status: SosStatus;
  outcome: SosOutcome | null;
  outcome_note: string | null;
  citizen_phone: string | null;
  created_at: string;
  acknowledged_at: string | null;
  closed_at: string | null;
}
