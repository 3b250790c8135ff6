'use client';
/** The files a generation writes, as folders and files, each marked with what happens to it. */
import { Badge, Box, Flex, Text } from '@radix-ui/themes';
import { ChevronDown, ChevronRight, FileText, Folder } from 'lucide-react';
import { useMemo, useState } from 'react';

import { ACTION_COLOR, type Action } from './labels';

export interface TreeFile {
  path: string;
  action: Action;
}

interface FolderNode {
  name: string;
  path: string;
  folders: FolderNode[];
  files: TreeFile[];
}

function buildTree(files: readonly TreeFile[]): FolderNode {
  const root: FolderNode = { name: '', path: '', folders: [], files: [] };
  for (const file of files) {
    const parts = file.path.split('/');
    let at = root;
    for (const part of parts.slice(0, -1)) {
      const path = at.path ? `${at.path}/${part}` : part;
      let next = at.folders.find((f) => f.name === part);
      if (!next) {
        next = { name: part, path, folders: [], files: [] };
        at.folders.push(next);
      }
      at = next;
    }
    at.files.push(file);
  }
  const sort = (node: FolderNode) => {
    node.folders.sort((a, b) => a.name.localeCompare(b.name));
    node.files.sort((a, b) => a.path.localeCompare(b.path));
    node.folders.forEach(sort);
  };
  sort(root);
  return root;
}

export function FileTree({
  files,
  selected,
  onSelect,
  label,
}: {
  files: readonly TreeFile[];
  selected: string | null;
  onSelect: (path: string) => void;
  label: string;
}) {
  const tree = useMemo(() => buildTree(files), [files]);
  const [closed, setClosed] = useState<Set<string>>(new Set());
  const toggle = (path: string) =>
    setClosed((now) => {
      const next = new Set(now);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });

  const renderFolder = (node: FolderNode, depth: number) => (
    <>
      {node.folders.map((folder) => {
        const open = !closed.has(folder.path);
        return (
          <li key={folder.path} role="treeitem" aria-expanded={open} aria-selected={false}>
            <button
              type="button"
              className="file-tree-row"
              style={{ paddingLeft: depth * 14 }}
              onClick={() => toggle(folder.path)}
            >
              {open ? <ChevronDown size={14} /> : <ChevronRight size={14} />}
              <Folder size={14} />
              <Text size="2">{folder.name}</Text>
            </button>
            {open ? <ul role="group">{renderFolder(folder, depth + 1)}</ul> : null}
          </li>
        );
      })}
      {node.files.map((file) => (
        <li
          key={file.path}
          role="treeitem"
          aria-selected={file.path === selected}
          aria-label={file.path}
        >
          <button
            type="button"
            className="file-tree-row"
            data-selected={file.path === selected || undefined}
            style={{ paddingLeft: depth * 14 + 14 }}
            onClick={() => onSelect(file.path)}
          >
            <FileText size={14} />
            <Text size="2" style={{ flex: 1 }}>
              {file.path.split('/').pop()}
            </Text>
            {file.action !== 'unchanged' ? (
              <Badge size="1" color={ACTION_COLOR[file.action]}>
                {file.action}
              </Badge>
            ) : null}
          </button>
        </li>
      ))}
    </>
  );

  return (
    <Box asChild>
      <ul role="tree" aria-label={label} className="file-tree">
        {renderFolder(tree, 0)}
      </ul>
    </Box>
  );
}

export function FileTreeLegend() {
  return (
    <Flex gap="2" wrap="wrap">
      {(['new', 'replaced', 'removed', 'kept'] as const).map((a) => (
        <Badge key={a} size="1" color={ACTION_COLOR[a]}>
          {a}
        </Badge>
      ))}
    </Flex>
  );
}
