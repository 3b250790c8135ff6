/**
 * The shop model at two versions, as the regeneration tests change it: v1 with a coupon entity;
 * v2 with a field added (customer.phone), one renamed (order.total → amount), an entity added
 * (invoice, with a unique number) and one dropped (coupon). Ids carry over, as a publish keeps them.
 */
import { assignIds, type ModelDocument } from '@tessera/meta';
import { shopModel } from '@tessera/meta/testing';

export function shopV1(): ModelDocument {
  return assignIds(
    shopModel((doc) => {
      doc.entities.push({ code: 'coupon', fields: [{ code: 'code', type: 'string', length: 20 }] });
    }),
    null,
  );
}

export function shopV2(v1: ModelDocument): ModelDocument {
  const doc = structuredClone(v1);
  const customer = doc.entities.find((e) => e.code === 'customer')!;
  customer.fields.push({ id: crypto.randomUUID(), code: 'phone', type: 'string', length: 30 });
  const order = doc.entities.find((e) => e.code === 'order')!;
  order.fields.find((f) => f.code === 'total')!.code = 'amount';
  doc.entities = doc.entities.filter((e) => e.code !== 'coupon');
  doc.entities.push({
    id: crypto.randomUUID(),
    code: 'invoice',
    fields: [{ id: crypto.randomUUID(), code: 'number', type: 'string', length: 20, unique: true }],
  });
  return doc;
}
