/**
 * The sandbox's hosted checkout page (`bkashURL`), in Bengali as bKash shows it to payers: wallet number,
 * then the verification code, then the PIN, with a cancel button at every step. Plain HTML forms, no
 * JavaScript, readable on a 360 px phone.
 */
import type { SandboxPayment } from "./ledger.ts";

const BENGALI_DIGITS = "০১২৩৪৫৬৭৮৯";
const bn = (text: string) => text.replace(/[0-9]/g, (digit) => BENGALI_DIGITS[Number(digit)]);

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface CheckoutView {
  payment: SandboxPayment;
  error?: string;
}

export function checkoutPage({ payment, error }: CheckoutView): string {
  const id = escapeHtml(payment.paymentID);
  const field = {
    wallet: {
      label: "আপনার বিকাশ অ্যাকাউন্ট নম্বর",
      name: "wallet",
      attrs: 'type="tel" inputmode="numeric" autocomplete="tel" placeholder="০১XXXXXXXXX" maxlength="14"',
      hint: "এই নম্বরে একটি যাচাইকরণ কোড পাঠানো হবে।",
    },
    otp: {
      label: "যাচাইকরণ কোড",
      name: "otp",
      attrs: 'type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6"',
      hint: `${escapeHtml(bn(payment.customerMsisdn ?? ""))} নম্বরে পাঠানো ৬ অঙ্কের কোড দিন।`,
    },
    pin: {
      label: "বিকাশ পিন",
      name: "pin",
      attrs: 'type="password" inputmode="numeric" autocomplete="off" maxlength="5"',
      hint: "আপনার ৫ অঙ্কের বিকাশ পিন দিন। পিন কাউকে জানাবেন না।",
    },
  }[payment.step === "done" ? "pin" : payment.step];
  return `<!doctype html>
<html lang="bn">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>বিকাশ পেমেন্ট · স্যান্ডবক্স</title>
  <style>
    body { margin: 0; font: 16px/1.6 "Noto Sans Bengali", "Noto Sans", system-ui, sans-serif; background: #f3f3f3; color: #222; }
    header { background: #e2136e; color: #fff; padding: 0.75rem 1rem; }
    header p { margin: 0; font-weight: 700; font-size: 1.25rem; }
    header small { opacity: .9; }
    main { max-width: 26rem; margin: 0 auto; padding: 1rem; }
    .card { background: #fff; border-radius: 0.5rem; padding: 1rem; box-shadow: 0 1px 3px #0002; }
    dl { display: grid; grid-template-columns: auto 1fr; gap: 0.25rem 0.75rem; margin: 0 0 1rem; }
    dt { color: #555; } dd { margin: 0; font-weight: 700; overflow-wrap: anywhere; }
    label { display: block; font-weight: 700; margin-bottom: 0.25rem; }
    input { box-sizing: border-box; width: 100%; font: inherit; font-size: 1.25rem; padding: 0.6rem; border: 2px solid #999; border-radius: 0.375rem; }
    input:focus { outline: 3px solid #e2136e; border-color: #e2136e; }
    .hint { font-size: 0.875rem; color: #555; margin: 0.25rem 0 1rem; }
    .error { border-left: 4px solid #b00020; background: #fdecee; color: #7a0014; padding: 0.5rem 0.75rem; margin: 0 0 1rem; }
    .actions { display: flex; gap: 0.75rem; }
    button { flex: 1; min-height: 48px; font: inherit; font-weight: 700; border-radius: 0.375rem; border: 0; }
    .confirm { background: #e2136e; color: #fff; }
    .cancel { background: #fff; color: #e2136e; border: 2px solid #e2136e; }
    .note { font-size: 0.8rem; color: #666; margin-top: 1rem; }
  </style>
</head>
<body>
<header><p>বিকাশ</p><small>লোকাল স্যান্ডবক্স · কোনো আসল টাকা কাটা হয় না</small></header>
<main>
  <div class="card">
    <dl>
      <dt>মার্চেন্ট</dt><dd>ক্লিন কেয়ার বাংলাদেশ</dd>
      <dt>ইনভয়েস</dt><dd>${escapeHtml(payment.merchantInvoiceNumber)}</dd>
      <dt>পরিমাণ</dt><dd>৳ ${escapeHtml(bn(payment.amount))}</dd>
    </dl>
    ${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
    <form method="post" action="/checkout/${id}">
      <label for="${field.name}">${field.label}</label>
      <input id="${field.name}" name="${field.name}" ${field.attrs} required autofocus>
      <p class="hint">${field.hint}</p>
      <div class="actions">
        <button class="cancel" type="submit" name="action" value="cancel" formnovalidate>বাতিল</button>
        <button class="confirm" type="submit" name="action" value="confirm">নিশ্চিত করুন</button>
      </div>
    </form>
    <p class="note">পরীক্ষার ওয়ালেট: ${bn("01929918378")} (সফল), ${bn("01823074817")} (অপর্যাপ্ত ব্যালেন্স),
      ${bn("01823074818")} (লেনদেন বন্ধ)। কোড ${bn("123456")}, পিন ${bn("12121")}; অন্য পিন ভুল পিন।</p>
  </div>
</main>
</body>
</html>`;
}

/** A checkout that is over (paid, failed, cancelled or unknown): nothing to enter any more. */
export function closedPage(message: string): string {
  return `<!doctype html><html lang="bn"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>বিকাশ পেমেন্ট · স্যান্ডবক্স</title></head>
<body style="font:16px/1.6 system-ui,sans-serif;margin:1rem"><p role="alert">${
    escapeHtml(message)
  }</p></body></html>`;
}
