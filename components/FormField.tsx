/** Labelled form controls with their hint and error wired up for screen readers. */
import type { ComponentChildren, JSX } from "preact";

export interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  optionalLabel?: string;
}

/** One answer among several: a radio button or a select option. */
export interface Choice {
  value: string;
  label: string;
}

/** The ids and classes a control inside a field needs; `size` sets its height. */
export function controlProps(
  { name, hint, error }: Pick<FieldProps, "name" | "hint" | "error">,
  size = "min-h-[48px]",
) {
  const id = `field-${name}`;
  return {
    id,
    name,
    "aria-invalid": error ? "true" as const : undefined,
    "aria-describedby": [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined,
    class: `mt-1 block w-full ${size} px-3 rounded-lg border-2 bg-white text-lg text-gray-900 ${
      error ? "border-red-700" : "border-gray-400"
    }`,
  };
}

/** The hint under a field's label or legend, named by its control's aria-describedby. */
export function FieldHint({ name, hint }: { name: string; hint?: string }) {
  if (!hint) return null;
  return <p id={`field-${name}-hint`} class="text-sm text-gray-600">{hint}</p>;
}

/** What is wrong with a field, named by its control's aria-describedby. */
export function FieldError({ name, error }: { name: string; error?: string }) {
  if (!error) return null;
  return <p id={`field-${name}-error`} class="mt-1 text-sm font-bold text-red-800">{error}</p>;
}

/** A control (`children`) with its label, hint and error; `class` spaces it from what follows. */
export function Field(
  { name, label, hint, error, optionalLabel, class: spacing, children }: FieldProps & {
    class?: string;
    children: ComponentChildren;
  },
) {
  return (
    <div class={spacing}>
      <label for={`field-${name}`} class="block font-bold text-gray-900">
        {label}
        {optionalLabel && <span class="font-normal text-gray-600">{` (${optionalLabel})`}</span>}
      </label>
      <FieldHint name={name} hint={hint} />
      <FieldError name={name} error={error} />
      {children}
    </div>
  );
}

type InputAttributes = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "label" | "name">;

export function FormField(props: FieldProps & InputAttributes) {
  const { name, label, hint, error, optionalLabel, ...input } = props;
  const field = { name, label, hint, error, optionalLabel };
  return (
    <Field {...field} class="mb-5">
      <input {...input} {...controlProps(field)} />
    </Field>
  );
}

export interface OptionGroup {
  /** None: the options stand on their own, not in an `<optgroup>`. */
  label?: string;
  options: Choice[];
}

/** A select of (grouped) options, with an empty first choice (`placeholder`). */
export function SelectField(
  { groups, placeholder, value, ...field }: FieldProps & {
    groups: OptionGroup[];
    placeholder: string;
    value: string;
  },
) {
  return (
    <Field {...field} class="mb-5">
      <select {...controlProps(field)}>
        <option value="">{placeholder}</option>
        {groups.map((group) => {
          const options = group.options.map((option) => (
            <option value={option.value} selected={option.value === value}>{option.label}</option>
          ));
          return group.label === undefined
            ? options
            : <optgroup key={group.label} label={group.label}>{options}</optgroup>;
        })}
      </select>
    </Field>
  );
}

/** A bare input or select in a staff form (the fields above, with hints and errors, style their own). */
export const INPUT = "mt-1 block w-full min-h-[48px] px-3 rounded-lg border-2 border-gray-400 bg-white";
/** The denser bare control of the payments staff pages (fees, campaigns, the payments list's filter). */
export const INPUT_SMALL = "w-full min-h-[44px] px-3 rounded-md border border-gray-400 bg-white";

/**
 * A control (`children`) inside its bold label, for staff forms whose fields need no hint or error;
 * `small` sets the label in small type, over an `INPUT_SMALL` control.
 */
export function LabelledControl(
  { label, small, class: layout, children }: {
    label: ComponentChildren;
    small?: boolean;
    /** More classes for the label, placing it in a grid. */
    class?: string;
    children: ComponentChildren;
  },
) {
  return (
    <label class={layout ? `block ${layout}` : "block"}>
      <span class={small ? "block text-sm font-bold" : "font-bold"}>{label}</span>
      {children}
    </label>
  );
}
