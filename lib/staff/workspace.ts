/**
 * The staff workspace of one complaint (/admin/complaints/<id>) for the server: every read and change goes
 * through PostgREST and Storage as the signed-in staff member (their JWT), so RLS, the staff functions and
 * the complaints triggers decide who sees and does what. Here the answers are read, and each refusal of
 * the database becomes a message for the person and an HTTP status.
 */
import { isUuid } from "../validation.ts";
import type { PostgrestError } from "@supabase/supabase-js";
import type { AppRole, UserSession } from "../auth/session.ts";
import { userClient } from "../supabase.ts";
import type { MessageKey } from "../i18n/mod.ts";
import { type ComplaintStatus, OPEN_STATUSES } from "../complaints/model.ts";
import {
  ComplaintDataError,
  type ComplaintPhoto,
  type Refusal,
  signPhotos,
  statusWorkflow,
} from "../complaints/repository.ts";

export const PRIORITIES = ["low", "medium", "high"] as const;
export type Priority = typeof PRIORITIES[number];

export interface WorkspaceComplaint {
  id: string;
  tracking_number: string;
  title: string;
  description: string;
  category: string;
  status: ComplaintStatus;
  priority: Priority;
  ward_id: number | null;
  location: string | null;
  latitude: number | null;
  longitude: number | null;
  citizen_id: string;
  assigned_to: string | null;
  rejection_reason: string | null;
  created_at: string;
  updated_at: string;
  deadline_at: string | null;
  reopened_count: number;
  /** What every change form sends back, so a save that has not seen a newer change is refused. */
  version: number;
}

/** Someone in the complaint: its filer, its assignee, the authors of its history. */
export interface Person {
  id: string;
  full_name: string | null;
  phone: string | null;
}

/** One entry of the full history: a status change, a reply to the citizen, or an internal note. */
export interface WorkspaceEntry {
  id: number;
  kind: "status" | "reply" | "note";
  status: ComplaintStatus;
  at: string;
  comment: string | null;
  /** Shown on the public tracking page too. */
  isPublic: boolean;
  authorId: string | null;
}

export interface ResponseTemplate {
  id: number;
  title_bn: string;
  title_en: string;
  body_bn: string;
  body_en: string;
}

export interface Workspace {
  complaint: WorkspaceComplaint;
  photos: ComplaintPhoto[];
  /** Oldest first. */
  timeline: WorkspaceEntry[];
  /** The filer, the assignee and the history's authors, by id, as far as the staff member may know them. */
  people: Record<string, Person>;
  followers: number;
  /** The statuses this staff member may move the complaint to from where it is. */
  nextStatuses: ComplaintStatus[];
  /** The category's ready-made replies and those for every category. */
  templates: ResponseTemplate[];
  /** Whom it may be assigned to (empty for those who do not assign). */
  providers: Person[];
}

/** Ward admins and super admins run the desk: priority, assignment, every step of the workflow. */
export function runsTheDesk(role: AppRole): boolean {
  return role === "ward_admin" || role === "super_admin";
}

/** Whether a complaint still being dealt with has passed its deadline. */
export function isOverdue(
  complaint: Pick<WorkspaceComplaint, "status" | "deadline_at">,
  now: number,
): boolean {
  return OPEN_STATUSES.includes(complaint.status) && complaint.deadline_at !== null &&
    Date.parse(complaint.deadline_at) < now;
}

/** The only steps a service provider takes (the database's rule; here to offer no others). */
const PROVIDER_STEPS: Partial<Record<ComplaintStatus, ComplaintStatus>> = {
  submitted: "in_progress",
  in_progress: "resolved",
};

/** The rows of a PostgREST answer, or the error thrown. */
async function rows<T>(query: PromiseLike<{ data: unknown; error: PostgrestError | null }>, action: string) {
  const { data, error } = await query;
  if (error) throw new ComplaintDataError(action, error);
  return data as T;
}

