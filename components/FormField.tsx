/** A labelled text input with its hint and error wired up for screen readers. */
import type { JSX } from "preact";

interface FormFieldProps extends Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "label"> {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  optionalLabel?: string;
}

export function FormField({ name, label, hint, error, optionalLabel, ...input }: FormFieldProps) {
  const id = `field-${name}`;
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div class="mb-5">
      <label for={id} class="block font-bold text-gray-900">
        {label}
        {optionalLabel && <span class="font-normal text-gray-600">{` (${optionalLabel})`}</span>}
      </label>
      {hint && <p id={`${id}-hint`} class="text-sm text-gray-600">{hint}</p>}
      {error && <p id={`${id}-error`} class="mt-1 text-sm font-bold text-red-800">{error}</p>}
      <input
        id={id}
        name={name}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={described}
        class={`mt-1 block w-full min-h-[48px] px-3 rounded-lg border-2 bg-white text-lg text-gray-900 ${
          error ? "border-red-700" : "border-gray-400"
        }`}
        {...input}
      />
    </div>
  );
}
