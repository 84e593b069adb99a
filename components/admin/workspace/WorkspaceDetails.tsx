/**
 * Everything the citizen sent and where the complaint stands: number, status, priority, deadline, the
 * place with a map link, the filer to call, the assignee, followers, reopenings, the description, photos.
 */
import type { ComponentChildren } from "preact";
import { type Locale, type Translate } from "@/lib/i18n/mod.ts";
import { displayPhone } from "@/lib/phone.ts";
import { wardLabel } from "@/lib/wards.ts";
import { categoryName, statusLabels } from "@/lib/complaints/labels.ts";
import { openStreetMapLink } from "@/lib/complaints/model.ts";
import type { ReferenceData } from "@/lib/complaints/repository.ts";
import { isOverdue, type Person, type Workspace } from "@/lib/staff/workspace.ts";
import { DetailItem } from "@/components/complaints/DetailItem.tsx";
import { StatusBadge } from "@/components/complaints/StatusBadge.tsx";
import { PhotoGrid } from "@/components/complaints/PhotoGrid.tsx";
import { LINK } from "@/components/ui.tsx";
import { DateTime } from "@/components/DateTime.tsx";

interface WorkspaceDetailsProps {
  workspace: Workspace;
  reference: ReferenceData;
  t: Translate;
  locale: Locale;
  /** The time the page is drawn at (for "overdue"). */
  now: number;
}

const PILL = "inline-block px-2.5 py-0.5 rounded-full border text-sm font-bold whitespace-nowrap";
const CARD = "p-4 rounded-lg bg-white border border-gray-200";

function PersonDetail({ person, t, locale }: { person: Person; t: Translate; locale: Locale }) {
  return (
    <>
      <span class="block">{person.full_name ?? t("workspace.no_name")}</span>
      {person.phone && (
        <a
          href={`tel:${person.phone}`}
          class={`${LINK} inline-flex items-center min-h-[44px]`}
          aria-label={t("workspace.call", { phone: displayPhone(person.phone, locale) })}
        >
          {displayPhone(person.phone, locale)}
        </a>
      )}
    </>
  );
}

/** A titled card of the page's main column. */
export function WorkspaceSection({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class={CARD}>
      <h2 class="mb-2 text-lg font-bold text-gray-900">{title}</h2>
      {children}
    </section>
  );
}

export function WorkspaceDetails({ workspace, reference, t, locale, now }: WorkspaceDetailsProps) {
  const { complaint, people, photos, followers } = workspace;
  const category = reference.categories.find((c) => c.code === complaint.category);
  const ward = reference.wards.find((w) => w.id === complaint.ward_id);
  const filer = people[complaint.citizen_id];
  const assignee = complaint.assigned_to ? people[complaint.assigned_to] : undefined;
  const overdue = isOverdue(complaint, now);
  const priorityStyle = complaint.priority === "high"
    ? "bg-red-50 text-red-900 border-red-300"
    : "bg-white text-gray-800 border-gray-300";

  return (
    <div class="space-y-4">
      <div>
        <h1 class="text-2xl font-bold text-gray-900 leading-snug">{complaint.title}</h1>
        <p class="mt-2 flex flex-wrap items-center gap-2">
          <span class="font-mono text-lg font-bold tracking-wider text-gray-900">
            <span class="sr-only">{t("workspace.tracking_number")}:</span>
            {complaint.tracking_number}
          </span>
          <StatusBadge status={complaint.status} label={statusLabels(t)[complaint.status]} />
          <span class={`${PILL} ${priorityStyle}`}>
            {t("workspace.priority")}: {t(`workspace.priority.${complaint.priority}`)}
          </span>
          {overdue && (
            <span class={`${PILL} bg-red-700 text-white border-red-700`}>{t("workspace.overdue")}</span>
          )}
        </p>
      </div>

      <dl class={`${CARD} grid grid-cols-1 sm:grid-cols-2 gap-x-6 gap-y-3`}>
        <DetailItem term={t("workspace.category")}>
          {categoryName(category, complaint.category, locale)}
        </DetailItem>
        <DetailItem term={t("workspace.ward")}>
          {ward ? wardLabel(ward, t, locale) : t("workspace.no_ward")}
        </DetailItem>
        {complaint.location && <DetailItem term={t("workspace.address")}>{complaint.location}</DetailItem>}
        {complaint.latitude !== null && complaint.longitude !== null && (
          <DetailItem term={t("workspace.location")}>
            <a
              href={openStreetMapLink(complaint.latitude, complaint.longitude)}
              class={`${LINK} inline-flex items-center min-h-[44px]`}
              rel="noopener noreferrer"
              target="_blank"
            >
              {t("workspace.map")}
            </a>
          </DetailItem>
        )}
        <DetailItem term={t("workspace.filed_at")}>
          <DateTime at={complaint.created_at} locale={locale} />
        </DetailItem>
        {complaint.deadline_at && (
          <DetailItem term={t("workspace.deadline")}>
            <DateTime
              at={complaint.deadline_at}
              locale={locale}
              class={overdue ? "font-bold text-red-800" : undefined}
            />
            {overdue && <span class="font-bold text-red-800">{` · ${t("workspace.overdue")}`}</span>}
          </DetailItem>
        )}
        <DetailItem term={t("workspace.filer")}>
          {filer ? <PersonDetail person={filer} t={t} locale={locale} /> : t("workspace.no_name")}
        </DetailItem>
        <DetailItem term={t("workspace.assignee")}>
          {assignee ? <PersonDetail person={assignee} t={t} locale={locale} /> : t("workspace.unassigned")}
        </DetailItem>
        <DetailItem term={t("workspace.followers")}>{t("workspace.people", { count: followers })}</DetailItem>
        <DetailItem term={t("workspace.reopened")}>
          <span class={complaint.reopened_count > 0 ? "font-bold text-red-800" : undefined}>
            {t("workspace.times", { count: complaint.reopened_count })}
          </span>
        </DetailItem>
        <DetailItem term={t("workspace.updated_at")}>
          <DateTime at={complaint.updated_at} locale={locale} />
        </DetailItem>
        {complaint.rejection_reason && (
          <DetailItem term={t("workspace.rejection_reason")}>{complaint.rejection_reason}</DetailItem>
        )}
      </dl>

      <WorkspaceSection title={t("workspace.description")}>
        <p class="text-gray-900 whitespace-pre-line leading-relaxed">{complaint.description}</p>
      </WorkspaceSection>

      <WorkspaceSection title={t("workspace.photos")}>
        {photos.length > 0
          ? <PhotoGrid photos={photos} t={t} />
          : <p class="text-gray-700">{t("workspace.no_photos")}</p>}
      </WorkspaceSection>
    </div>
  );
}
