/**
 * The form's errors by field (`form` for the form as a whole), and the summary at the top that takes the
 * focus when a submission comes back with errors, so screen readers announce them. Browser only.
 */
import { useRef, useState } from "preact/hooks";

export function useErrorSummary(initial: Record<string, string>) {
  const [errors, setErrors] = useState(initial);
  const summaryRef = useRef<HTMLDivElement>(null);
  return {
    errors,
    summaryRef,
    /** Replaces all errors with `found` and moves the focus to the summary. */
    show(found: Record<string, string>) {
      setErrors(found);
      requestAnimationFrame(() => summaryRef.current?.focus());
    },
    set(field: string, message: string) {
      setErrors((current) => ({ ...current, [field]: message }));
    },
    clear(field: string) {
      setErrors(({ [field]: _, ...rest }) => rest);
    },
  };
}

export type ErrorSummary = ReturnType<typeof useErrorSummary>;
