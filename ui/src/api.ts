// Typed calls to the app's commands. The types come from the Rust code (ts-rs), so a
// change on one side that the other does not follow fails to compile.
import { invoke } from "@tauri-apps/api/core";
import type { Cadence } from "./bindings/Cadence";
import type { ErrorPayload } from "./bindings/ErrorPayload";
import type { ImportSummary } from "./bindings/ImportSummary";
import type { Network } from "./bindings/Network";
import type { NetworkFilter } from "./bindings/NetworkFilter";
import type { NetworkInput } from "./bindings/NetworkInput";
import type { Overview } from "./bindings/Overview";
import type { Action } from "./bindings/Action";
import type { ActionFilter } from "./bindings/ActionFilter";
import type { ActionInput } from "./bindings/ActionInput";
import type { ActionUpdateInput } from "./bindings/ActionUpdateInput";
import type { MeetingActions } from "./bindings/MeetingActions";
import type { Agenda } from "./bindings/Agenda";
import type { Document } from "./bindings/Document";
import type { Format } from "./bindings/Format";
import type { ReadoutOptions } from "./bindings/ReadoutOptions";
import type { AgendaItem } from "./bindings/AgendaItem";
import type { Block } from "./bindings/Block";
import type { ItemInput } from "./bindings/ItemInput";
import type { Meeting } from "./bindings/Meeting";
import type { MeetingInput } from "./bindings/MeetingInput";
import type { MeetingStatus } from "./bindings/MeetingStatus";
import type { MeetingSuggestion } from "./bindings/MeetingSuggestion";
import type { MeetingSummary } from "./bindings/MeetingSummary";
import type { Proposal } from "./bindings/Proposal";
import type { ProposalInput } from "./bindings/ProposalInput";
import type { AttendanceOverview } from "./bindings/AttendanceOverview";
import type { AttendanceStatus } from "./bindings/AttendanceStatus";
import type { CheckIn } from "./bindings/CheckIn";
import type { FormField } from "./bindings/FormField";
import type { NetworkResolution } from "./bindings/NetworkResolution";
import type { Registration } from "./bindings/Registration";
import type { RegistrationImportResult } from "./bindings/RegistrationImportResult";
import type { RegistrationInput } from "./bindings/RegistrationInput";
import type { RegistrationPreview } from "./bindings/RegistrationPreview";
import type { TeamsImportOptions } from "./bindings/TeamsImportOptions";
import type { TeamsImportResult } from "./bindings/TeamsImportResult";
import type { TeamsPreview } from "./bindings/TeamsPreview";
import type { Person } from "./bindings/Person";
import type { PersonInput } from "./bindings/PersonInput";
import type { PersonRecord } from "./bindings/PersonRecord";
import type { StalePerson } from "./bindings/StalePerson";
import type { AppMode } from "./bindings/AppMode";
import type { FileImport } from "./bindings/FileImport";
import type { ForwardLook } from "./bindings/ForwardLook";
import type { Submission } from "./bindings/Submission";
import type { SubmissionFile } from "./bindings/SubmissionFile";
import type { SubmissionInput } from "./bindings/SubmissionInput";
import type { SubmissionsImportResult } from "./bindings/SubmissionsImportResult";
import type { SubmissionsPreview } from "./bindings/SubmissionsPreview";
import type { SearchQuery } from "./bindings/SearchQuery";
import type { SearchResults } from "./bindings/SearchResults";
import type { Theme } from "./bindings/Theme";
import type { ThemeInput } from "./bindings/ThemeInput";
import type { Draft } from "./bindings/Draft";
import type { DraftText } from "./bindings/DraftText";
import type { EmailKind } from "./bindings/EmailKind";
import type { EmailRequest } from "./bindings/EmailRequest";
import type { EmailSettings } from "./bindings/EmailSettings";
import type { EmailTemplate } from "./bindings/EmailTemplate";

/** Every failed command rejects with this, so screens can show it next to a field. */
export class CommandError extends Error {
  constructor(readonly payload: ErrorPayload) {
    super(payload.message);
  }
  get field(): string | null {
    return this.payload.field;
  }
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (e && typeof e === "object" && "message" in e && "code" in e) throw new CommandError(e as ErrorPayload);
    throw new CommandError({ code: "internal", message: String(e), field: null });
  }
}

