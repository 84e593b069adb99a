/**
 * What the queue's URL says: status, search, filters, sort and where the page starts, read from the query
 * string with zod (each problem a catalogue key next to its field) and written back into every link the
 * page has, so a filtered queue is a URL to share and the back button works.
 */
import { z } from "zod";
import type { MessageKey } from "../i18n/mod.ts";
import { toAsciiDigits } from "../i18n/format.ts";
import {
  COMPLAINT_PRIORITIES,
  COMPLAINT_STATUSES,
  type ComplaintPriority,
  type ComplaintStatus,
  OPEN_STATUSES,
} from "../complaints/model.ts";
import { decodeCursor, encodeCursor } from "../complaints/repository.ts";
import { fieldErrors, isUuid, optionalField, typedText } from "../validation.ts";

export const QUEUE_PATH = "/admin/complaints";

export const QUEUE_SORTS = ["newest", "oldest", "priority", "deadline"] as const;
export type QueueSort = typeof QUEUE_SORTS[number];

/** The status tabs besides "all": the open ones together, then each status. */
export const STATUS_TABS = ["open", ...COMPLAINT_STATUSES] as const;
export type StatusTab = typeof STATUS_TABS[number];

/** The assignee filter's value for complaints nobody is assigned to. */
export const UNASSIGNED = "unassigned";

/** The query string's fields, in the order links write them. */
export const QUEUE_FIELDS = [
  "status",
  "q",
  "category",
  "ward",
  "priority",
  "assignee",
  "from",
  "to",
  "overdue",
  "sort",
  "after",
] as const;
export type QueueField = typeof QUEUE_FIELDS[number];
/** The filters behind the "Filters" disclosure (status, search and sort have their own controls). */
export const FILTER_FIELDS = ["category", "ward", "priority", "assignee", "from", "to", "overdue"] as const;
export type FilterField = typeof FILTER_FIELDS[number];

/** Where a page starts: after the row with this id and sort key (created_at, or deadline_at, as written). */
export interface QueueCursor {
  id: string;
  /** Null only for the deadline sort, among complaints without a deadline. */
  at: string | null;
  /** For the priority sort. */
  priority?: ComplaintPriority;
}

export interface QueueQuery {
  status?: StatusTab;
  q?: string;
  category?: string;
  ward?: number;
  priority?: ComplaintPriority;
  /** A service provider's id, or UNASSIGNED. */
  assignee?: string;
  /** Filing days in Bangladesh, YYYY-MM-DD. */
  from?: string;
  to?: string;
  overdue: boolean;
  sort: QueueSort;
  after?: QueueCursor;
}

/** The query string as it came, to show in the form again. */
export type QueueValues = Record<QueueField, string>;
export type QueueErrors = Partial<Record<QueueField, MessageKey>>;

export const SEARCH_MAX = 100;
const NO_DEADLINE = "none";

const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  optionalField(z.enum(values, { error: "queue.error.choice" }));
const day = optionalField(
  z.string().transform(toAsciiDigits).pipe(z.iso.date({ error: "queue.error.date" })),
);

const schema = z.object({
  status: choice(STATUS_TABS),
  q: optionalField(
    typedText("error.control_characters").transform((text) => text.trim())
      .pipe(z.string().max(SEARCH_MAX, { error: "queue.error.search" })),
  ),
  category: optionalField(z.string().regex(/^[a-z][a-z_]{1,39}$/, { error: "queue.error.choice" })),
  ward: optionalField(
    z.string().regex(/^[1-9][0-9]{0,3}$/, { error: "queue.error.choice" }).transform(Number),
  ),
  priority: choice(COMPLAINT_PRIORITIES),
  assignee: optionalField(
    z.string().refine((value) => value === UNASSIGNED || isUuid(value), { error: "queue.error.choice" }),
  ),
  from: day,
  to: day,
  overdue: z.string().transform((value) => value === "1"),
  sort: z.preprocess(
    (value) => value || undefined,
    z.enum(QUEUE_SORTS, { error: "queue.error.choice" }).default("newest"),
  ),
  after: optionalField(z.string()),
}).transform(({ after, ...query }, context): QueueQuery => {
  if (query.from && query.to && query.to < query.from) {
    context.issues.push({ code: "custom", path: ["to"], message: "queue.error.date_order", input: query.to });
  }
  const cursor = after === undefined ? undefined : decodeQueueCursor(query.sort, after);
  if (cursor === null) {
    context.issues.push({ code: "custom", path: ["after"], message: "queue.error.cursor", input: after });
  }
  return { ...query, after: cursor ?? undefined };
});

