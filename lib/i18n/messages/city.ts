/** The city services together: their links, and what the home page shows of them. */
export const bn = {
  "city.emergency": "জরুরি সহায়তা ও এসওএস",
  "city.emergency_hint": "ফায়ার স্টেশন, থানা, হাসপাতালের নম্বর; ওয়ার্ড অফিসে এসওএস",
  "city.notices": "নোটিশ",
  "city.notices_hint": "সারা শহর ও আপনার ওয়ার্ডের ঘোষণা",
  "city.waste": "ময়লা সংগ্রহ",
  "city.waste_hint": "সংগ্রহের দিন ও সময়, কোন ময়লা কোথায়, বড় জিনিস নেওয়ার অনুরোধ",
  "city.gallery": "গ্যালারি",
  "city.gallery_hint": "পরিচ্ছন্নতা অভিযান ও শহরের কাজের ছবি",
  "city.open_complaints": "আপনার চলমান অভিযোগ",
} as const;

export const en: Record<keyof typeof bn, string> = {
  "city.emergency": "Emergency help and SOS",
  "city.emergency_hint": "Fire stations, police stations, hospitals; an SOS to the ward office",
  "city.notices": "Notices",
  "city.notices_hint": "Announcements for the whole city and your ward",
  "city.waste": "Waste collection",
  "city.waste_hint": "Collection days and times, what goes where, bulky item pickups",
  "city.gallery": "Gallery",
  "city.gallery_hint": "Photos of cleanup drives and the city's work",
  "city.open_complaints": "Your open complaints",
};
