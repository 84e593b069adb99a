/** The app shell every page shares: name, header, navigation, footer, and the error pages. */
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
} as const;

export const en: Record<keyof typeof bn, string> = {
  "app.name": "Clean Care",
  "app.full_name": "Clean Care Bangladesh",

  "shell.skip_link": "Skip to main content",
  "shell.switch_language": "বাংলা",
  "shell.switch_language_label": "এই পাতা বাংলায় পড়ুন",
  "shell.sign_in": "Sign in",
  "shell.footer_emergency": "In an emergency call 999. For government information and services call 333.",
  "shell.footer_about": "Clean Care Bangladesh — your city corporation's service app for citizens.",

  "nav.label": "Main menu",
  "nav.home": "Home",
  "nav.complaints": "Complaints",
  "nav.services": "Services",
  "nav.account": "Account",
  "nav.staff": "Staff",

  "error.not_found_title": "Page not found",
  "error.not_found_text": "The address may be wrong, or the page has moved.",
  "error.server_title": "Something went wrong",
  "error.server_text": "The problem is on our side, not yours. Please try again shortly.",
  "error.go_home": "Go to the home page",
  "error.try_again": "Try again",
  "error.cross_origin": "For your security this request was refused. Open the page again and retry.",
  "error.sign_in_required": "Please sign in first to see or do this.",
  "error.unreadable_form":
    "What was sent could not be read. Open the page again, fill in the form and send it.",
  "error.control_characters":
    "The text holds invisible characters that cannot be kept. Delete it and type it again.",
};
