/** Signing in with a mobile number and a code by SMS, and the limits on trying. */
export const bn = {
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
} as const;

export const en: Record<keyof typeof bn, string> = {
  "login.title": "Sign in",
  "login.lead": "Enter your mobile number. We will text you a 6-digit code.",
  "login.phone_label": "Mobile number",
  "login.phone_hint": "For example 01712-345678",
  "login.send_code": "Send code",
  "login.privacy": "Your number is used only to sign you in and to tell you about your complaints.",
  "login.start_again": "The code has timed out. Please enter your number again.",

  "phone.empty": "Enter your mobile number.",
  "phone.invalid":
    "This is not a Bangladeshi mobile number. Enter 11 digits starting with 01, like 01712345678.",

  "verify.title": "Enter the code",
  "verify.lead": "Enter the 6-digit code we sent to {phone}.",
  "verify.code_label": "Code from the SMS",
  "verify.submit": "Sign in",
  "verify.code_format": "Enter the 6-digit code from the SMS.",
  "verify.code_wrong": "That code is wrong or has expired. Check it, or ask for a new one.",
  "verify.resend": "Send a new code",
  "verify.resend_wait": "You can ask for a new code in {seconds} seconds.",
  "verify.resent": "A new code is on its way.",
  "verify.change_number": "Use a different number",

  "rate.retry_seconds": "Too many attempts. Please try again in {seconds} seconds.",
  "rate.retry_minutes": "Too many attempts. Please try again in {minutes} minutes.",

  "auth.unavailable": "We can't send or check codes right now. Please try again shortly.",
};
