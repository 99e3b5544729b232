import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword, verifyPassword } from '../../src/access/password.js';

describe('passwords', () => {
  it('verifies the right password, rejects others, and salts every hash', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    assert.match(a, /^scrypt\$131072\$8\$1\$/);
    assert.notEqual(a, b);
    assert.equal(await verifyPassword('correct horse battery', a), true);
    assert.equal(await verifyPassword('correct horse batterY', a), false);
  });

  it('rejects malformed stored hashes instead of throwing', async () => {
    assert.equal(await verifyPassword('x', 'plain-text'), false);
    assert.equal(await verifyPassword('x', 'scrypt$1$2'), false);
  });

  it('honours the cost recorded in the hash', async () => {
    const cheap = await hashPassword('secret-password', { N: 1024, r: 8, p: 1 });
    assert.match(cheap, /^scrypt\$1024\$/);
    assert.equal(await verifyPassword('secret-password', cheap), true);
  });
});