export const api = {
  appStatus: () => call<Overview>("app_status"),
  loadDemo: () => call<void>("load_demo"),
  probeReady: (pageMarks: string) => call<void>("probe_ready", { pageMarks }),
  backupNow: (path: string) => call<void>("backup_now", { path }),
  restoreBackup: (path: string) => call<string>("restore_backup", { path }),
  listNetworks: (filter: NetworkFilter) => call<Network[]>("list_networks", { filter }),
  getNetwork: (id: number) => call<Network>("get_network", { id }),
  createNetwork: (input: NetworkInput) => call<Network>("create_network", { input }),
  updateNetwork: (id: number, input: NetworkInput) => call<Network>("update_network", { id, input }),
  setNetworkActive: (id: number, active: boolean) => call<Network>("set_network_active", { id, active }),
  deleteNetwork: (id: number) => call<void>("delete_network", { id }),
  importNetworks: (path: string) => call<ImportSummary>("import_networks", { path }),
  exportNetworks: (path: string) => call<number>("export_networks", { path }),

  listMeetings: () => call<MeetingSummary[]>("list_meetings"),
  getMeeting: (id: number) => call<Meeting>("get_meeting", { id }),
  suggestMeeting: () => call<MeetingSuggestion>("suggest_meeting"),
  getCadence: () => call<Cadence>("get_cadence"),
  setCadence: (cadence: Cadence) => call<Cadence>("set_cadence", { cadence }),
  planMeetings: (count: number) => call<Meeting[]>("plan_meetings", { count }),
  exportCalendar: (from: string, to: string, path: string) => call<number>("export_calendar", { from, to, path }),
  createMeeting: (input: MeetingInput, copyStandingFrom: number | null) => call<Meeting>("create_meeting", { input, copyStandingFrom }),
  updateMeeting: (id: number, input: MeetingInput) => call<Meeting>("update_meeting", { id, input }),
  setMeetingStatus: (id: number, status: MeetingStatus) => call<Meeting>("set_meeting_status", { id, status }),
  setMeetingCancelled: (id: number, cancelled: boolean) => call<Meeting>("set_meeting_cancelled", { id, cancelled }),
  deleteMeeting: (id: number) => call<void>("delete_meeting", { id }),
  getAgenda: (meetingId: number) => call<Agenda>("get_agenda", { meetingId }),
  addItem: (meetingId: number, input: ItemInput) => call<AgendaItem>("add_item", { meetingId, input }),
  updateItem: (id: number, input: ItemInput) => call<AgendaItem>("update_item", { id, input }),
  deleteItem: (id: number) => call<void>("delete_item", { id }),
  moveItem: (id: number, to: number) => call<Agenda>("move_item", { id, to }),
  saveNotes: (id: number, notes: string) => call<void>("save_notes", { id, notes }),
  saveOutcomes: (id: number, lines: string[]) => call<string[]>("save_outcomes", { id, lines }),
  copyItems: (from: number, to: number, all: boolean) => call<Agenda>("copy_items", { from, to, all }),
  addProposal: (meetingId: number, input: ProposalInput) => call<Proposal>("add_proposal", { meetingId, input }),
  acceptProposal: (id: number) => call<AgendaItem>("accept_proposal", { id }),
  declineProposal: (id: number, reason: string) => call<Proposal>("decline_proposal", { id, reason }),
  previewMarkdown: (text: string) => call<Block[]>("preview_markdown", { text }),

  getAction: (id: number) => call<Action>("get_action", { id }),
  listActions: (filter: ActionFilter) => call<Action[]>("list_actions", { filter }),
  meetingActions: (meetingId: number) => call<MeetingActions>("meeting_actions", { meetingId }),
  createAction: (meetingId: number, itemId: number | null, input: ActionInput) => call<Action>("create_action", { meetingId, itemId, input }),
  updateAction: (id: number, input: ActionInput) => call<Action>("update_action", { id, input }),
  recordActionUpdate: (id: number, meetingId: number | null, input: ActionUpdateInput) => call<Action>("record_action_update", { id, meetingId, input }),
  exportActions: (filter: ActionFilter, path: string) => call<number>("export_actions", { filter, path }),
  setMeetingLocked: (id: number, locked: boolean) => call<Meeting>("set_meeting_locked", { id, locked }),

  readoutOptions: (meetingId: number) => call<ReadoutOptions>("readout_options", { meetingId }),
  previewReadout: (meetingId: number, options: ReadoutOptions) => call<Document>("preview_readout", { meetingId, options }),
  exportReadout: (meetingId: number, format: Format, options: ReadoutOptions, path: string) => call<string>("export_readout", { meetingId, format, options, path }),
  exportAgenda: (meetingId: number, format: Format, path: string) => call<string>("export_agenda", { meetingId, format, path }),
  exportEvent: (meetingId: number, path: string) => call<string>("export_event", { meetingId, path }),

  emailSettings: () => call<EmailSettings>("email_settings"),
  setForumEmail: (email: string) => call<string | null>("set_forum_email", { email }),
  saveEmailTemplate: (kind: EmailKind, subject: string, body: string) => call<EmailTemplate>("save_email_template", { kind, subject, body }),
  resetEmailTemplate: (kind: EmailKind) => call<EmailTemplate>("reset_email_template", { kind }),
  previewEmail: (request: EmailRequest) => call<Draft[]>("preview_email", { request }),
  writeEmail: (request: EmailRequest, texts: DraftText[], path: string) => call<string[]>("write_email", { request, texts, path }),

  checkInList: (meetingId: number) => call<CheckIn>("check_in_list", { meetingId }),
  registerPerson: (meetingId: number, input: RegistrationInput, walkIn: boolean) => call<Registration>("register_person", { meetingId, input, walkIn }),
  setAttendance: (registrationId: number, status: AttendanceStatus) => call<Registration>("set_attendance", { registrationId, status }),
  removeRegistration: (registrationId: number) => call<void>("remove_registration", { registrationId }),
  attendanceOverview: () => call<AttendanceOverview>("attendance_overview"),
  previewRegistrations: (path: string, meetingId: number, mapping: FormField[] | null) => call<RegistrationPreview>("preview_registrations", { path, meetingId, mapping }),
  importRegistrations: (path: string, meetingId: number, mapping: FormField[], resolutions: NetworkResolution[]) =>
    call<RegistrationImportResult>("import_registrations", { path, meetingId, mapping, resolutions }),
  previewTeamsAttendance: (path: string, meetingId: number) => call<TeamsPreview>("preview_teams_attendance", { path, meetingId }),
  importTeamsAttendance: (path: string, meetingId: number, options: TeamsImportOptions) => call<TeamsImportResult>("import_teams_attendance", { path, meetingId, options }),

  listPeople: () => call<Person[]>("list_people"),
  personRecord: (id: number) => call<PersonRecord>("person_record", { id }),
  createPerson: (input: PersonInput) => call<Person>("create_person", { input }),
  updatePerson: (id: number, input: PersonInput) => call<Person>("update_person", { id, input }),
  erasePerson: (id: number) => call<void>("erase_person", { id }),
  exportPersonRecord: (id: number, path: string) => call<void>("export_person_record", { id, path }),
  stalePeople: () => call<[number, StalePerson[]]>("stale_people"),
  setRetentionYears: (years: number) => call<void>("set_retention_years", { years }),
  erasePeople: (ids: number[]) => call<void>("erase_people", { ids }),

  setAppMode: (mode: AppMode) => call<void>("set_app_mode", { mode }),
  listThemes: () => call<Theme[]>("list_themes"),
  createTheme: (input: ThemeInput) => call<Theme>("create_theme", { input }),
  updateTheme: (id: number, input: ThemeInput) => call<Theme>("update_theme", { id, input }),
  deleteTheme: (id: number) => call<void>("delete_theme", { id }),
  saveSubmission: (meetingId: number, input: SubmissionInput) => call<Submission>("save_submission", { meetingId, input }),
  submissionHistory: (meetingId: number, networkId: number) => call<Submission[]>("submission_history", { meetingId, networkId }),
  setStatementTheme: (statementId: number, themeId: number | null) => call<Submission>("set_statement_theme", { statementId, themeId }),
  forwardLook: (meetingId: number) => call<ForwardLook>("forward_look", { meetingId }),
  exportForwardLook: (meetingId: number, path: string) => call<number>("export_forward_look", { meetingId, path }),
  importSubmissionFile: (path: string, meetingId: number | null, replace: boolean) => call<FileImport>("import_submission_file", { path, meetingId, replace }),
  previewSubmissions: (path: string, meetingId: number, mapping: FormField[] | null) => call<SubmissionsPreview>("preview_submissions", { path, meetingId, mapping }),
  importSubmissions: (path: string, meetingId: number, mapping: FormField[], resolutions: NetworkResolution[]) =>
    call<SubmissionsImportResult>("import_submissions", { path, meetingId, mapping, resolutions }),
  leadDraft: () => call<SubmissionFile>("lead_draft"),
  saveLeadDraft: (draft: SubmissionFile) => call<void>("save_lead_draft", { draft }),
  exportLeadSubmission: (draft: SubmissionFile, path: string) => call<void>("export_lead_submission", { draft, path }),

  search: (query: SearchQuery) => call<SearchResults>("search", { query }),
};
