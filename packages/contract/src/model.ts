/** The shop model every implementation of the data API is checked against. */
export const CONTRACT_MODEL = {
  project: 'shop',
  entities: [
    {
      code: 'customer',
      name: 'Customer',
      fields: [
        { code: 'name', type: 'string', length: 100, required: true },
        { code: 'email', type: 'email', unique: true },
      ],
    },
    {
      code: 'order',
      fields: [
        { code: 'total', type: 'decimal', precision: 12, scale: 2, validation: { min: 0 } },
        { code: 'status', type: 'enum', options: ['new', 'paid', 'shipped'], default: 'new' },
      ],
    },
    { code: 'tag', fields: [{ code: 'label', type: 'string', length: 40 }] },
  ],
  relations: [
    {
      code: 'order_customer',
      type: 'many-to-one',
      from: 'order',
      to: 'customer',
      field: 'customer',
      inverse: 'orders',
      onDelete: 'restrict',
    },
    {
      code: 'order_tags',
      type: 'many-to-many',
      from: 'order',
      to: 'tag',
      field: 'tags',
      inverse: 'orders',
    },
  ],
} as const;
