/**
 * Encodes island props for the page (format and decoder: `runtime/props_codec.ts`), refusing values the
 * browser could not get back faithfully, and escapes the JSON for a `<script>` element.
 */
import { Signal } from "@preact/signals";
import { encodeBase64, TAG } from "../runtime/props_codec.ts";

export interface IslandProps {
  /** Island name for error messages, e.g. `Counter`. */
  island: string;
  props: Record<string, unknown>;
}

/** Returns the node list whose node 0 is the array of every island's props. */
export function encodeIslandProps(islands: IslandProps[]): unknown[] {
  const nodes: unknown[] = [];
  const seen = new Map<object, number>();

  function reserve(value: object): number {
    const index = nodes.push(null) - 1;
    seen.set(value, index);
    return index;
  }

  function encode(value: unknown, where: Where): number {
    if (typeof value === "object" && value !== null && seen.has(value)) return seen.get(value)!;
    switch (typeof value) {
      case "string":
      case "boolean":
        return nodes.push(value) - 1;
      case "number":
        if (Number.isFinite(value) && !Object.is(value, -0)) return nodes.push(value) - 1;
        return nodes.push([TAG.number, Object.is(value, -0) ? "-0" : String(value)]) - 1;
      case "bigint":
        return nodes.push([TAG.bigint, value.toString()]) - 1;
      case "undefined":
        return nodes.push([TAG.undefined]) - 1;
      case "function":
        throw refuse(where, "a function");
      case "symbol":
        throw refuse(where, "a symbol");
    }
    if (value === null) return nodes.push(null) - 1;
    return encodeObject(value as object, where);
  }

  function encodeObject(value: object, where: Where): number {
    if (value instanceof Signal) {
      const index = reserve(value);
      nodes[index] = [TAG.signal, encode(value.peek(), where.child(".value"))];
      return index;
    }
    if (value instanceof Uint8Array) {
      const index = reserve(value);
      nodes[index] = [TAG.bytes, encodeBase64(value)];
      return index;
    }
    if (Array.isArray(value)) {
      const index = reserve(value);
      const node: unknown[] = [TAG.array];
      nodes[index] = node;
      for (let i = 0; i < value.length; i++) node.push(encode(value[i], where.child(`[${i}]`)));
      return index;
    }
    const prototype = Object.getPrototypeOf(value);
    if (prototype === null || (prototype === Object.prototype && !isVNode(value))) {
      const index = reserve(value);
      const node: unknown[] = [TAG.object];
      nodes[index] = node;
      for (const [key, item] of Object.entries(value)) {
        node.push(
          key,
          encode(item, where.child(/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`)),
        );
      }
      return index;
    }
    if (isVNode(value)) throw refuse(where, "JSX", "JSX can be passed to an island only as its children");
    if (value instanceof Date) {
      throw refuse(where, "a Date", "pass date.toISOString() and parse it in the island");
    }
    throw refuse(where, `an instance of ${prototype?.constructor?.name || "a class"}`);
  }

  const root: unknown[] = [TAG.array];
  nodes.push(root);
  for (const { island, props } of islands) root.push(encode(props, new Where(island, "props")));
  return nodes;
}

class Where {
  constructor(readonly island: string, readonly path: string) {}
  child(step: string): Where {
    return new Where(this.island, this.path + step);
  }
}

function refuse(where: Where, what: string, hint?: string): Error {
  return new TypeError(
    `Island <${where.island}>: ${where.path} is ${what}, which cannot be sent to the browser. ` +
      (hint ? `${hint[0].toUpperCase()}${hint.slice(1)}. ` : "") +
      "Island props may hold JSON values, undefined, BigInt, Uint8Array and signals; " +
      "not functions, Dates or class instances.",
  );
}

/** Preact vnodes are plain objects whose own `constructor` is undefined. */
function isVNode(value: object): boolean {
  return Object.hasOwn(value, "constructor") &&
    (value as { constructor: unknown }).constructor === undefined &&
    "props" in value;
}

/**
 * JSON safe inside `<script>`: `<`, `>` and `&` (so neither `</script>` nor `<!--` can appear) and
 * U+2028/U+2029 become \u escapes, which only occur inside JSON strings, where they mean the same.
 */
export function escapeJsonForScript(json: string): string {
  return json.replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
