/** The projects the signed-in modeler may open. */
import { useEffect, useState } from 'react';

import { api, problemOf, signIn } from '../api/client';

export function ProjectList() {
  const [projects, setProjects] = useState<
    { code: string; name: string; draftRevision: number }[] | null
  >(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    api.auth.me
      .query()
      .then((me) => {
        if (!me) signIn();
        return api.project.list.query();
      })
      .then(setProjects)
      .catch((error: unknown) => setFailure(problemOf(error).message));
  }, []);
  return (
    <main className="project-list">
      <h1>Tessera designer</h1>
      {failure ? <p className="failure">{failure}</p> : null}
      {projects === null && !failure ? <p className="muted">Loading projects…</p> : null}
      {projects?.length === 0 ? (
        <p className="muted">
          No project yet. <a href="/modeling">Create one in the console</a>.
        </p>
      ) : null}
      <ul>
        {projects?.map((p) => (
          <li key={p.code}>
            <a href={`/designer/${encodeURIComponent(p.code)}`}>{p.name}</a> <code>{p.code}</code>
          </li>
        ))}
      </ul>
      <p>
        <a href="/">Back to the console</a>
      </p>
    </main>
  );
}
