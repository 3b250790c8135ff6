/**
 * A typed client of the data API, for the runtime and an ejected service alike (they answer
 * the same contract). Give it the `Model` that `tessera types` wrote:
 *
 *   const shop = createClient<Model>({ baseUrl, project: 'shop', token });
 *   const page = await shop.from('order').list({ filter: { status: { _eq: 'paid' } }, expand: { customer: true } });
 *
 * Entities, fields, operators and values are checked by the compiler; answers are typed
 * (expanded relations as rows of their entity); refusals are `ApiError`s with their messages
 * per field.
 */
import { type ChangeEvent, type ChangesOptions, changeStream } from './changes';
import { ApiError } from './errors';
import type {
  EntityName,
  Expand,
  FieldName,
  ListOptions,
  ModelShape,
  Page,
  ReadOptions,
  Result,
  RowOf,
} from './model';
import { queryOf } from './query';

export interface ClientOptions {
  /** The runtime's or the ejected service's base URL, e.g. `http://localhost:4000`. */
  baseUrl: string;
  project: string;
  /** A bearer token (`tessera login`, or an API token). */
  token?: string;
  fetch?: typeof fetch;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

interface Envelope<T> {
  status: number;
  msg: string;
  data: T;
  errors?: Record<string, string>;
}

async function refusal<F extends string>(res: Response): Promise<ApiError<F>> {
  const text = await res.text();
  let body: Partial<Envelope<unknown>> & Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // Not the API's JSON (a proxy's page): the status says what happened.
  }
  return new ApiError<F>(
    res.status,
    typeof body.msg === 'string' ? body.msg : `${res.status} ${res.statusText}`,
    (body.errors ?? {}) as Partial<Record<F, string>>,
    res.headers.get('x-request-id') ?? (typeof body.requestId === 'string' ? body.requestId : null),
    body,
  );
}

export class EntityClient<M extends ModelShape<M>, E extends EntityName<M>> {
  constructor(
    private readonly options: ClientOptions,
    readonly entity: E,
  ) {}

  async #request<T, F extends string = string>(
    method: string,
    path: string,
    init: { query?: URLSearchParams; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<T> {
    const query = init.query?.toString();
    const url = `${this.options.baseUrl.replace(/\/$/, '')}/api/v1/${this.options.project}/${this.entity}${path}${query ? `?${query}` : ''}`;
    const res = await (this.options.fetch ?? fetch)(url, {
      method,
      headers: {
        accept: 'application/json',
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
        ...this.options.headers,
        ...init.headers,
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    if (!res.ok) throw await refusal<F>(res);
    const envelope = (await res.json()) as Envelope<T>;
    if (envelope.status !== 0)
      throw new ApiError<F>(422, envelope.msg, (envelope.errors ?? {}) as never, null, envelope);
    return envelope.data;
  }

  /** A page of rows: filtered, sorted, narrowed to `fields`, with `expand`ed relations. */
  list<F extends FieldName<M, E> = never, X extends Expand<M, E> = Record<never, never>>(
    options: ListOptions<M, E, F, X> = {},
  ): Promise<Page<Result<M, E, F, X>>> {
    return this.#request('GET', '', { query: queryOf(options) });
  }

  /** One row by id (404 as an ApiError when it is not there or not visible). */
  get<F extends FieldName<M, E> = never, X extends Expand<M, E> = Record<never, never>>(
    id: string,
    options: ReadOptions<M, E, F, X> = {},
  ): Promise<Result<M, E, F, X>> {
    return this.#request('GET', `/${encodeURIComponent(id)}`, { query: queryOf(options) });
  }

  /** Creates a row; with `idempotencyKey`, a retry gets the first answer instead of a second row. */
  create(input: M[E]['create'], options: { idempotencyKey?: string } = {}): Promise<RowOf<M, E>> {
    return this.#request<RowOf<M, E>, keyof M[E]['create'] & string>('POST', '', {
      body: input,
      headers: options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {},
    });
  }

  /** Changes a row; with `version`, a stale one is refused (409) instead of overwriting. */
  update(
    id: string,
    patch: M[E]['update'],
    options: { version?: number } = {},
  ): Promise<RowOf<M, E>> {
    return this.#request<RowOf<M, E>, keyof M[E]['update'] & string>(
      'PUT',
      `/${encodeURIComponent(id)}`,
      { body: options.version === undefined ? patch : { ...patch, version: options.version } },
    );
  }

  /** Deletes a row (soft-deleting entities keep it aside). */
  delete(id: M[E]['deletable'] extends true ? string : never): Promise<void> {
    return this.#request<unknown>('DELETE', `/${encodeURIComponent(id)}`).then(() => undefined);
  }

  /** Whether `error` is this entity's write refusal, its field messages typed by its inputs. */
  isError(
    error: unknown,
  ): error is ApiError<(keyof M[E]['create'] | keyof M[E]['update']) & string> {
    return error instanceof ApiError;
  }
}

export interface TypedClient<M extends ModelShape<M>> {
  from<E extends EntityName<M>>(entity: E): EntityClient<M, E>;
  /** The project's changes, resuming after a dropped connection; ends when `signal` aborts. */
  changes<E extends EntityName<M> = EntityName<M>>(
    options?: ChangesOptions<E>,
  ): AsyncGenerator<ChangeEvent<E, RowOf<M, E>>>;
}

export function createClient<M extends ModelShape<M>>(options: ClientOptions): TypedClient<M> {
  return {
    from: (entity) => new EntityClient(options, entity),
    changes: (changes = {}) =>
      changeStream(
        (lastEventId, signal) => {
          const query = changes.entities?.length ? `?entities=${changes.entities.join(',')}` : '';
          return (options.fetch ?? fetch)(
            `${options.baseUrl.replace(/\/$/, '')}/api/v1/${options.project}/changes${query}`,
            {
              headers: {
                accept: 'text/event-stream',
                ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
                ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
                ...options.headers,
              },
              signal,
            },
          );
        },
        changes,
        refusal,
      ),
  };
}
