/** The designer's exports: the diagram as PNG or SVG, the model as YAML, the plan as SQL. */
import { type ModelDocument, serializeDocument } from '@tessera/meta';
import type { Node } from '@xyflow/react';

import { api } from '../api/client';
import { download, downloadDataUrl } from './download';
import { diagramImage } from './image';

export type ExportFormat = 'png' | 'svg' | 'yaml' | 'sql';

export async function exportModel(
  format: ExportFormat,
  { project, model, nodes }: { project: string; model: ModelDocument | null; nodes: Node[] },
) {
  if (format === 'yaml' && model)
    download(`${project}.yaml`, serializeDocument(model, 'yaml'), 'application/yaml');
  else if (format === 'sql') {
    const plan = await api.schema.plan.query({ project });
    const sql = plan.steps
      .map((s) => `-- ${s.summary} (${s.risk})\n${s.sql.join(';\n')};`)
      .join('\n\n');
    download(
      `${project}-plan.sql`,
      sql ? `${sql}\n` : '-- Nothing to publish\n',
      'application/sql',
    );
  } else if (format === 'png' || format === 'svg') {
    // The category areas are drawn behind, not part of what is exported.
    const diagram = nodes.filter((n) => n.type !== 'area');
    downloadDataUrl(`${project}.${format}`, await diagramImage(diagram, format));
  }
}
