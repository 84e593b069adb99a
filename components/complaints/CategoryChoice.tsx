/** The kind of problem, as radio buttons in large cards that are easy to hit on a small phone. */
import { type Choice, FieldError } from "@/components/FormField.tsx";

interface CategoryChoiceProps {
  legend: string;
  categories: Choice[];
  /** The chosen category's code, or "". */
  value: string;
  error?: string;
  onChoose: (value: string) => void;
}

export function CategoryChoice({ legend, categories, value, error, onChoose }: CategoryChoiceProps) {
  return (
    <fieldset>
      <legend class="font-bold text-gray-900">{legend}</legend>
      <FieldError name="category" error={error} />
      <div class="mt-2 grid grid-cols-2 gap-2">
        {categories.map((category) => (
          <label
            key={category.value}
            class={`flex items-center gap-2 min-h-[48px] px-3 py-2 rounded-lg border-2 cursor-pointer ${
              value === category.value ? "border-green-700 bg-green-50" : "border-gray-300 bg-white"
            }`}
          >
            <input
              type="radio"
              name="category"
              value={category.value}
              checked={value === category.value}
              required
              onChange={() => onChoose(category.value)}
              class="w-5 h-5 accent-green-700"
            />
            <span class="leading-tight">{category.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
