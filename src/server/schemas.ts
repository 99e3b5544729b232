import Type from 'typebox';
import { PERMISSIONS, ROLES } from '../access/roles.js';

/** Request and response shapes: validation, serialisation, types and the OpenAPI document in one. */

export const Role = Type.Enum(ROLES);
export const Permission = Type.Enum(PERMISSIONS);
const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends Type.TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const ErrorBody = Type.Object(
  {
    error: Type.String(),
    message: Type.String(),
    fields: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
    ),
  },
  { $id: 'Error' },
);

export const User = Type.Object(
  {
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    roles: Type.Array(Role),
    unit: Nullable(Type.String()),
    createdAt: Timestamp,
    disabledAt: Nullable(Timestamp),
  },
  { $id: 'User' },
);

export const Me = Type.Object({
  user: User,
  csrfToken: Type.String(),
  permissions: Type.Array(Permission),
});

export const Username = Type.String({ minLength: 1, maxLength: 64 });
export const Password = Type.String({ minLength: 1, maxLength: 256 });
const ShortText = Type.String({ maxLength: 200 });
const LongText = Type.String({ maxLength: 4000 });

export const LoginBody = Type.Object(
  { username: Username, password: Password },
  { additionalProperties: false },
);

export const NewUserBody = Type.Object(
  {
    username: Username,
    password: Password,
    roles: Type.Array(Type.String({ maxLength: 40 }), { maxItems: ROLES.length }),
    displayName: Type.Optional(ShortText),
    unit: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
  },
  { additionalProperties: false },
);

export const UserPatchBody = Type.Object(
  {
    displayName: Type.Optional(ShortText),
    roles: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: ROLES.length })),
    unit: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
    disabled: Type.Optional(Type.Boolean()),
    password: Type.Optional(Password),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const Session = Type.Object({
  id: Type.String(),
  createdAt: Timestamp,
  lastSeenAt: Timestamp,
  expiresAt: Timestamp,
  ip: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  current: Type.Boolean(),
});

export const NewInvestigationBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    purpose: Type.String({ minLength: 1, maxLength: 4000 }),
    legalBasis: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const Investigation = Type.Object({
  id: Type.String(),
  name: Type.String(),
  purpose: Type.String(),
  legalBasis: Type.String(),
  createdAt: Timestamp,
  createdBy: Type.String(),
  closedAt: Nullable(Timestamp),
});

export const Member = Type.Object({
  userId: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  addedAt: Timestamp,
  addedBy: Type.String(),
});

export const AddMemberBody = Type.Object({ username: Username }, { additionalProperties: false });

export const AuditEntry = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actorId: Nullable(Type.String()),
  actorName: Type.String(),
  channel: Type.String(),
  action: Type.String(),
  targetType: Nullable(Type.String()),
  targetId: Nullable(Type.String()),
  investigationId: Nullable(Type.String()),
  purpose: Nullable(Type.String()),
  outcome: Type.String(),
  ip: Nullable(Type.String()),
  detail: Type.String(),
  prevHash: Type.String(),
  hash: Type.String(),
});

export const AuditQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    before: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const ChainVerdict = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  headHash: Type.String(),
  problem: Type.Optional(
    Type.Object({ seq: Type.Integer(), kind: Type.String(), message: Type.String() }),
  ),
});

export { LongText, ShortText };

// --- ads -------------------------------------------------------------------------------------

const NullableString = Nullable(Type.String());
const NullableNumber = Nullable(Type.Number());

export const AdSummary = Type.Object(
  {
    id: Type.String(),
    source: Type.String(),
    sourceId: Type.String(),
    url: NullableString,
    title: NullableString,
    name: NullableString,
    firstSeen: Timestamp,
    lastSeen: Timestamp,
    captures: Type.Integer(),
    age: NullableNumber,
    priceEurPerHour: NullableNumber,
    location: NullableString,
    municipalityCode: NullableString,
    municipality: NullableString,
    policeUnit: NullableString,
    policeUnitName: NullableString,
    language: NullableString,
  },
  { $id: 'AdSummary' },
);

