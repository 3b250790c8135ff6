/** The designer: the project list, or one project's editor, by address. */
import { Editor } from './editor';
import { ProjectList } from './projects/project-list';
import { projectFromPath } from './routes';

export function App() {
  const project = projectFromPath(window.location.pathname);
  return project ? <Editor project={project} /> : <ProjectList />;
}
