import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createUser,
  login,
  resolveSession,
  revokeUserSessions,
  updateUser,
} from '../../src/access/accounts.js';
import { verifyAuditTrail } from '../../src/access/audit-trail.js';
import { SYSTEM_ACTOR, audit, type Actor, type Context } from '../../src/access/context.js';
import {
  addMember,
  createInvestigation,
  getInvestigation,
  listInvestigations,
  requireMember,
} from '../../src/access/investigations.js';
import { ConflictError, NotFoundError, ValidationError } from '../../src/model/errors.js';
import { BACKENDS, type TestStore } from '../helpers/stores.js';

/** The same behaviour, asserted on every database Schakel runs on. */
for (const backend of BACKENDS) {
  describe(`store conformance: ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestStore;
    let ctx: Context;
    let clock = new Date('2026-03-28T08:00:00.000Z');
    let admin: Actor;
    before(async () => {
      t = await backend.open();
      ctx = { store: t.store, now: () => clock };
      const user = await createUser(
        ctx,
        { ...SYSTEM_ACTOR, channel: 'cli' },
        { username: 'beheer', password: 'admin-password', roles: ['admin'] },
      );
      admin = { id: user.id, name: user.username, roles: user.roles, channel: 'api', ip: null };
    });
    after(async () => t?.cleanup());

    it('records migrations and re-running them changes nothing', async () => {
      assert.deepEqual(await t.store.migrate(), []);
      await t.store.ping();
    });

    it('creates users with roles and units, and refuses duplicates and bad fields by name', async () => {
      const u = await createUser(ctx, admin, {
        username: 'Analist.AM',
        password: 'long-enough',
        roles: ['analyst', 'analyst'],
        unit: 'AM',
        displayName: ' Anna ',
      });
      assert.equal(u.username, 'analist.am');
      assert.deepEqual(u.roles, ['analyst']);
      assert.equal(u.unit, 'AM');
      assert.equal(u.displayName, 'Anna');
      assert.equal(u.createdAt, clock.toISOString());
      await assert.rejects(
        createUser(ctx, admin, {
          username: 'analist.am',
          password: 'long-enough',
          roles: ['analyst'],
        }),
        ConflictError,
      );
      await assert.rejects(
        createUser(ctx, admin, {
          username: 'x y',
          password: 'short',
          roles: ['wizard'],
          unit: 'XX',
        }),
        (err: unknown) =>
          err instanceof ValidationError &&
          err.fields
            .map((f) => f.field)
            .sort()
            .join() === 'password,roles,unit,username',
      );
      const listed = await t.store.users.list();
      assert.deepEqual(
        listed.map((x) => x.username),
        ['analist.am', 'beheer'],
      );
      assert.equal('passwordHash' in listed[0]!, false);
    });

    it('opens sessions on a right password only, ends them on disable, revoke and expiry', async () => {
      const u = await createUser(ctx, admin, {
        username: 'agent',
        password: 'agent-password',
        roles: ['field_officer'],
        unit: 'RT',
      });
      assert.equal(
        await login(ctx, {
          username: 'agent',
          password: 'wrong-password',
          ip: null,
          userAgent: null,
        }),
        undefined,
      );
      const first = await login(ctx, {
        username: 'AGENT',
        password: 'agent-password',
        ip: '10.0.0.1',
        userAgent: 'test',
      });
      assert.ok(first);
      assert.equal((await resolveSession(ctx, first.token))?.user.id, u.id);
      assert.equal(await resolveSession(ctx, 'not-a-token'), undefined);

      assert.equal(await revokeUserSessions(ctx, admin, u.id), 1);
      assert.equal(await resolveSession(ctx, first.token), undefined);

      const second = await login(ctx, {
        username: 'agent',
        password: 'agent-password',
        ip: null,
        userAgent: null,
      });
      await updateUser(ctx, admin, u.id, { disabled: true });
      assert.equal(await resolveSession(ctx, second!.token), undefined);
      assert.equal(
        await login(ctx, {
          username: 'agent',
          password: 'agent-password',
          ip: null,
          userAgent: null,
        }),
        undefined,
      );
      await updateUser(ctx, admin, u.id, { disabled: false });

      const third = await login(ctx, {
        username: 'agent',
        password: 'agent-password',
        ip: null,
        userAgent: null,
      });
      const saved = clock;
      clock = new Date(saved.getTime() + 3 * 60 * 60 * 1000); // idle longer than allowed
      assert.equal(await resolveSession(ctx, third!.token), undefined);
      clock = saved;
    });

    it('keeps investigations need-to-know and audits the refused look', async () => {
      const lead = await createUser(ctx, admin, {
        username: 'lead',
        password: 'lead-password',
        roles: ['operational_lead'],
        unit: 'AM',
      });
      const other = await createUser(ctx, admin, {
        username: 'other',
        password: 'other-password',
        roles: ['analyst'],
        unit: 'RT',
      });
      const leadActor: Actor = {
        id: lead.id,
        name: lead.username,
        roles: lead.roles,
        channel: 'api',
        ip: null,
      };
      const otherActor: Actor = {
        id: other.id,
        name: other.username,
        roles: other.roles,
        channel: 'api',
        ip: null,
      };
      const inv = await createInvestigation(ctx, leadActor, {
        name: 'Actiedag maart',
        purpose: 'Zicht op uitbuiting',
        legalBasis: 'Wpg art. 9',
      });

      assert.deepEqual(
        (await listInvestigations(ctx, leadActor)).map((i) => i.id),
        [inv.id],
      );
      assert.deepEqual(await listInvestigations(ctx, otherActor), []);
      await assert.rejects(requireMember(ctx, otherActor, inv.id, 'device.read'), NotFoundError);
      const denied = (await t.store.auditLog.list({ limit: 1 }))[0]!;
      assert.deepEqual(
        [denied.action, denied.outcome, denied.actorName, denied.investigationId],
        ['device.read', 'denied', 'other', inv.id],
      );
      // An unknown id and a forbidden one look the same from outside.
      await assert.rejects(
        requireMember(ctx, otherActor, 'no-such-id', 'device.read'),
        NotFoundError,
      );

      await addMember(ctx, leadActor, inv.id, 'other');
      assert.equal((await requireMember(ctx, otherActor, inv.id, 'device.read')).id, inv.id);
      const read = await getInvestigation(ctx, otherActor, inv.id);
      assert.deepEqual(
        read.members.map((m) => m.username),
        ['lead', 'other'],
      );
      // The administrator manages membership but is no member, so content stays closed.
      assert.equal((await getInvestigation(ctx, admin, inv.id)).id, inv.id);
      await assert.rejects(requireMember(ctx, admin, inv.id, 'device.read'), NotFoundError);
    });

    it('chains every change into an audit trail that verifies', async () => {
      const verdict = await verifyAuditTrail(ctx, admin);
      assert.equal(verdict.ok, true);
      assert.ok(verdict.checked >= 10, `checked ${verdict.checked}`);
      const newest = await t.store.auditLog.list({ limit: 1 });
      assert.equal(newest[0]!.action, 'audit.verify');
    });

    it('keeps the chain straight under concurrent appends', async () => {
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          audit(t.store, clock, SYSTEM_ACTOR, { action: 'test.concurrent', detail: { i } }),
        ),
      );
      const verdict = await verifyAuditTrail(ctx, admin);
      assert.equal(verdict.ok, true, verdict.problem?.message);
    });

    it('refuses updates and deletes of audit rows', async () => {
      await assert.rejects(
        t.raw(`update audit_log set actor_name = 'x' where seq = 1`),
        /append-only/,
      );
      await assert.rejects(t.raw(`delete from audit_log where seq = 1`), /append-only/);
    });

    it('rolls a failed transaction back, audit entry included', async () => {
      const before = await t.store.auditLog.head();
      await assert.rejects(
        t.store.transaction(async (tx) => {
          await audit(tx, clock, SYSTEM_ACTOR, { action: 'test.rolled_back' });
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.deepEqual(await t.store.auditLog.head(), before);
    });

    it('names the altered row when someone edits the trail behind the triggers', async () => {
      const target = 3;
      const disable =
        backend.name === 'postgres'
          ? 'alter table audit_log disable trigger audit_log_no_update'
          : 'drop trigger audit_log_no_update';
      await t.raw(
        `${disable}; update audit_log set detail = '{"username":"nobody"}' where seq = ${target}`,
      );
      const verdict = await verifyAuditTrail(ctx, admin);
      assert.equal(verdict.ok, false);
      assert.equal(verdict.problem?.seq, target);
      assert.equal(verdict.problem?.kind, 'altered');
    });

    it('stores settings as an upsert', async () => {
      await t.store.settings.set('k', 'one');
      await t.store.settings.set('k', 'two');
      assert.equal(await t.store.settings.get('k'), 'two');
      assert.equal(await t.store.settings.get('missing'), undefined);
    });
  });
}
