/**
 * What every form's validation shares: forms are read as strings, checked with zod, and each problem
 * comes back as a catalogue key next to the field it concerns.
 */
import { z } from "zod";
import type { MessageKey } from "./i18n/mod.ts";

/** The fields `names` as submitted, missing ones (or files) as empty strings: to validate and to show again. */
export function formStrings<Field extends string>(
  form: FormData,
  names: readonly Field[],
): Record<Field, string> {
  const values = {} as Record<Field, string>;
  for (const name of names) {
    const entry = form.get(name);
    values[name] = typeof entry === "string" ? entry : "";
  }
  return values;
}

/** Blank form fields count as not given. */
const blank = (value: unknown) => typeof value === "string" && value.trim() === "" ? undefined : value;

/** A field that may be left blank. */
export const optionalField = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());

/**
 * Control characters no keyboard types (NUL, escape, …), which Postgres text cannot hold or pages cannot
 * show; line breaks and tabs stay allowed.
 */
// deno-lint-ignore no-control-regex -- finding control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A string without control characters; `error` names the problem for the person. */
export const typedText = (error: MessageKey) =>
  z.string().refine((text) => !CONTROL_CHARACTERS.test(text), { error });

/** Text a person wrote: no control characters, line breaks as typed, no blank edges, at most `max` long. */
export const writtenText = (max: number, tooLong: MessageKey) =>
  typedText("error.control_characters")
    .transform((text) => text.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().max(max, { error: tooLong }));

/** Field → message key, the first problem of each field; `rename` maps a field onto the one that shows it. */
export function fieldErrors<Field extends string>(
  issues: readonly z.core.$ZodIssue[],
  rename: (field: string) => Field = (field) => field as Field,
): Partial<Record<Field, MessageKey>> {
  const errors: Partial<Record<Field, MessageKey>> = {};
  for (const issue of issues) errors[rename(String(issue.path[0]))] ??= issue.message as MessageKey;
  return errors;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID, as ids in addresses and forms must be before they reach the database. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
