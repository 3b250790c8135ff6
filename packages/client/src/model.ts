/**
 * The shape a generated `Model` (from `tessera types` or the runtime's `types.ts`) has, and the
 * types the client derives from it: rows narrowed to the fields asked for, relations expanded
 * into rows of their entity, sort keys, and what each entity accepts.
 */
export interface EntityShape {
  row: object;
  create: object;
  update: object;
  filter: object;
  links: Record<string, { entity: string; many: boolean }>;
  deletable: boolean;
}

/** A generated `Model`: each entity's shape (an interface, so constrained by its own keys). */
export type ModelShape<M> = { [K in keyof M]: EntityShape };

export type EntityName<M extends ModelShape<M>> = keyof M & string;
export type RowOf<M extends ModelShape<M>, E extends EntityName<M>> = M[E]['row'];
type LinkOf<M extends ModelShape<M>, E extends EntityName<M>> = M[E]['links'];
type TargetOf<
  M extends ModelShape<M>,
  E extends EntityName<M>,
  L extends keyof LinkOf<M, E>,
> = LinkOf<M, E>[L]['entity'] & EntityName<M>;

/** Relations to embed: `{ customer: true }`, or nested `{ orders: { tags: true } }`. */
export type Expand<M extends ModelShape<M>, E extends EntityName<M>> = {
  [L in keyof LinkOf<M, E>]?: true | Expand<M, TargetOf<M, E, L>>;
};

/** The system fields every read returns, whatever `fields` asks for. */
export type SystemField =
  'id' | 'created_at' | 'updated_at' | 'created_by' | 'updated_by' | 'version';

/** A field to return (of the entity's own; relations are named in `expand`). */
export type FieldName<M extends ModelShape<M>, E extends EntityName<M>> = keyof RowOf<M, E> &
  string;

/** A sort key: a field, `-` before it for descending. */
export type SortKey<M extends ModelShape<M>, E extends EntityName<M>> =
  FieldName<M, E> | `-${FieldName<M, E>}`;

type Picked<Row, F> = [F] extends [never] ? Row : Pick<Row, Extract<keyof Row, F | SystemField>>;

/** A row as a read with `fields` F and `expand` X answers it. */
export type Result<
  M extends ModelShape<M>,
  E extends EntityName<M>,
  F extends string = never,
  X = unknown,
> = [keyof X & keyof LinkOf<M, E>] extends [never]
  ? Picked<RowOf<M, E>, F>
  : Omit<Picked<RowOf<M, E>, F>, keyof X & string> & {
      [L in keyof X & keyof LinkOf<M, E>]: LinkOf<M, E>[L]['many'] extends true
        ? Linked<M, TargetOf<M, E, L>, X[L]>[]
        : Linked<M, TargetOf<M, E, L>, X[L]> | null;
    };

/** A related row: whole (`true`), or with its own relations expanded. */
type Linked<M extends ModelShape<M>, E extends EntityName<M>, X> = X extends true
  ? RowOf<M, E>
  : Result<M, E, never, X>;

export interface ReadOptions<
  M extends ModelShape<M>,
  E extends EntityName<M>,
  F extends FieldName<M, E>,
  X extends Expand<M, E>,
> {
  fields?: readonly F[];
  expand?: X;
}

export interface ListOptions<
  M extends ModelShape<M>,
  E extends EntityName<M>,
  F extends FieldName<M, E>,
  X extends Expand<M, E>,
> extends ReadOptions<M, E, F, X> {
  filter?: M[E]['filter'];
  sort?: readonly SortKey<M, E>[];
  keywords?: string;
  perPage?: number;
  page?: number;
  /** Keyset paging: the `nextCursor` of the page before ('' for the first page). */
  after?: string;
  count?: 'exact' | 'estimated' | 'none';
}

export interface Page<Row> {
  items: Row[];
  total?: number;
  hasNext?: boolean;
  nextCursor?: string | null;
}
