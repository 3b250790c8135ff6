/**
 * The detail drawer of a data page: the row's fields, and the lists of rows that point to it
 * (a customer's orders), read with the row through `expand` where the caller may read them.
 */
import type { Entity, ModelDocument } from '@tessera/meta';

import { type AmisObject, column } from './controls';
import { htmlText, plainText } from './text';

export function detail(
  doc: ModelDocument,
  fields: Entity['fields'],
  toMany: ModelDocument['relations'],
  base: string,
  related: ReadonlyMap<string, ReadonlySet<string> | null> | undefined,
): AmisObject {
  // Lists of entities the caller may not read are left out (expanding them would be refused).
  const lists = toMany.filter((r) => !related || related.has(r.from));
  const expand = lists.map((r) => r.inverse!).join(',');
  return {
    type: 'service',
    api: `get:${base}/\${id}${expand ? `?expand=${expand}` : ''}`,
    body: [
      {
        type: 'form',
        static: true,
        wrapWithPanel: false,
        body: fields.map((f) => ({
          type: 'static',
          name: f.code,
          label: htmlText(f.name ?? f.code),
        })),
      },
      ...lists.map((r) => {
        const readable = related?.get(r.from) ?? null;
        const source = doc.entities.find((e) => e.code === r.from);
        return {
          type: 'table',
          title: plainText(`${r.inverse} (${r.from})`),
          source: `\${${r.inverse}}`,
          columns: (source?.fields ?? [])
            .filter((f) => readable === null || readable.has(f.code))
            .map((f) => column(f, false)),
        };
      }),
    ],
  };
}
