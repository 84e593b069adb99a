/** The staff dashboard. */
export const bn = {
  "staff.forbidden": "এই পাতা শুধু সিটি কর্পোরেশনের কর্মীদের জন্য।",
  "staff.nav.label": "কর্মীদের মেনু",
  "staff.nav.dashboard": "সারসংক্ষেপ",
  "staff.nav.queue": "অভিযোগের সারি",
  "staff.nav.staff": "কর্মী ব্যবস্থাপনা",
  "staff.nav.audit": "কার্যবিবরণী",
} as const;

export const en: Record<keyof typeof bn, string> = {
  "staff.forbidden": "This page is for city corporation staff only.",
  "staff.nav.label": "Staff menu",
  "staff.nav.dashboard": "Overview",
  "staff.nav.queue": "Complaint queue",
  "staff.nav.staff": "Staff management",
  "staff.nav.audit": "Audit log",
};
