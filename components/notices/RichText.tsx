/** A notice body on a page: the parsed markup (lib/notices/rich_text.ts) as elements, text escaped by Preact. */
import { Fragment } from "preact";
import { type Inline, LINK_REL, parseRichText } from "@/lib/notices/rich_text.ts";

function Runs({ runs }: { runs: Inline[] }) {
  return (
    <>
      {runs.map((run, i) => {
        if (run.kind === "text") return run.text;
        if (run.kind === "strong") return <strong key={i}>{run.text}</strong>;
        return (
          <a key={i} href={run.href} rel={LINK_REL} class="text-green-800 underline underline-offset-2">
            <Runs runs={run.label} />
          </a>
        );
      })}
    </>
  );
}

export function RichText({ text }: { text: string }) {
  return (
    <div class="space-y-3 text-lg leading-relaxed">
      {parseRichText(text).map(({ kind, rows }) => {
        if (kind === "p") {
          return (
            <p>
              {rows.map((row, i) => (
                <Fragment key={i}>
                  {i > 0 && <br />}
                  <Runs runs={row} />
                </Fragment>
              ))}
            </p>
          );
        }
        const List = kind;
        return (
          <List class={`pl-6 ${kind === "ul" ? "list-disc" : "list-decimal"}`}>
            {rows.map((row) => (
              <li>
                <Runs runs={row} />
              </li>
            ))}
          </List>
        );
      })}
    </div>
  );
}
