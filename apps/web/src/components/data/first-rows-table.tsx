/**
 * The first rows of a data page, read on the server and shown as a plain table until amis has
 * rendered its own; nothing in it acts yet.
 */
import type { FirstRows } from '~/server/first-rows';

export function FirstRowsTable({ title, firstRows }: { title: string; firstRows: FirstRows }) {
  return (
    <div className="first-rows" aria-busy="true" data-first-rows="">
      <h2 className="first-rows-title">{title}</h2>
      <table>
        <thead>
          <tr>
            {firstRows.columns.map((c) => (
              <th key={c.name} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {firstRows.rows.map((cells, row) => (
            // The rows never change: they are replaced by amis's table as a whole.
            <tr key={row}>
              {cells.map((cell, i) => (
                <td key={firstRows.columns[i]!.name}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="first-rows-total">
        {firstRows.rows.length} of {firstRows.total} rows, loading the tools…
      </p>
    </div>
  );
}