/** Everything the workspace shows, as this staff member may see it; null when it is not in their scope. */
export async function getWorkspace(session: UserSession, id: string): Promise<Workspace | null> {
  if (!isUuid(id)) return null;
  const client = userClient(session.accessToken);
  const { data, error } = await client
    .from("complaints")
    .select(
      `id, tracking_number, title, description, category, status, priority, ward_id, location, latitude,
       longitude, citizen_id, assigned_to, rejection_reason, created_at, updated_at, deadline_at,
       reopened_count, version,
       complaint_updates (id, kind, new_status, comment, comment_is_public, changed_by, created_at),
       complaint_photos (storage_path, position)`,
    )
    .eq("id", id)
    .order("id", { referencedTable: "complaint_updates" })
    .order("position", { referencedTable: "complaint_photos" })
    .maybeSingle();
  if (error) throw new ComplaintDataError("reading a complaint for staff", error);
  if (!data) return null;

  const { complaint_updates: updates, complaint_photos, ...row } = data;
  const complaint: WorkspaceComplaint = {
    ...row,
    latitude: row.latitude === null ? null : Number(row.latitude),
    longitude: row.longitude === null ? null : Number(row.longitude),
  };
  const role = session.user.role;
  const personIds = [
    ...new Set([complaint.citizen_id, complaint.assigned_to, ...updates.map((u) => u.changed_by)]),
  ].filter((person): person is string => person !== null);

  // One person runs at most three PostgREST requests at once (the API's per-person cap); Storage is apart.
  const [workflow, templates, followers, people, photos] = await Promise.all([
    statusWorkflow(),
    rows<ResponseTemplate[]>(
      client.from("response_templates").select("id, title_bn, title_en, body_bn, body_en")
        .or(`category.is.null,category.eq.${complaint.category}`).order("id"),
      "reading response templates",
    ),
    rows<number | null>(client.rpc("complaint_follower_count", { complaint_id: id }), "counting followers"),
    rows<Person[]>(client.rpc("staff_people", { person_ids: personIds }), "reading people"),
    signPhotos(client, complaint_photos),
  ]);
  const providers = runsTheDesk(role)
    ? await rows<Person[]>(
      client.rpc("assignable_providers", { complaint_id: id }),
      "listing service providers",
    )
    : [];

  return {
    complaint,
    photos,
    timeline: updates.map((update) => ({
      id: update.id,
      kind: update.kind,
      status: update.new_status,
      at: update.created_at,
      comment: update.comment,
      isPublic: update.comment_is_public,
      authorId: update.changed_by,
    })),
    people: Object.fromEntries(people.map((person) => [person.id, person])),
    followers: followers ?? 0,
    nextStatuses: workflow.filter((step) => step.from_status === complaint.status).map((step) =>
      step.to_status
    )
      .filter((status) => runsTheDesk(role) || PROVIDER_STEPS[complaint.status] === status),
    templates,
    providers,
  };
}

/** A ready-made reply by its id; null when there is none (or the person is not staff: RLS). */
export async function getTemplate(session: UserSession, id: number): Promise<ResponseTemplate | null> {
  return await rows<ResponseTemplate | null>(
    userClient(session.accessToken).from("response_templates").select(
      "id, title_bn, title_en, body_bn, body_en",
    )
      .eq("id", id).maybeSingle(),
    "reading a response template",
  );
}

// ---------------------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------------------

/** A change to the complaint itself, made at the version the page showed. */
export type ComplaintChange =
  | { action: "status"; status: ComplaintStatus; comment: string | null; isPublic: boolean }
  | { action: "priority"; priority: Priority }
  | { action: "assign"; assignee: string }
  | { action: "unassign" };

/** Words on the complaint that change nothing else: a reply to the citizen or an internal note. */
export interface Writing {
  internal: boolean;
  body: string;
  isPublic: boolean;
}

type Action = ComplaintChange["action"] | "write";

/** 42501: the caller's role may not do this. */
const NOT_FOR_YOUR_ROLE: Partial<Record<Action, MessageKey>> = {
  status: "workspace.error.role_status",
  priority: "workspace.error.role_priority",
  assign: "workspace.error.role_assign",
  unassign: "workspace.error.role_assign",
};

/** 23514: the change breaks a rule of the workflow (the form's own checks come first). */
const AGAINST_THE_RULES: Partial<Record<Action, MessageKey>> = {
  status: "workspace.error.transition",
  priority: "workspace.error.priority",
  assign: "workspace.error.assignee",
};

/** The message and HTTP status for each refusal of the staff functions. */
function refusal(action: Action, error: PostgrestError): Refusal {
  const forbidden = NOT_FOR_YOUR_ROLE[action];
  const againstRules = AGAINST_THE_RULES[action];
  switch (error.code) {
    case "CC409":
      return { status: 409, message: "workspace.error.stale" };
    case "CC404":
      return { status: 404, message: "workspace.error.not_in_scope" };
    case "CC422":
      return { status: 422, message: "workspace.error.body_empty" };
    case "42501":
      if (forbidden) return { status: 403, message: forbidden };
      break;
    case "23514":
      if (againstRules) return { status: 422, message: againstRules };
      break;
  }
  throw new ComplaintDataError(`${action} on a complaint`, error);
}

function changeArguments(change: ComplaintChange) {
  switch (change.action) {
    case "status":
      return {
        status: change.status,
        comment: change.comment,
        comment_is_public: change.isPublic,
        rejection_reason: change.status === "rejected" ? change.comment : null,
      };
    case "priority":
      return { priority: change.priority };
    case "assign":
      return { assigned_to: change.assignee };
    case "unassign":
      return { unassign: true };
  }
}

/** Makes the change unless someone saved since `version`; null when done. */
export async function changeComplaint(
  session: UserSession,
  id: string,
  version: number,
  change: ComplaintChange,
): Promise<Refusal | null> {
  const { error } = await userClient(session.accessToken).rpc("staff_update_complaint", {
    complaint_id: id,
    seen_version: version,
    ...changeArguments(change),
  });
  return error ? refusal(change.action, error) : null;
}

/** Adds a reply or a note; null when done. */
export async function writeToComplaint(
  session: UserSession,
  id: string,
  writing: Writing,
): Promise<Refusal | null> {
  const { error } = await userClient(session.accessToken).rpc("staff_write_to_complaint", {
    complaint_id: id,
    body: writing.body,
    internal: writing.internal,
    public_on_tracking_page: writing.isPublic,
  });
  return error ? refusal("write", error) : null;
}
