/**
 * The staff complaint queue's data, read as the staff member (their JWT, so RLS decides every row): a page
 * of `public.staff_queue`, the number in each status under the same filters (`public.staff_queue_counts`),
 * whom the queue can be filtered by, and the Realtime topics that announce changes in the person's scope.
 */
import type { SignedInUser, UserSession } from "../auth/session.ts";
import type { SupabaseClient } from "@supabase/supabase-js";
import { userClient } from "../supabase.ts";
import { COMPLAINT_STATUSES, type ComplaintPriority, type ComplaintStatus } from "../complaints/model.ts";
import { ComplaintDataError } from "../complaints/repository.ts";
import type { CityCorporation, Ward } from "../wards.ts";
import { type QueueCursor, type QueueQuery, type StatusTab, tabStatuses, UNASSIGNED } from "./queue_query.ts";

export const QUEUE_PAGE_SIZE = 25;

/** One complaint in the queue, as `public.staff_queue` returns it. */
export interface QueueRow {
  id: string;
  tracking_number: string;
  title: string;
  location: string | null;
  category: string;
  status: ComplaintStatus;
  priority: ComplaintPriority;
  ward_id: number | null;
  ward_city_corporation: CityCorporation | null;
  ward_number: number | null;
  ward_name_bn: string | null;
  ward_name_en: string | null;
  assigned_to: string | null;
  assignee_name: string | null;
  created_at: string;
  updated_at: string;
  deadline_at: string | null;
  is_overdue: boolean;
  reopened_count: number;
  version: number;
}

/** A service provider the queue can be filtered by. */
export interface Assignee {
  id: string;
  name: string;
}

export interface QueuePage {
  rows: QueueRow[];
  /** Where the next page starts; null on the last page. */
  next: QueueCursor | null;
  /** How many complaints are in each status under the filters (the status tab aside). */
  counts: Record<ComplaintStatus, number>;
  /** Empty for service providers, who see only their own. */
  assignees: Assignee[];
}

/** The filters of `query` as public.staff_queue and staff_queue_counts take them. */
function queueFilters(query: QueueQuery) {
  return {
    category_code: query.category ?? null,
    ward: query.ward ?? null,
    priority_level: query.priority ?? null,
    assignee: query.assignee === UNASSIGNED ? null : query.assignee ?? null,
    unassigned: query.assignee === UNASSIGNED,
    filed_from: query.from ?? null,
    filed_to: query.to ?? null,
    overdue: query.overdue,
    search: query.q ?? null,
  };
}

/** Up to `size` rows of the queue after `after`, in `query`'s order. */
function queueRows(client: SupabaseClient, query: QueueQuery, after: QueueCursor | undefined, size: number) {
  return client.rpc("staff_queue", {
    ...queueFilters(query),
    statuses: tabStatuses(query.status),
    sort: query.sort,
    after_id: after?.id ?? null,
    after_at: after?.at ?? null,
    after_priority: after?.priority ?? null,
    page_size: size,
  });
}

/** Where the page after `row` starts, in `query`'s order. */
function cursorAfter(row: QueueRow, query: QueueQuery): QueueCursor {
  return {
    id: row.id,
    at: query.sort === "deadline" ? row.deadline_at : row.created_at,
    priority: row.priority,
  };
}

/** A page of the queue as `query` asks for it, with the counts and the assignee choices. */
export async function loadQueue(session: UserSession, query: QueueQuery): Promise<QueuePage> {
  const client = userClient(session.accessToken);
  const [page, counts, assignees] = await Promise.all([
    queueRows(client, query, query.after, QUEUE_PAGE_SIZE + 1),
    client.rpc("staff_queue_counts", queueFilters(query)),
    session.user.role === "service_provider"
      ? { data: [], error: null }
      : client.rpc("staff_queue_assignees"),
  ]);
  const answers = { "the queue": page, "its counts": counts, "the assignees": assignees };
  for (const [what, { error }] of Object.entries(answers)) {
    if (error) throw new ComplaintDataError(`reading ${what}`, error);
  }

  const found = page.data as QueueRow[];
  const counted = new Map((counts.data as { status: string; complaints: number }[]).map((count) => [
    count.status,
    count.complaints,
  ]));
  const rows = found.slice(0, QUEUE_PAGE_SIZE);
  const last = rows.at(-1);
  return {
    rows,
    next: found.length > QUEUE_PAGE_SIZE && last ? cursorAfter(last, query) : null,
    counts: Object.fromEntries(
      COMPLAINT_STATUSES.map((status) => [status, counted.get(status) ?? 0]),
    ) as Record<ComplaintStatus, number>,
    assignees: assignees.data as Assignee[],
  };
}

/** The largest page public.staff_queue gives. */
const EXPORT_PAGE_SIZE = 100;

/**
 * Every row of the queue as `query` filters it, from the first, a page at a time (keyset): for an export
 * that holds one page in memory however long the queue is.
 */
export async function* allQueueRows(session: UserSession, query: QueueQuery): AsyncGenerator<QueueRow> {
  const client = userClient(session.accessToken);
  let after: QueueCursor | undefined;
  for (;;) {
    const { data, error } = await queueRows(client, query, after, EXPORT_PAGE_SIZE);
    if (error) throw new ComplaintDataError("reading the queue for export", error);
    const rows = data as QueueRow[];
    yield* rows;
    if (rows.length < EXPORT_PAGE_SIZE) return;
    after = cursorAfter(rows.at(-1)!, query);
  }
}

/** How many complaints a status tab holds (none: all). */
export function tabTotal(counts: Record<ComplaintStatus, number>, tab: StatusTab | undefined): number {
  return (tabStatuses(tab) ?? COMPLAINT_STATUSES).reduce((sum, status) => sum + counts[status], 0);
}

/**
 * The private Realtime topics that announce new and changed complaints for this queue: the person's own
 * assignments for a service provider; else the ward asked for, or every ward in their scope.
 */
export function queueTopics(user: SignedInUser, query: QueueQuery): string[] {
  if (user.role === "service_provider") return [`queue:assignee:${user.id}`];
  if (query.ward !== undefined && (user.role === "super_admin" || user.wards.includes(query.ward))) {
    return [`queue:ward:${query.ward}`];
  }
  if (user.role === "super_admin") return ["queue:all"];
  return user.wards.map((ward) => `queue:ward:${ward}`);
}

/** The wards the queue can be filtered by: every ward for super admins, else the person's own. */
export function queueWards(user: SignedInUser, wards: readonly Ward[]): Ward[] {
  return user.role === "super_admin" ? [...wards] : wards.filter((ward) => user.wards.includes(ward.id));
}
