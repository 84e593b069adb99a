/**
 * SMS texts: templates and their length in SMS parts. Bengali text travels as UCS-2, 70 characters in a
 * single part and 67 per part once split, and every part is billed: keep templates short.
 */

/**
 * The sign-in code message. `supabase/config.toml` `[auth.sms].template` holds the same text; the local
 * stack passes that to the function as `SMS_OTP_TEMPLATE`, a hosted project sets the secret.
 */
export const OTP_TEMPLATE = "ক্লিন কেয়ার কোড: {{ .Code }}। কাউকে দেবেন না।";

/**
 * Fills `{{ .Name }}` placeholders, the Go-template syntax Supabase uses for `[auth.sms].template`, so one
 * template text works in config.toml and here. A placeholder without a value is a programming error.
 */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_placeholder, name: string) => {
    if (!Object.hasOwn(values, name)) throw new Error(`SMS template needs a value for {{ .${name} }}`);
    return String(values[name]);
  });
}

/** The sign-in code SMS; refuses a template that would not show the code. */
export function otpMessage(code: string, template: string = OTP_TEMPLATE): string {
  const message = fillTemplate(template, { Code: code });
  if (!message.includes(code)) throw new Error("the OTP template has no {{ .Code }} placeholder");
  return message;
}

export interface SmsLength {
  encoding: "GSM-7" | "UCS-2";
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  parts: number;
}

// GSM 03.38: the basic alphabet costs one septet per character, the extension table two (escape + char).
const GSM7_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿" +
    "abcdefghijklmnopqrstuvwxyzäöñüà",
);
const GSM7_EXTENSION = new Set("\f^{}\\[~]|€");

/** How a text will be encoded and into how many parts a phone network splits it. */
export function smsLength(text: string): SmsLength {
  let septets = 0;
  for (const char of text) {
    if (GSM7_BASIC.has(char)) septets += 1;
    else if (GSM7_EXTENSION.has(char)) septets += 2;
    else return partsOf("UCS-2", text.length, 70, 67);
  }
  return partsOf("GSM-7", septets, 160, 153);
}

function partsOf(encoding: SmsLength["encoding"], units: number, single: number, perPart: number): SmsLength {
  return { encoding, units, parts: units <= single ? 1 : Math.ceil(units / perPart) };
}
