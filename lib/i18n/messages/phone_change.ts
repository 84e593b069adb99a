/** Changing the account's mobile number: a code to the new number, then the same account on it. */
export const bn = {
  "phone_change.link": "মোবাইল নম্বর বদলান",
  "phone_change.title": "মোবাইল নম্বর বদলান",
  "phone_change.lead":
    "নতুন নম্বরে একটি ৬ অঙ্কের কোড পাঠানো হবে। কোড দিলে আপনার অ্যাকাউন্ট, অভিযোগ ও পেমেন্ট নতুন নম্বরে চলে যাবে।",
  "phone_change.current": "বর্তমান নম্বর: {phone}",
  "phone_change.new_label": "নতুন মোবাইল নম্বর",
  "phone_change.send": "নতুন নম্বরে কোড পাঠান",
  "phone_change.same": "এটিই আপনার বর্তমান নম্বর। অন্য একটি নম্বর দিন।",
  "phone_change.taken": "এই নম্বরে আরেকটি অ্যাকাউন্ট আছে। অন্য একটি নম্বর দিন।",
  "phone_change.verify_title": "নতুন নম্বরের কোড দিন",
  "phone_change.verify_lead": "{phone} নম্বরে পাঠানো ৬ অঙ্কের কোডটি লিখুন।",
  "phone_change.confirm": "নম্বর বদলান",
  "phone_change.other_number": "অন্য নম্বর দিন",
  "phone_change.done": "আপনার মোবাইল নম্বর বদলানো হয়েছে। এখন থেকে {phone} দিয়ে প্রবেশ করুন।",
} as const;

export const en: Record<keyof typeof bn, string> = {
  "phone_change.link": "Change mobile number",
  "phone_change.title": "Change your mobile number",
  "phone_change.lead":
    "We will text a 6-digit code to the new number. Once you enter it, your account, complaints and payments move to the new number.",
  "phone_change.current": "Current number: {phone}",
  "phone_change.new_label": "New mobile number",
  "phone_change.send": "Send a code to the new number",
  "phone_change.same": "That is your current number. Enter a different one.",
  "phone_change.taken": "Another account uses this number. Enter a different one.",
  "phone_change.verify_title": "Enter the code for the new number",
  "phone_change.verify_lead": "Enter the 6-digit code we sent to {phone}.",
  "phone_change.confirm": "Change number",
  "phone_change.other_number": "Use a different number",
  "phone_change.done": "Your mobile number has been changed. From now on, sign in with {phone}.",
};
