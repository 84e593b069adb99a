/** The home page, emergency numbers and the services page. */
export const bn = {
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

  "emergency.title": "জরুরি নম্বর",

  "services.title": "সেবাসমূহ",
  "services.lead": "জরুরি প্রয়োজনে নিচের নম্বরে সরাসরি ফোন করুন। কল বিনামূল্যে।",
} as const;

export const en: Record<keyof typeof bn, string> = {
  "home.title": "Your city, your complaint",
  "home.lead":
    "Report a problem with roads, drains, rubbish or street lights. The city corporation acts on it, and you can follow every step.",
  "home.greeting": "Welcome, {name}",
  "home.file_complaint": "File a complaint",
  "home.file_complaint_hint": "With a photo and location, in two minutes",
  "home.track_complaint": "Track a complaint",
  "home.track_complaint_hint": "See which step your complaint has reached",
  "home.sign_in_prompt": "Sign in with your mobile number — no password, a code comes by SMS.",
  "home.features_title": "What you can do here",
  "home.feature_complaints":
    "Report rubbish, roads, drains, mosquitoes or street lights, and follow the progress",
  "home.feature_payments": "Pay city corporation fees and donate, through bKash",
  "home.feature_waste": "Waste collection schedule for your ward",
  "home.feature_notices": "Notices from the city corporation and emergency help",

  "emergency.title": "Emergency numbers",

  "services.title": "Services",
  "services.lead": "In an emergency, call these numbers directly. Calls are free.",
};
