/** The account page and the profile form (first sign-in and later edits). */
export const bn = {
  "account.title": "আমার অ্যাকাউন্ট",
  "account.phone": "মোবাইল নম্বর",
  "account.role": "ভূমিকা",
  "account.language": "ভাষা",
  "account.not_given": "দেওয়া হয়নি",
  "account.edit": "প্রোফাইল সম্পাদনা করুন",
  "account.sign_out": "বের হন",

  "role.citizen": "নাগরিক",
  "role.service_provider": "সেবা প্রদানকারী",
  "role.ward_admin": "ওয়ার্ড প্রশাসক",
  "role.super_admin": "সুপার অ্যাডমিন",

  "language.bn": "বাংলা",
  "language.en": "English",

  "onboarding.title": "আপনার পরিচয় দিন",
  "onboarding.edit_title": "প্রোফাইল",
  "onboarding.lead": "অভিযোগের সমাধানে কর্মীরা আপনার নাম দেখবেন। নাম দিতেই হবে, বাকিগুলো ঐচ্ছিক।",
  "onboarding.save": "সংরক্ষণ করুন",
  "onboarding.save_failed": "সংরক্ষণ করা যায়নি। আবার চেষ্টা করুন।",

  "profile.full_name": "পুরো নাম",
  "profile.nid": "জাতীয় পরিচয়পত্র (এনআইডি) নম্বর",
  "profile.nid_hint": "১০, ১৩ বা ১৭ অঙ্ক",
  "profile.ward": "ওয়ার্ড",
  "profile.ward_choose": "ওয়ার্ড বেছে নিন",
  "profile.ward_hint": "আপনার বাসা যে ওয়ার্ডে",
  "profile.address": "ঠিকানা",
  "profile.optional": "ঐচ্ছিক",
  "profile.name_required": "আপনার নাম লিখুন।",
  "profile.name_too_long": "নাম ১০০ অক্ষরের মধ্যে লিখুন।",
  "profile.ward_invalid": "তালিকা থেকে আপনার ওয়ার্ড বেছে নিন।",
  "profile.address_too_long": "ঠিকানা ৫০০ অক্ষরের মধ্যে লিখুন।",

  "nid.invalid": "জাতীয় পরিচয়পত্র নম্বর ১০, ১৩ বা ১৭ অঙ্কের হয়।",
} as const;

export const en: Record<keyof typeof bn, string> = {
  "account.title": "My account",
  "account.phone": "Mobile number",
  "account.role": "Role",
  "account.language": "Language",
  "account.not_given": "Not given",
  "account.edit": "Edit profile",
  "account.sign_out": "Sign out",

  "role.citizen": "Citizen",
  "role.service_provider": "Service provider",
  "role.ward_admin": "Ward administrator",
  "role.super_admin": "Super administrator",

  "language.bn": "বাংলা",
  "language.en": "English",

  "onboarding.title": "Tell us who you are",
  "onboarding.edit_title": "Profile",
  "onboarding.lead":
    "Staff see your name when they work on your complaints. Your name is required; the rest is optional.",
  "onboarding.save": "Save",
  "onboarding.save_failed": "Could not save. Please try again.",

  "profile.full_name": "Full name",
  "profile.nid": "National ID (NID) number",
  "profile.nid_hint": "10, 13 or 17 digits",
  "profile.ward": "Ward",
  "profile.ward_choose": "Choose a ward",
  "profile.ward_hint": "The ward you live in",
  "profile.address": "Address",
  "profile.optional": "optional",
  "profile.name_required": "Enter your name.",
  "profile.name_too_long": "Keep your name within 100 characters.",
  "profile.ward_invalid": "Choose your ward from the list.",
  "profile.address_too_long": "Keep the address within 500 characters.",

  "nid.invalid": "A National ID number has 10, 13 or 17 digits.",
};