/** The queue as the URL asks for it, or what is wrong with the URL, field by field. */
export function readQueueQuery(
  params: URLSearchParams,
): { query: QueueQuery; values: QueueValues; errors: QueueErrors } {
  const values = Object.fromEntries(
    QUEUE_FIELDS.map((field) => [field, params.get(field) ?? ""]),
  ) as QueueValues;
  const parsed = schema.safeParse(values);
  if (parsed.success) return { query: parsed.data, values, errors: {} };
  return {
    query: { overdue: false, sort: "newest" },
    values,
    errors: fieldErrors<QueueField>(parsed.error.issues),
  };
}

/** The statuses a status tab shows (none: every status). */
export function tabStatuses(status: StatusTab | undefined): readonly ComplaintStatus[] | null {
  if (status === undefined) return null;
  return status === "open" ? OPEN_STATUSES : [status];
}

/** How many of the filters behind the disclosure are set. */
export function activeFilterCount(query: QueueQuery): number {
  return FILTER_FIELDS.filter((field) => field === "overdue" ? query.overdue : query[field] !== undefined)
    .length;
}

/**
 * The link to the queue as `query` with `changes`: defaults left out, and back to the first page unless
 * `changes` says where to start; `path` for another view of the same filters (the CSV export).
 */
export function queueHref(query: QueueQuery, changes: Partial<QueueQuery> = {}, path = QUEUE_PATH): string {
  const merged: QueueQuery = { ...query, after: undefined, ...changes };
  const params = new URLSearchParams();
  for (const field of QUEUE_FIELDS) {
    const value = merged[field];
    if (field === "overdue") {
      if (merged.overdue) params.set(field, "1");
    } else if (field === "sort") {
      if (merged.sort !== "newest") params.set(field, merged.sort);
    } else if (field === "after") {
      if (merged.after) params.set(field, encodeQueueCursor(merged.sort, merged.after));
    } else if (value !== undefined) {
      params.set(field, String(value));
    }
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * The queue's own link for `query` when the query string it was read from says it differently (a form
 * names every field, the empty ones too; defaults, spaces around a search, Bengali digits in a date);
 * null when the two agree, in whatever order the fields came.
 */
export function tidierHref(params: URLSearchParams, query: QueueQuery): string | null {
  const href = queueHref(query, { after: query.after });
  const tidy = new URL(href, "http://queue").searchParams;
  const entries = (list: URLSearchParams) =>
    [...list].map(([name, value]) => `${name}=${value}`).sort().join("&");
  return entries(tidy) === entries(params) ? null : href;
}

/**
 * A cursor as the URL carries it: `<timestamp>_<id>` as the complaints list writes it (`none_<id>` past
 * the last deadline), the priority before it for the priority sort.
 */
function encodeQueueCursor(sort: QueueSort, cursor: QueueCursor): string {
  const key = cursor.at === null
    ? `${NO_DEADLINE}_${cursor.id}`
    : encodeCursor({ createdAt: cursor.at, id: cursor.id });
  return sort === "priority" ? `${cursor.priority}_${key}` : key;
}

/** Null for anything that is not a cursor this page wrote for this sort. */
function decodeQueueCursor(sort: QueueSort, value: string): QueueCursor | null {
  let key = value;
  let priority: ComplaintPriority | undefined;
  if (sort === "priority") {
    const separator = value.indexOf("_");
    priority = COMPLAINT_PRIORITIES.find((level) => level === value.slice(0, separator));
    if (!priority) return null;
    key = value.slice(separator + 1);
  }
  if (sort === "deadline" && key.startsWith(`${NO_DEADLINE}_`)) {
    const id = key.slice(NO_DEADLINE.length + 1);
    return isUuid(id) ? { id, at: null } : null;
  }
  const decoded = decodeCursor(key);
  return decoded && { id: decoded.id, at: decoded.createdAt, priority };
}
