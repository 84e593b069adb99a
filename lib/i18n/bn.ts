/**
 * Bengali: the app's first language, and the source of truth for which messages exist. `{name}`
 * placeholders are filled by `t()`; numbers passed in are written with Bengali digits.
 */
import { complaintsBn } from "./complaints.ts";

export const bn = {
  "app.name": "ক্লিন কেয়ার",
  "app.full_name": "ক্লিন কেয়ার বাংলাদেশ",

  "shell.skip_link": "মূল অংশে যান",
  "shell.switch_language": "English",
  "shell.switch_language_label": "Read this page in English",
  "shell.sign_in": "প্রবেশ করুন",
  "shell.footer_emergency": "জরুরি প্রয়োজনে ৯৯৯ নম্বরে ফোন করুন। সরকারি তথ্য ও সেবার জন্য ৩৩৩।",
  "shell.footer_about": "ক্লিন কেয়ার বাংলাদেশ — আপনার সিটি কর্পোরেশনের নাগরিক সেবা অ্যাপ।",

  "nav.label": "প্রধান মেনু",
  "nav.home": "হোম",
  "nav.complaints": "অভিযোগ",
  "nav.services": "সেবা",
  "nav.account": "অ্যাকাউন্ট",
  "nav.staff": "কর্মী",

  "home.title": "আপনার শহর, আপনার অভিযোগ",
  "home.lead": "রাস্তা, ড্রেন, ময়লা বা সড়কবাতির সমস্যা জানান। সিটি কর্পোরেশন ব্যবস্থা নেবে, আর আপনি প্রতিটি ধাপ দেখতে পাবেন।",
  "home.greeting": "স্বাগতম, {name}",
  "home.file_complaint": "অভিযোগ করুন",
  "home.file_complaint_hint": "ছবি ও অবস্থানসহ, দুই মিনিটে",
  "home.track_complaint": "অভিযোগের অবস্থা দেখুন",
  "home.track_complaint_hint": "আপনার অভিযোগ কোন ধাপে আছে",
  "home.sign_in_prompt": "মোবাইল নম্বর দিয়ে প্রবেশ করুন — পাসওয়ার্ড লাগবে না, এসএমএসে কোড আসবে।",
  "home.features_title": "এই অ্যাপে যা পাবেন",
  "home.feature_complaints": "ময়লা, রাস্তা, ড্রেন, মশা বা সড়কবাতির সমস্যার অভিযোগ ও তার অগ্রগতি",
  "home.feature_payments": "সিটি কর্পোরেশনের ফি পরিশোধ ও অনুদান, বিকাশে",
  "home.feature_waste": "আপনার ওয়ার্ডে ময়লা সংগ্রহের সময়সূচি",
  "home.feature_notices": "সিটি কর্পোরেশনের নোটিশ ও জরুরি সহায়তা",
  "home.coming_soon": "শীঘ্রই",

  "emergency.title": "জরুরি নম্বর",
  "emergency.call": "{number} নম্বরে ফোন করুন",
  "emergency.999": "জাতীয় জরুরি সেবা — পুলিশ, ফায়ার সার্ভিস, অ্যাম্বুলেন্স",
  "emergency.333": "জাতীয় কল সেন্টার — সরকারি তথ্য ও সেবা",
  "emergency.109": "নারী ও শিশু নির্যাতন প্রতিরোধ হেল্পলাইন",
  "emergency.16263": "স্বাস্থ্য বাতায়ন — চিকিৎসকের পরামর্শ",

  "services.title": "সেবাসমূহ",
  "services.lead": "জরুরি প্রয়োজনে নিচের নম্বরে সরাসরি ফোন করুন। কল বিনামূল্যে।",
  "services.more": "বিকাশে ফি পরিশোধ, ময়লা সংগ্রহের সময়সূচি ও নোটিশ শীঘ্রই এখানে পাবেন।",

  "complaints.new_title": "নতুন অভিযোগ",

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

  "login.title": "প্রবেশ করুন",
  "login.lead": "আপনার মোবাইল নম্বর দিন। আমরা একটি ৬ অঙ্কের কোড এসএমএস করব।",
  "login.phone_label": "মোবাইল নম্বর",
  "login.phone_hint": "যেমন ০১৭১২-৩৪৫৬৭৮",
  "login.send_code": "কোড পাঠান",
  "login.privacy": "আপনার নম্বর শুধু প্রবেশ ও অভিযোগের খবর জানাতে ব্যবহার হবে।",
  "login.start_again": "কোডের সময় পেরিয়ে গেছে। আবার নম্বর দিয়ে শুরু করুন।",

  "phone.empty": "মোবাইল নম্বর লিখুন।",
  "phone.invalid": "এটি সঠিক বাংলাদেশি মোবাইল নম্বর নয়। ০১ দিয়ে শুরু ১১ অঙ্কের নম্বর দিন, যেমন ০১৭১২৩৪৫৬৭৮।",

  "verify.title": "কোড দিন",
  "verify.lead": "{phone} নম্বরে পাঠানো ৬ অঙ্কের কোডটি লিখুন।",
  "verify.code_label": "এসএমএসের কোড",
  "verify.submit": "প্রবেশ করুন",
  "verify.code_format": "এসএমএসে পাওয়া ৬ অঙ্কের কোডটি লিখুন।",
  "verify.code_wrong": "কোডটি ভুল বা এর মেয়াদ শেষ। আবার দেখে লিখুন, অথবা নতুন কোড চান।",
  "verify.resend": "নতুন কোড পাঠান",
  "verify.resend_wait": "{seconds} সেকেন্ড পরে নতুন কোড চাইতে পারবেন।",
  "verify.resent": "নতুন কোড পাঠানো হয়েছে।",
  "verify.change_number": "অন্য নম্বর দিন",

  "rate.retry_seconds": "অনেকবার চেষ্টা হয়েছে। {seconds} সেকেন্ড পরে আবার চেষ্টা করুন।",
  "rate.retry_minutes": "অনেকবার চেষ্টা হয়েছে। {minutes} মিনিট পরে আবার চেষ্টা করুন।",
  "auth.unavailable": "এই মুহূর্তে কোড পাঠানো বা যাচাই করা যাচ্ছে না। একটু পরে আবার চেষ্টা করুন।",

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

  "staff.title": "কর্মী ড্যাশবোর্ড",
  "staff.coming_soon": "অভিযোগের সারি, বরাদ্দ ও পরিসংখ্যান শীঘ্রই এখানে আসছে।",
  "staff.forbidden": "এই পাতা শুধু সিটি কর্পোরেশনের কর্মীদের জন্য।",

  "error.not_found_title": "পাতাটি পাওয়া যায়নি",
  "error.not_found_text": "ঠিকানাটি ভুল হতে পারে, অথবা পাতাটি সরিয়ে নেওয়া হয়েছে।",
  "error.server_title": "কিছু একটা ভুল হয়েছে",
  "error.server_text": "সমস্যাটি আমাদের দিকে, আপনার নয়। একটু পরে আবার চেষ্টা করুন।",
  "error.go_home": "হোম পাতায় যান",
  "error.try_again": "আবার চেষ্টা করুন",
  "error.cross_origin": "নিরাপত্তার কারণে অনুরোধটি গ্রহণ করা হয়নি। পাতাটি আবার খুলে চেষ্টা করুন।",
  "error.sign_in_required": "এটি দেখতে বা করতে আগে প্রবেশ করুন।",
  "error.unreadable_form": "পাঠানো তথ্য পড়া যায়নি। পাতাটি আবার খুলে ফর্মটি পূরণ করে পাঠান।",
  "error.control_characters": "লেখায় এমন অদৃশ্য চিহ্ন আছে যা রাখা যায় না। লেখাটি মুছে আবার টাইপ করুন।",

  ...complaintsBn,
} as const;

export type MessageKey = keyof typeof bn;
