/**
 * The code field. Server-rendered it is a plain input that works without JavaScript; in the browser it
 * also turns Bengali digits into ASCII as they are typed, drops anything else, and submits once six
 * digits are in (phones that read the SMS fill it in one go through autocomplete="one-time-code").
 */
import { useRef } from "preact/hooks";
import { toAsciiDigits } from "@/lib/i18n/format.ts";

interface OtpInputProps {
  label: string;
  hint?: string;
  error?: string;
}

const CODE_LENGTH = 6;

export default function OtpInput({ label, hint, error }: OtpInputProps) {
  const input = useRef<HTMLInputElement>(null);
  const described = [hint && "code-hint", error && "code-error"].filter(Boolean).join(" ") || undefined;

  function onInput() {
    const field = input.current;
    if (!field) return;
    const digits = toAsciiDigits(field.value).replace(/\D/g, "").slice(0, CODE_LENGTH);
    if (digits !== field.value) field.value = digits;
    if (digits.length === CODE_LENGTH) field.form?.requestSubmit();
  }

  return (
    <div class="mb-5">
      <label for="code" class="block font-bold text-gray-900">{label}</label>
      {hint && <p id="code-hint" class="text-sm text-gray-600">{hint}</p>}
      {error && <p id="code-error" class="mt-1 text-sm font-bold text-red-800">{error}</p>}
      <input
        ref={input}
        id="code"
        name="code"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9০-৯]{6}"
        maxLength={CODE_LENGTH}
        required
        autoFocus
        aria-invalid={error ? "true" : undefined}
        aria-describedby={described}
        onInput={onInput}
        class={`mt-1 block w-full min-h-[56px] px-3 rounded-lg border-2 bg-white text-3xl tracking-[0.4em] text-center font-bold text-gray-900 ${
          error ? "border-red-700" : "border-gray-400"
        }`}
      />
    </div>
  );
}
