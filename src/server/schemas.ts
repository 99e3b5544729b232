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
