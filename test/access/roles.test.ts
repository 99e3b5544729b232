import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { can, isRole, permissionsOf, roleTable, ROLES } from '../../src/access/roles.js';

describe('roles', () => {
  it('keeps reading the trail with the auditor and case content away from the administrator', () => {
    assert.equal(can(['auditor'], 'audit.read'), true);
    assert.equal(can(['admin'], 'audit.read'), false);
    assert.equal(can(['admin'], 'users.manage'), true);
    assert.equal(can(['auditor'], 'ads.read'), false);
    assert.equal(can(['admin'], 'ads.read'), false);
  });

  it('gives the field officer controls but not the national picture', () => {
    assert.equal(can(['field_officer'], 'controls.record'), true);
    assert.equal(can(['field_officer'], 'picture.read'), false);
    assert.equal(can(['national_analyst'], 'picture.read'), true);
  });

  it('unites the permissions of several roles', () => {
    const p = permissionsOf(['field_officer', 'forensic_examiner']);
    assert.equal(p.has('controls.record') && p.has('devices.import'), true);
    assert.equal(p.has('users.manage'), false);
  });

  it('lists every role once, each with at least one permission', () => {
    assert.deepEqual(
      roleTable().map((r) => r.role),
      [...ROLES],
    );
    assert.ok(roleTable().every((r) => r.permissions.length > 0));
    assert.equal(isRole('admin'), true);
    assert.equal(isRole('root'), false);
  });
});
