/** Writing: create, update, delete, bulk changes, their refusals and conflicts. */
import { describe, expect } from 'vitest';

import type { ContractSession } from './session';

export function writesContract(s: ContractSession) {
  const { it } = s;
  describe('writes', () => {
    it('creates with relations by id, and replays an Idempotency-Key', async () => {
      const key = { 'idempotency-key': 'contract-create-1' };
      const first = await s.admin.post(
        '/api/v1/shop/order',
        { total: 7, customer: s.ids.bob, tags: [s.ids.red] },
        key,
      );
      expect(first.body.data).toMatchObject({
        total: 7,
        status: 'new',
        customer: s.ids.bob,
        tags: [s.ids.red],
        version: 1,
      });
      const again = await s.admin.post(
        '/api/v1/shop/order',
        { total: 7, customer: s.ids.bob, tags: [s.ids.red] },
        key,
      );
      expect(again.body.data.id).toBe(first.body.data.id);
    });

    it('replays an Idempotency-Key on an entity with a unique field, and a new key conflicts', async () => {
      const body = { name: 'Idem', email: 'idem@example.com' };
      const key = { 'idempotency-key': 'contract-create-unique' };
      const first = await s.admin.post('/api/v1/shop/customer', body, key);
      expect(first.status).toBe(200);
      // The retry collides with the first row's email: it gets the first answer, no 409.
      const again = await s.admin.post('/api/v1/shop/customer', body, key);
      expect(again.status).toBe(200);
      expect(again.body.data).toEqual(first.body.data);
      const fresh = await s.admin.post('/api/v1/shop/customer', body, {
        'idempotency-key': 'contract-create-unique-2',
      });
      expect(fresh.status).toBe(409);
      expect(fresh.body.errors).toHaveProperty('email');
    });

    it('answers 422 with errors by field', async () => {
      const missing = await s.admin.post('/api/v1/shop/customer', { email: 'x@example.com' });
      expect(missing.status).toBe(422);
      expect(missing.body.errors).toHaveProperty('name');
      const negative = await s.admin.post('/api/v1/shop/order', { total: -1 });
      expect(negative.status).toBe(422);
      expect(negative.body.errors).toHaveProperty('total');
      const badEnum = await s.admin.post('/api/v1/shop/order', { status: 'lost' });
      expect(badEnum.body.errors).toHaveProperty('status');
    });

    it('answers 409 for a unique violation, a stale version and a restricting reference', async () => {
      expect(
        (await s.admin.post('/api/v1/shop/customer', { name: 'Ada 2', email: 'ada@example.com' }))
          .status,
      ).toBe(409);
      const updated = await s.admin.put(`/api/v1/shop/customer/${s.ids.bob}`, {
        name: 'Robert',
        version: 1,
      });
      expect(updated.body.data.version).toBe(2);
      expect(Date.parse(updated.body.data.updated_at)).toBeGreaterThanOrEqual(
        Date.parse(updated.body.data.created_at),
      );
      expect(
        (await s.admin.put(`/api/v1/shop/customer/${s.ids.bob}`, { name: 'Late', version: 1 }))
          .status,
      ).toBe(409);
      expect(
        (
          await s.admin.put(
            `/api/v1/shop/customer/${s.ids.bob}`,
            { name: 'Late' },
            { 'if-match': '"1"' },
          )
        ).status,
      ).toBe(409);
      expect((await s.admin.del(`/api/v1/shop/customer/${s.ids.ada}`)).status).toBe(409);
    });

    it('deletes one row, then it is gone', async () => {
      const id = s.created(await s.admin.post('/api/v1/shop/tag', { label: 'gone' }));
      expect((await s.admin.del(`/api/v1/shop/tag/${id}`)).status).toBe(200);
      expect((await s.admin.get(`/api/v1/shop/tag/${id}`)).status).toBe(404);
    });

    it('deletes a selection, updates in bulk, and refuses empty selections', async () => {
      const a = s.created(await s.admin.post('/api/v1/shop/tag', { label: 'a' }));
      const b = s.created(await s.admin.post('/api/v1/shop/tag', { label: 'b' }));
      const bulk = await s.admin.post('/api/v1/shop/tag/bulk', {
        rows: [{ id: a, label: 'a2' }],
        rowsDiff: [{ id: a, label: 'a2' }],
      });
      expect(bulk.body.data.items[0].label).toBe('a2');
      const same = await s.admin.post('/api/v1/shop/tag/bulk', { ids: `${a},${b}`, label: 'same' });
      expect(same.body.data.count).toBe(2);
      expect((await s.admin.post('/api/v1/shop/tag/bulk', { ids: '', label: 'x' })).status).toBe(
        400,
      );
      expect((await s.admin.del('/api/v1/shop/tag?ids=')).status).toBe(400);
      const removed = await s.admin.del(`/api/v1/shop/tag?ids=${a},${b}`);
      expect(removed.body.data.count).toBe(2);
    });
  });
}
