/** English: the second language. Must carry exactly the keys of the Bengali catalogue. */
import type { MessageKey } from "./bn.ts";
import { complaintsEn } from "./complaints.ts";

export const en: Record<MessageKey, string> = {
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
  "home.coming_soon": "Soon",

  "emergency.title": "Emergency numbers",
  "emergency.call": "Call {number}",
  "emergency.999": "National emergency service — police, fire service, ambulance",
  "emergency.333": "National call centre — government information and services",
  "emergency.109": "Helpline against violence towards women and children",
  "emergency.16263": "Shastho Batayon — advice from a doctor",

  "services.title": "Services",
  "services.lead": "In an emergency, call these numbers directly. Calls are free.",
  "services.more":
    "Fee payments through bKash, waste collection schedules and notices will appear here soon.",

  "complaints.new_title": "New complaint",

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

  "staff.title": "Staff dashboard",
  "staff.coming_soon": "The complaint queue, assignment and statistics arrive here soon.",
  "staff.forbidden": "This page is for city corporation staff only.",

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

  ...complaintsEn,
};
