/**
 * Wire format of island props (server → browser), decoded here and encoded in `server/serializer.ts`.
 *
 * The page state is a flat list of nodes; node 0 is the root (the array of every island's props).
 * A node is a JSON literal (string, finite number, boolean, null) or a tagged array whose other entries
 * are indexes of nodes. Because containers refer to nodes by index, a value reached twice (a signal
 * shared by two islands, a cycle) is one node and is revived as one object.
 */
export const TAG = {
  array: "a", // ["a", ...itemIndexes]
  object: "o", // ["o", key, valueIndex, key, valueIndex, ...]
  undefined: "u", // ["u"]
  number: "n", // ["n", "NaN" | "Infinity" | "-Infinity" | "-0"]
  bigint: "b", // ["b", decimal digits]
  bytes: "u8", // ["u8", base64] for Uint8Array
  signal: "s", // ["s", valueIndex], revived as a new signal holding the value
} as const;

interface Writable {
  value: unknown;
}

/** Rebuilds the value of node 0. `createSignal` makes the signal for each signal node. */
export function decodeProps(nodes: unknown[], createSignal: (value: unknown) => Writable): unknown {
  const revived = new Map<number, unknown>();

  function revive(index: number): unknown {
    if (revived.has(index)) return revived.get(index);
    const node = nodes[index];
    if (!Array.isArray(node)) return node;
    const [tag, ...rest] = node as [string, ...unknown[]];
    switch (tag) {
      case TAG.array: {
        const array: unknown[] = [];
        revived.set(index, array);
        for (const item of rest) array.push(revive(item as number));
        return array;
      }
      case TAG.object: {
        const object: Record<string, unknown> = {};
        revived.set(index, object);
        for (let i = 0; i < rest.length; i += 2) {
          // defineProperty, so a key named "__proto__" stays an ordinary property
          Object.defineProperty(object, rest[i] as string, {
            value: revive(rest[i + 1] as number),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        return object;
      }
      case TAG.undefined:
        return undefined;
      case TAG.number:
        return Number(rest[0]);
      case TAG.bigint:
        return BigInt(rest[0] as string);
      case TAG.bytes: {
        const bytes = decodeBase64(rest[0] as string);
        revived.set(index, bytes);
        return bytes;
      }
      case TAG.signal: {
        const signal = createSignal(undefined);
        revived.set(index, signal);
        signal.value = revive(rest[0] as number);
        return signal;
      }
      default:
        throw new Error(`Unknown island props node tag ${JSON.stringify(tag)}`);
    }
  }

  return revive(0);
}

export function encodeBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function decodeBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}