export const AdQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ maxLength: 200, description: 'words in title, name, place or text' }),
    ),
    source: Type.Optional(Type.String({ maxLength: 100 })),
    unit: Type.Optional(Type.String({ maxLength: 10, description: 'police unit code, e.g. AM' })),
    municipality: Type.Optional(Type.String({ pattern: '^GM\\d{4}$' })),
    from: Type.Optional(Type.String({ format: 'date', description: 'seen on or after' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'seen on or before' })),
    phone: Type.Optional(
      Type.String({ maxLength: 40, description: 'a number as written; matched as E.164' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

const Span = Type.Object({ field: Type.String(), start: Type.Integer(), end: Type.Integer() });

export const Extraction = Type.Object(
  {
    phones: Type.Array(
      Type.Object({
        e164: Type.String(),
        country: NullableString,
        obscured: Type.Boolean(),
        forms: Type.Array(Type.String()),
        spans: Type.Array(Span),
      }),
    ),
    contacts: Type.Array(
      Type.Object({ kind: Type.String(), value: Type.String(), spans: Type.Array(Span) }),
    ),
    age: Nullable(Type.Object({ years: Type.Number(), span: Span })),
    price: Nullable(
      Type.Object({
        amount: Type.Number(),
        minutes: NullableNumber,
        eurPerHour: NullableNumber,
        assumedHourly: Type.Boolean(),
        span: Span,
      }),
    ),
    services: Type.Array(Type.Object({ code: Type.String(), spans: Type.Array(Span) })),
    origins: Type.Array(Type.Object({ code: Type.String(), spans: Type.Array(Span) })),
    language: Type.Object({ language: NullableString, script: NullableString }),
    place: Type.Object(
      {
        status: Type.String(),
        municipalityCode: Type.Optional(Type.String()),
        municipality: Type.Optional(Type.String()),
        safetyRegionCode: Type.Optional(Type.String()),
        policeUnit: Type.Optional(Type.String()),
        via: Type.Optional(Type.String()),
        candidates: Type.Optional(Type.Array(Type.String())),
        reason: Type.Optional(Type.String()),
        span: Type.Optional(Span),
      },
      { description: 'resolved, ambiguous (with candidates) or unknown (with the reason)' },
    ),
  },
  {
    description:
      'what extraction read, each value with the spans (field, UTF-16 offsets) it came from',
  },
);

export const AdDetail = Type.Intersect([
  Type.Ref('AdSummary'),
  Type.Object({
    identifiers: Type.Array(
      Type.Object({
        kind: Type.String(),
        value: Type.String(),
        firstSeen: Timestamp,
        lastSeen: Timestamp,
      }),
    ),
    captureList: Type.Array(
      Type.Object({
        id: Type.String({ description: 'SHA-256 of the capture as received' }),
        capturedAt: Timestamp,
        file: Type.String(),
        line: Type.Integer(),
        importRunId: Type.String(),
        encoding: Type.String(),
        fields: Type.Record(Type.String(), Type.String()),
        extracted: Extraction,
        changed: Type.Array(Type.String()),
        images: Type.Array(
          Type.Object({
            position: Type.Integer(),
            reference: Type.String(),
            sha256: NullableString,
            phash: NullableString,
            status: Type.String(),
            problem: NullableString,
          }),
        ),
      }),
    ),
  }),
]);

export const ImportReport = Type.Object({
  runId: Type.String(),
  files: Type.Array(
    Type.Object({
      file: Type.String(),
      format: Type.String(),
      status: Type.String(),
      records: Type.Integer(),
      added: Type.Integer(),
      duplicates: Type.Integer(),
      rejected: Type.Integer(),
      reason: Type.Optional(Type.String()),
    }),
  ),
  records: Type.Integer(),
  added: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Integer(),
  warnings: Type.Integer(),
  images: Type.Object({
    stored: Type.Integer(),
    known: Type.Integer(),
    missing: Type.Integer(),
    unreadable: Type.Integer(),
    notRead: Type.Integer(),
  }),
  problems: Type.Array(
    Type.Object({
      severity: Type.String(),
      file: Type.String(),
      line: Nullable(Type.Integer()),
      field: NullableString,
      reason: Type.String(),
    }),
  ),
  seconds: Type.Number(),
});

// ---------------------------------------------------------------------------------------------
// Networks (model/networks.ts)
// ---------------------------------------------------------------------------------------------

const EvidenceType = Type.Union([
  Type.Literal('phone'),
  Type.Literal('handle'),
  Type.Literal('template'),
  Type.Literal('photo'),
]);
const EvidenceCounts = Type.Object({
  phone: Type.Integer(),
  handle: Type.Integer(),
  template: Type.Integer(),
  photo: Type.Integer(),
});
const Counted = Type.Object({ value: Type.String(), ads: Type.Integer() });

const IndicatorEvidence = Type.Object({
  text: Type.Optional(Type.String()),
  field: Type.Optional(Type.String()),
  start: Type.Optional(Type.Integer()),
  end: Type.Optional(Type.Integer()),
  detail: Type.Optional(Type.String()),
  // The fact as data (`key` and its values), for the web app to say in the reader's language.
  fact: Type.Optional(Type.Object({ key: Type.String() }, { additionalProperties: true })),
  ads: Type.Optional(Type.Array(Type.String())),
});

export const IndicatorHit = Type.Object(
  { code: Type.String(), evidence: Type.Array(IndicatorEvidence) },
  { $id: 'IndicatorHit' },
);

export const EvidenceView = Type.Object(
  {
    type: EvidenceType,
    a: Type.String(),
    b: Type.String(),
    value: Type.String(),
    weight: Type.Number(),
    similarity: NullableNumber,
    distance: NullableNumber,
    hub: Type.Boolean(),
    role: Type.Union([
      Type.Literal('strong'),
      Type.Literal('corroborated'),
      Type.Literal('supporting'),
    ]),
  },
  { $id: 'EvidenceView' },
);

const NetworkSummaryFields = {
  id: Type.String(),
  ads: Type.Integer(),
  policeUnits: Type.Array(Type.String()),
  municipalities: Type.Integer(),
  phones: Type.Integer(),
  names: Type.Integer(),
  firstSeen: Timestamp,
  lastSeen: Timestamp,
  evidence: EvidenceCounts,
  hubCorroborated: Type.Boolean(),
};

export const NetworkSummary = Type.Object(NetworkSummaryFields, { $id: 'NetworkSummary' });

export const NetworkQuery = Type.Object(
  {
    unit: Type.Optional(Type.String({ maxLength: 10, description: 'police unit code, e.g. AM' })),
    minAds: Type.Optional(Type.Integer({ minimum: 2 })),
    minUnits: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
    q: Type.Optional(
      Type.String({ maxLength: 100, description: 'a network id, an ad id or a phone number' }),
    ),
    sort: Type.Optional(
      Type.Union([
        Type.Literal('ads'),
        Type.Literal('units'),
        Type.Literal('lastSeen'),
        Type.Literal('firstSeen'),
      ]),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

const Place = Type.Object({ code: Type.String(), name: Type.String(), ads: Type.Integer() });

export const NetworkDetail = Type.Object({
  ...NetworkSummaryFields,
  members: Type.Array(
    Type.Object({
      id: Type.String(),
      source: Type.String(),
      title: NullableString,
      name: NullableString,
      phones: Type.Array(Type.String()),
      municipality: NullableString,
      policeUnit: NullableString,
      firstSeen: Timestamp,
      lastSeen: Timestamp,
    }),
  ),
  evidenceList: Type.Array(Type.Ref('EvidenceView')),
  phoneList: Type.Array(Counted),
  nameList: Type.Array(Counted),
  templates: Type.Array(
    Type.Object({
      ads: Type.Array(Type.String()),
      similarity: Type.Object({ min: Type.Number(), max: Type.Number() }),
      parts: Type.Array(
        Type.Union([
          Type.Object({ text: Type.String() }),
          Type.Object({ slot: Type.String(), values: Type.Array(Type.String()) }),
        ]),
      ),
    }),
  ),
  photos: Type.Array(
    Type.Object({
      sha256: Type.String(),
      copies: Type.Array(
        Type.Object({ ad: Type.String(), sha256: Type.String(), distance: Type.Number() }),
      ),
      hub: Type.Boolean(),
    }),
  ),
  movement: Type.Array(
    Type.Object({
      week: Type.String(),
      start: Type.String(),
      municipalities: Type.Array(Place),
      policeUnits: Type.Array(Place),
    }),
  ),
  indicators: Type.Array(Type.Ref('IndicatorHit')),
  mergedFrom: Type.Array(Type.String()),
  linkedAt: Timestamp,
});

export const AdLinks = Type.Object({
  network: Type.Union([Type.Object({ id: Type.String(), ads: Type.Integer() }), Type.Null()]),
  links: Type.Array(
    Type.Object({
      ad: Type.String(),
      title: NullableString,
      name: NullableString,
      evidence: Type.Array(Type.Ref('EvidenceView')),
    }),
  ),
});

// ---------------------------------------------------------------------------------------------
// Risk and triage (model/assess.ts)
// ---------------------------------------------------------------------------------------------

export const Contribution = Type.Object(
  {
    code: Type.String(),
    weight: Type.Number(),
    presence: Type.Number(),
    contribution: Type.Number(),
    evidence: Type.Array(IndicatorEvidence),
  },
  { $id: 'Contribution' },
);

export const RiskView = Type.Union([
  Type.Object({
    risk: Type.Number(),
    logit: Type.Number(),
    model: Type.String(),
    contributions: Type.Array(Type.Ref('Contribution')),
    assessedAt: Timestamp,
  }),
  Type.Null(),
]);

const ReviewStatus = Type.Union([
  Type.Literal('reviewed'),
  Type.Literal('not_relevant'),
  Type.Literal('selected'),
]);

export const TriageQuery = Type.Object(
  {
    kind: Type.Optional(Type.Union([Type.Literal('ad'), Type.Literal('network')])),
    unit: Type.Optional(Type.String({ maxLength: 10 })),
    municipality: Type.Optional(Type.String({ pattern: '^GM\\d{4}$' })),
    source: Type.Optional(Type.String({ maxLength: 100 })),
    from: Type.Optional(Type.String({ format: 'date' })),
    to: Type.Optional(Type.String({ format: 'date' })),
    indicator: Type.Optional(Type.String({ pattern: '^[a-z_]+$', maxLength: 60 })),
    reviewed: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const TriageItem = Type.Object({
  kind: Type.Union([Type.Literal('ad'), Type.Literal('network')]),
  id: Type.String(),
  label: Type.String(),
  risk: Type.Number(),
  model: Type.String(),
  reasons: Type.Array(Type.Ref('Contribution')),
  policeUnits: Type.Array(Type.String()),
  ads: Type.Integer(),
  networkId: NullableString,
  lastSeen: Timestamp,
  review: Type.Union([
    Type.Object({
      status: ReviewStatus,
      reason: Type.String(),
      by: Type.String(),
      at: Timestamp,
    }),
    Type.Null(),
  ]),
});

export const ReviewBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('ad'), Type.Literal('network')]),
    id: Type.String({ maxLength: 40 }),
    status: ReviewStatus,
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);

const FairnessGroup = Type.Object({
  group: Type.String(),
  ads: Type.Integer(),
  mean: Type.Number(),
  median: Type.Number(),
  p90: Type.Number(),
  flagged: Type.Number(),
});

export const FairnessReport = Type.Object({
  model: Type.String(),
  byPoliceUnit: Type.Array(FairnessGroup),
  byOrigin: Type.Array(FairnessGroup),
});

const Text2 = Type.Object({ nl: Type.String(), en: Type.String() });

export const IndicatorView = Type.Object({
  code: Type.String(),
  level: Type.Union([Type.Literal('ad'), Type.Literal('network')]),
  name: Text2,
  description: Text2,
  detection: Type.String(),
  languages: Type.Array(Type.String()),
  defaultWeight: Type.Number(),
  weight: Type.Number(),
  enabled: Type.Boolean(),
  source: Type.Object({ kind: Type.String(), citation: Type.String(), finding: Type.String() }),
});

// --- devices --------------------------------------------------------------------------------------

const DeviceCounts = Type.Object({
  contacts: Type.Integer(),
  calls: Type.Integer(),
  chats: Type.Integer(),
  messages: Type.Integer(),
  accounts: Type.Integer(),
  media: Type.Integer(),
});
const HashedFile = Type.Object({
  path: Type.String(),
  sha256: Type.String(),
  bytes: Type.Integer(),
});
const DeviceWarning = Type.Object({ file: Type.String(), message: Type.String() });
const DeviceFormat = Type.Union(
  ['android-fs', 'ios-fs', 'ufdr', 'ufed-xml', 'csv'].map((f) => Type.Literal(f)),
);
export const DeviceImportReport = Type.Object(
  {
    item: Type.String(),
    investigation: Type.String(),
    import: Type.Integer(),
    format: DeviceFormat,
    reimport: Type.Boolean(),
    container: Nullable(HashedFile),
    files: Type.Array(HashedFile),
    counts: DeviceCounts,
    owner: Type.Object({ phones: Type.Array(Type.String()), accounts: Type.Array(Type.String()) }),
    warnings: Type.Array(DeviceWarning),
  },
  { $id: 'DeviceImportReport' },
);
export const DeviceSummary = Type.Object(
  {
    item: Type.String(),
    investigation: Type.Object({ id: Type.String(), name: Type.String() }),
    kind: Type.String(),
    createdAt: Timestamp,
    latest: Nullable(Type.Ref('DeviceImportReport')),
  },
  { $id: 'DeviceSummary' },
);
export const CustodyStep = Type.Object({
  event: Type.String(),
  at: Timestamp,
  by: Type.String(),
  detail: Type.Record(Type.String(), Type.Unknown()),
  recordedAt: Timestamp,
});
export const DeviceDetail = Type.Object({
  item: Type.String(),
  investigation: Type.Object({ id: Type.String(), name: Type.String() }),
  kind: Type.String(),
  createdAt: Timestamp,
  latest: Nullable(Type.Ref('DeviceImportReport')),
  imports: Type.Array(
    Type.Intersect([
      Type.Ref('DeviceImportReport'),
      Type.Object({
        importedBy: Type.String(),
        startedAt: Timestamp,
        finishedAt: Nullable(Timestamp),
        status: Type.String(),
        software: Type.String(),
      }),
    ]),
  ),
  custody: Type.Array(CustodyStep),
});
const Where = Type.Object({
  file: Type.String(),
  table: Nullable(Type.String()),
  row: Nullable(Type.String()),
});
const PartyView = Type.Object({
  raw: Type.String(),
  e164: Nullable(Type.String()),
  name: Type.Optional(Nullable(Type.String())),
});
const AdsByNumber = Type.Record(Type.String(), Type.Array(Type.String()));
export const DeviceMessage = Type.Object(
  {
    id: Type.Integer(),
    app: Type.String(),
    chatKey: Nullable(Type.String()),
    direction: Type.String(),
    sender: Nullable(PartyView),
    at: Nullable(Timestamp),
    atOriginal: Type.String(),
    atZone: Type.String(),
    text: Nullable(Type.String()),
    attachments: Type.Array(
      Type.Object({
        fileName: Nullable(Type.String()),
        mimeType: Nullable(Type.String()),
        bytes: Nullable(Type.Number()),
      }),
    ),
    where: Where,
  },
  { $id: 'DeviceMessage' },
);
export const DeviceCall = Type.Object(
  {
    id: Type.Integer(),
    app: Type.String(),
    direction: Type.String(),
    party: Nullable(PartyView),
    at: Nullable(Timestamp),
    atOriginal: Type.String(),
    atZone: Type.String(),
    durationSeconds: Nullable(Type.Number()),
    video: Type.Boolean(),
    where: Where,
  },
  { $id: 'DeviceCall' },
);
export const DeviceContacts = Type.Object({
  contacts: Type.Array(
    Type.Object({
      id: Type.Integer(),
      app: Type.String(),
      name: Nullable(Type.String()),
      phones: Type.Array(
        Type.Object({
          raw: Type.String(),
          e164: Nullable(Type.String()),
          label: Type.Optional(Nullable(Type.String())),
        }),
      ),
      emails: Type.Array(Type.String()),
      where: Where,
    }),
  ),
  accounts: Type.Array(
    Type.Object({
      id: Type.Integer(),
      app: Type.String(),
      identifier: Type.String(),
      displayName: Nullable(Type.String()),
      where: Where,
    }),
  ),
  adsByNumber: AdsByNumber,
});
export const DeviceChats = Type.Object({
  chats: Type.Array(
    Type.Object({
      id: Type.Integer(),
      app: Type.String(),
      key: Type.String(),
      group: Type.Boolean(),
      subject: Nullable(Type.String()),
      participants: Type.Array(PartyView),
      createdAt: Nullable(Timestamp),
      messages: Type.Integer(),
      lastAt: Nullable(Timestamp),
      where: Where,
    }),
  ),
  adsByNumber: AdsByNumber,
});
export const DeviceMessages = Type.Object({
  messages: Type.Array(Type.Ref('DeviceMessage')),
  adsByNumber: AdsByNumber,
});
export const DeviceCalls = Type.Object({
  calls: Type.Array(Type.Ref('DeviceCall')),
  adsByNumber: AdsByNumber,
});
export const DeviceTimeline = Type.Object({
  events: Type.Array(
    Type.Object({
      type: Type.Union([Type.Literal('message'), Type.Literal('call')]),
      at: Nullable(Timestamp),
      message: Type.Optional(Type.Ref('DeviceMessage')),
      call: Type.Optional(Type.Ref('DeviceCall')),
    }),
  ),
});
export const DeviceSearch = Type.Object({
  hits: Type.Array(
    Type.Intersect([Type.Object({ item: Type.String() }), Type.Ref('DeviceMessage')]),
  ),
});
export const DeviceNumbers = Type.Object({
  numbers: Type.Array(
    Type.Object({
      e164: Type.String(),
      roles: Type.Record(Type.String(), Type.Integer()),
      ads: Type.Array(Type.String()),
      adCount: Type.Integer(),
    }),
  ),
});
