/** The staff dashboard. */
export const bn = {
  "staff.forbidden": "এই পাতা শুধু সিটি কর্পোরেশনের কর্মীদের জন্য।",
  "staff.nav.deadlines": "সময়সীমা",
  "deadlines.title": "অভিযোগের সময়সীমা",
  "deadlines.lead":
    "প্রতিটি ধরন ও অগ্রাধিকারে জমা থেকে কত ঘণ্টার মধ্যে সমাধান করতে হবে। পরিবর্তন প্রযোজ্য হয় এরপর জমা পড়া বা অগ্রাধিকার বদলানো অভিযোগে।",
  "deadlines.caption": "ধরন ও অগ্রাধিকার অনুযায়ী সময়সীমা, ঘণ্টায়",
  "deadlines.category": "ধরন",
  "deadlines.hours": "ঘণ্টা",
  "deadlines.field_label": "{category}, {priority} অগ্রাধিকার: ঘণ্টা",
  "deadlines.save": "সংরক্ষণ করুন",
  "deadlines.saved": "{count}টি সময়সীমা বদলানো হয়েছে।",
  "deadlines.refused": "ডাটাবেস পরিবর্তনটি গ্রহণ করেনি; শুধু সুপার অ্যাডমিন সময়সীমা বদলাতে পারেন।",
  "deadlines.error.hours": "১ থেকে ৮৭৬০ ঘণ্টার মধ্যে একটি পূর্ণ সংখ্যা লিখুন।",
  "deadlines.error.summary": "কিছু ঘরে ভুল আছে; লাল ঘরগুলো ঠিক করুন।",
  "staff.nav.label": "কর্মীদের মেনু",
  "staff.nav.dashboard": "সারসংক্ষেপ",
  "staff.nav.queue": "অভিযোগের সারি",
  "staff.nav.staff": "কর্মী ব্যবস্থাপনা",
  "staff.nav.audit": "কার্যবিবরণী",
} as const;

export const en: Record<keyof typeof bn, string> = {
  "staff.forbidden": "This page is for city corporation staff only.",
  "staff.nav.deadlines": "Deadlines",
  "deadlines.title": "Complaint deadlines",
  "deadlines.lead":
    "How many hours from filing staff have to resolve a complaint, by category and priority. A change applies to complaints filed, or given another priority, from now on.",
  "deadlines.caption": "Deadlines by category and priority, in hours",
  "deadlines.category": "Category",
  "deadlines.hours": "hours",
  "deadlines.field_label": "{category}, {priority} priority: hours",
  "deadlines.save": "Save",
  "deadlines.saved": "{count} deadlines changed.",
  "deadlines.refused": "The database did not accept the change; only super admins change deadlines.",
  "deadlines.error.hours": "Write a whole number of hours from 1 to 8760.",
  "deadlines.error.summary": "Some fields are wrong; correct the ones in red.",
  "staff.nav.label": "Staff menu",
  "staff.nav.dashboard": "Overview",
  "staff.nav.queue": "Complaint queue",
  "staff.nav.staff": "Staff management",
  "staff.nav.audit": "Audit log",
};
