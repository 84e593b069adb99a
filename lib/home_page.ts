/**
 * The home page's data in one round: `public.home_page` (as the reader, RLS deciding) and the national
 * emergency numbers (kept in memory a minute), asked for at the same time.
 */
import type { UserSession } from "./auth/session.ts";
import type { ComplaintStatus } from "./complaints/model.ts";
import { type EmergencyContact, loadNationalContacts } from "./emergency/repository.ts";
import { type Notice, NoticeDataError, type UrgentNotice } from "./notices/repository.ts";
import { readerClient } from "./supabase.ts";
import type { Collection } from "./waste/repository.ts";

export interface HomePageData {
  full_name: string | null;
  ward_id: number | null;
  urgent: UrgentNotice[];
  notices: Notice[];
  next_collection: Collection | null;
  open_complaints: {
    id: string;
    tracking_number: string;
    title: string;
    status: ComplaintStatus;
    updated_at: string;
  }[];
}

export const HOME_NOTICE_COUNT = 3;

const NOTHING_YET: HomePageData = {
  full_name: null,
  ward_id: null,
  urgent: [],
  notices: [],
  next_collection: null,
  open_complaints: [],
};

export async function loadHomePage(
  session: UserSession | null,
): Promise<{ home: HomePageData; hotlines: EmergencyContact[] }> {
  const [home, hotlines] = await Promise.all([
    readerClient(session).rpc("home_page", { notice_count: HOME_NOTICE_COUNT }),
    loadNationalContacts(),
  ]);
  if (home.error) {
    // The front door still opens (its actions and the hotlines) when the services' data cannot be read.
    console.error(new NoticeDataError("reading the home page", home.error));
    return { home: NOTHING_YET, hotlines };
  }
  return { home: home.data as HomePageData, hotlines };
}
