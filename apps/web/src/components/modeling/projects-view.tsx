'use client';
/** Projects: create one, or import a model document (YAML or JSON) as its draft. */
import {
  Badge,
  Button,
  Card,
  Dialog,
  Flex,
  Grid,
  Heading,
  Text,
  TextArea,
  TextField,
} from '@radix-ui/themes';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FileUp, Plus } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';

import { DialogButtons } from '~/components/ui/dialog-buttons';
import { Field } from '~/components/ui/field';
import { PageHeader } from '~/components/ui/page-header';
import { EmptyState, ErrorState } from '~/components/ui/states';
import { useFormErrors } from '~/components/ui/use-form-errors';
import { useTRPC } from '~/trpc/react';

export function ProjectsView() {
  const trpc = useTRPC();
  const projects = useQuery(trpc.project.list.queryOptions());
  const [dialog, setDialog] = useState<'new' | 'import' | null>(null);
  return (
    <>
      <PageHeader
        title="Projects"
        description="Each project is a model of entities, fields and relations, published to its own PostgreSQL schema."
        actions={
          <>
            <Button variant="soft" onClick={() => setDialog('import')}>
              <FileUp size={16} /> Import document
            </Button>
            <Button onClick={() => setDialog('new')}>
              <Plus size={16} /> New project
            </Button>
          </>
        }
      />
      {projects.error ? (
        <ErrorState error={projects.error} onRetry={() => void projects.refetch()} />
      ) : null}
      {projects.data?.length === 0 ? (
        <EmptyState title="No projects yet" hint="Create one, or import a model document." />
      ) : null}
      <Grid columns={{ initial: '1', md: '2', lg: '3' }} gap="3">
        {projects.data?.map((p) => (
          <Card key={p.id} asChild>
            <Link
              href={`/modeling/${p.code}`}
              style={{ textDecoration: 'none' }}
              data-testid="project-card"
            >
              <Flex direction="column" gap="1">
                <Flex gap="2" align="center">
                  <Heading size="4">{p.name}</Heading>
                  <Badge variant="outline">{p.code}</Badge>
                </Flex>
                <Text size="2" color="gray">
                  {p.description || 'No description'}
                </Text>
                <Text size="1" color="gray">
                  {p.publishedVersion
                    ? `Published version ${p.publishedVersion}`
                    : 'Not published yet'}{' '}
                  · draft revision {p.draftRevision}
                </Text>
              </Flex>
            </Link>
          </Card>
        ))}
      </Grid>
      {dialog === 'new' ? <NewProjectDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'import' ? <ImportDialog onClose={() => setDialog(null)} /> : null}
    </>
  );
}

function NewProjectDialog({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { fieldErrors, onError } = useFormErrors();
  const [form, setForm] = useState({ code: '', name: '', description: '' });
  const create = useMutation(
    trpc.project.create.mutationOptions({
      onSuccess: (p) => {
        void queryClient.invalidateQueries({ queryKey: trpc.project.list.queryKey() });
        toast.success('Project created');
        router.push(`/modeling/${p.code}`);
      },
      onError,
    }),
  );
  return (
    <Dialog.Root open onOpenChange={(o) => !o && onClose()}>
      <Dialog.Content maxWidth="480px">
        <Dialog.Title>New project</Dialog.Title>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(form);
          }}
        >
          <Flex direction="column" gap="3">
            <Field
              label="Code"
              error={fieldErrors.code}
              hint="Also the PostgreSQL schema name, e.g. shop"
            >
              <TextField.Root
                required
                value={form.code}
                onChange={(e) => setForm({ ...form, code: e.target.value })}
              />
            </Field>
            <Field label="Name" error={fieldErrors.name}>
              <TextField.Root
                required
                value={form.name}
                onChange={(e) => setForm({ ...form, name: e.target.value })}
              />
            </Field>
            <Field label="Description">
              <TextArea
                value={form.description}
                onChange={(e) => setForm({ ...form, description: e.target.value })}
              />
            </Field>
            <Flex justify="end" gap="3">
              <DialogButtons pending={create.isPending}>Create project</DialogButtons>
            </Flex>
          </Flex>
        </form>
      </Dialog.Content>
    </Dialog.Root>
  );
}

function ImportDialog({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { fieldErrors, onError } = useFormErrors();
  const [project, setProject] = useState('');
  const [document, setDocument] = useState('');
  const importDoc = useMutation(
    trpc.schema.import.mutationOptions({
      onSuccess: (_plan, vars) => {
        void queryClient.invalidateQueries();
        toast.success('Imported as the draft; review the plan before publishing');
        router.push(`/modeling/${vars.project}?tab=publish`);
      },
      onError,
    }),
  );
  const detected =
    /^\s*project:\s*([a-z][a-z0-9_]*)/m.exec(document)?.[1] ??
    /"project"\s*:\s*"([a-z][a-z0-9_]*)"/.exec(document)?.[1];
  return (
    <Dialog.Root open onOpenChange={(o) => !o && onClose()}>
      <Dialog.Content maxWidth="720px">
        <Dialog.Title>Import a model document</Dialog.Title>
        <Dialog.Description size="2" color="gray" mb="3">
          YAML or JSON. It replaces the draft (creating the project if needed); nothing changes in
          the database until you publish.
        </Dialog.Description>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            importDoc.mutate({ project: project || detected || '', document });
          }}
        >
          <Flex direction="column" gap="3">
            <input
              type="file"
              accept=".yaml,.yml,.json"
              aria-label="Document file"
              onChange={(e) => void e.target.files?.[0]?.text().then(setDocument)}
            />
            <Field
              label="Document"
              error={
                Object.entries(fieldErrors)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join('\n') || undefined
              }
            >
              <TextArea
                name="document"
                rows={14}
                value={document}
                onChange={(e) => setDocument(e.target.value)}
                style={{ fontFamily: 'var(--code-font-family)' }}
                placeholder={
                  'project: shop\nentities:\n  - code: customer\n    fields:\n      - { code: name, type: string, length: 100, required: true }'
                }
              />
            </Field>
            <Field label="Project" hint={detected ? `From the document: ${detected}` : undefined}>
              <TextField.Root
                name="project"
                value={project || detected || ''}
                onChange={(e) => setProject(e.target.value)}
              />
            </Field>
            <Flex justify="end" gap="3">
              <DialogButtons pending={importDoc.isPending} disabled={!document.trim()}>
                Import
              </DialogButtons>
            </Flex>
          </Flex>
        </form>
      </Dialog.Content>
    </Dialog.Root>
  );
}
