/**
 * Devices as the API and the web app see them: imports with their hashes and counts, the chain of
 * custody, and the records read, each with where in the evidence it was read.
 */

export type DeviceFormat = 'android-fs' | 'ios-fs' | 'ufdr' | 'ufed-xml' | 'csv';

export interface DeviceCounts {
  contacts: number;
  calls: number;
  chats: number;
  messages: number;
  accounts: number;
  /** Messages with at least one attachment. */
  media: number;
}

export interface DeviceWarning {
  /** The file (inside the extraction) the warning is about. */
  file: string;
  /** What was found, in words. */
  message: string;
}

export interface HashedFile {
  path: string;
  sha256: string;
  bytes: number;
}

export interface DeviceImportReport {
  item: string;
  investigation: string;
  import: number;
  format: DeviceFormat;
  /** True when this extraction was imported before and nothing was read again. */
  reimport: boolean;
  container: HashedFile | null;
  files: HashedFile[];
  counts: DeviceCounts;
  owner: { phones: string[]; accounts: string[] };
  warnings: DeviceWarning[];
}

export interface CustodyStep {
  event: string;
  at: string;
  by: string;
  detail: Record<string, unknown>;
  recordedAt: string;
}

export interface DeviceSummary {
  item: string;
  investigation: { id: string; name: string };
  kind: string;
  createdAt: string;
  latest: DeviceImportReport | null;
}

export interface DeviceImportView extends DeviceImportReport {
  importedBy: string;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  software: string;
}

export interface DeviceDetail extends DeviceSummary {
  imports: DeviceImportView[];
  custody: CustodyStep[];
}

/** Where a record was read: file, table and row (or UFED model id). */
export interface Where {
  file: string;
  table: string | null;
  row: string | null;
}

export interface PartyView {
  raw: string;
  e164: string | null;
  name?: string | null;
}

export interface AttachmentView {
  fileName: string | null;
  mimeType: string | null;
  bytes: number | null;
}

export interface MessageView {
  id: number;
  app: string;
  chatKey: string | null;
  direction: string;
  sender: PartyView | null;
  at: string | null;
  atOriginal: string;
  atZone: string;
  text: string | null;
  attachments: AttachmentView[];
  where: Where;
}

export interface CallView {
  id: number;
  app: string;
  direction: string;
  party: PartyView | null;
  at: string | null;
  atOriginal: string;
  atZone: string;
  durationSeconds: number | null;
  video: boolean;
  where: Where;
}

export interface ContactView {
  id: number;
  app: string;
  name: string | null;
  phones: (PartyView & { label?: string | null })[];
  emails: string[];
  where: Where;
}

export interface AccountView {
  id: number;
  app: string;
  identifier: string;
  displayName: string | null;
  where: Where;
}

export interface ChatView {
  id: number;
  app: string;
  key: string;
  group: boolean;
  subject: string | null;
  participants: PartyView[];
  createdAt: string | null;
  messages: number;
  lastAt: string | null;
  where: Where;
}

/** Numbers on the page that also appear in ads: number → the ads' ids (first 20). */
export type AdsByNumber = Record<string, string[]>;

export interface DeviceContactsView {
  contacts: ContactView[];
  accounts: AccountView[];
  adsByNumber: AdsByNumber;
}
export interface DeviceChatsView {
  chats: ChatView[];
  adsByNumber: AdsByNumber;
}
export interface DeviceMessagesView {
  messages: MessageView[];
  adsByNumber: AdsByNumber;
}
export interface DeviceCallsView {
  calls: CallView[];
  adsByNumber: AdsByNumber;
}
export interface TimelineEvent {
  type: 'message' | 'call';
  at: string | null;
  message?: MessageView;
  call?: CallView;
}
export interface DeviceTimelineView {
  events: TimelineEvent[];
}
export interface DeviceSearchView {
  hits: (MessageView & { item: string })[];
}
export interface DeviceNumberView {
  e164: string;
  /** Where it appears on the device: contact, call, chat, message, owner → how often. */
  roles: Record<string, number>;
  ads: string[];
  adCount: number;
}
export interface DeviceNumbersView {
  numbers: DeviceNumberView[];
}
