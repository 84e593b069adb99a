/** Labelled form controls with their hint and error wired up for screen readers. */
import type { ComponentChildren, JSX } from "preact";

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  optionalLabel?: string;
}

/** The ids and classes a control inside a field needs. */
function controlProps({ name, hint, error }: FieldProps) {
  const id = `field-${name}`;
  return {
    id,
    name,
    "aria-invalid": error ? "true" as const : undefined,
    "aria-describedby": [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined,
    class: `mt-1 block w-full min-h-[48px] px-3 rounded-lg border-2 bg-white text-lg text-gray-900 ${
      error ? "border-red-700" : "border-gray-400"
    }`,
  };
}

function Field(
  { name, label, hint, error, optionalLabel, children }: FieldProps & { children: ComponentChildren },
) {
  const id = `field-${name}`;
  return (
    <div class="mb-5">
      <label for={id} class="block font-bold text-gray-900">
        {label}
        {optionalLabel && <span class="font-normal text-gray-600">{` (${optionalLabel})`}</span>}
      </label>
      {hint && <p id={`${id}-hint`} class="text-sm text-gray-600">{hint}</p>}
      {error && <p id={`${id}-error`} class="mt-1 text-sm font-bold text-red-800">{error}</p>}
      {children}
    </div>
  );
}

type InputAttributes = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "label" | "name">;

export function FormField(props: FieldProps & InputAttributes) {
  const { name, label, hint, error, optionalLabel, ...input } = props;
  const field = { name, label, hint, error, optionalLabel };
  return (
    <Field {...field}>
      <input {...input} {...controlProps(field)} />
    </Field>
  );
}

export interface OptionGroup {
  label: string;
  options: { value: string; label: string }[];
}

/** A select of grouped options, with an empty first choice (`placeholder`). */
export function SelectField(
  { groups, placeholder, value, ...field }: FieldProps & {
    groups: OptionGroup[];
    placeholder: string;
    value: string;
  },
) {
  return (
    <Field {...field}>
      <select {...controlProps(field)}>
        <option value="">{placeholder}</option>
        {groups.map((group) => (
          <optgroup label={group.label}>
            {group.options.map((option) => (
              <option value={option.value} selected={option.value === value}>{option.label}</option>
            ))}
          </optgroup>
        ))}
      </select>
    </Field>
  );
}
