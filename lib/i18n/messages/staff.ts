/** The staff dashboard. */
export const bn = {
  "staff.title": "কর্মী ড্যাশবোর্ড",
  "staff.coming_soon": "অভিযোগের সারি, বরাদ্দ ও পরিসংখ্যান শীঘ্রই এখানে আসছে।",
  "staff.forbidden": "এই পাতা শুধু সিটি কর্পোরেশনের কর্মীদের জন্য।",
} as const;

export const en: Record<keyof typeof bn, string> = {
  "staff.title": "Staff dashboard",
  "staff.coming_soon": "The complaint queue, assignment and statistics arrive here soon.",
  "staff.forbidden": "This page is for city corporation staff only.",
};
