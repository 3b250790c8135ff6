'use client';
/**
 * Editing a data page's amis JSON: a code editor checked against amis's schema as you type, a
 * preview rendered by amis itself, and the saved versions with restore. Saving keeps the edits
 * as a patch over the generated page, so later model changes still reach the page.
 */
import { Box, Button, Callout, Dialog, Flex, Tabs, Text, TextField } from '@radix-ui/themes';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';

import { SavedVersions } from '~/components/ui/saved-versions';
import { ErrorState } from '~/components/ui/states';
import { describeError, useTRPC } from '~/trpc/react';

import { AmisView } from './amis-view';
import { JsonEditor } from './json-editor';

type Parsed = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

function parse(text: string): Parsed {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { ok: false, error: 'A page is a JSON object' };
    return { ok: true, value: value as Record<string, unknown> };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

export function PageEditor({
  project,
  entity,
  open,
  onOpenChange,
}: {
  project: string;
  entity: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const input = { project, entity };
  const source = useQuery(trpc.page.source.queryOptions(input, { enabled: open }));
  const [text, setText] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const shown = text ?? (source.data ? JSON.stringify(source.data.page, null, 2) : '');
  const parsed = parse(shown);
  // The mutation shows its latest call only: an earlier check answering late (one that reads
  // the model takes longer) is not taken for the text now in the editor.
  const check = useMutation(trpc.page.check.mutationOptions());
  const problems = check.data && !check.data.ok ? check.data.errors : [];
  const checkPage = check.mutate;
  // Checked against amis's schema a moment after typing stops.
  const parsedValue = parsed.ok ? parsed.value : null;
  useEffect(() => {
    if (!parsedValue) return;
    const timer = setTimeout(() => checkPage({ ...input, schema: parsedValue }), 400);
    return () => clearTimeout(timer);
  }, [shown]); // eslint-disable-line react-hooks/exhaustive-deps

  const done = (message: string) => {
    toast.success(message);
    setText(null);
    setNote('');
    void queryClient.invalidateQueries({ queryKey: trpc.page.source.queryKey(input) });
    router.refresh();
  };
  const save = useMutation(
    trpc.page.save.mutationOptions({
      onSuccess: ({ version }) => done(`Saved as version ${version}`),
      onError: (e) => toast.error(describeError(e).message),
    }),
  );
  const restore = useMutation(
    trpc.page.restore.mutationOptions({
      onSuccess: ({ version }) => done(`Restored as version ${version}`),
      onError: (e) => toast.error(describeError(e).message),
    }),
  );
  const reset = useMutation(
    trpc.page.reset.mutationOptions({
      onSuccess: () => done('Back to the generated page'),
      onError: (e) => toast.error(describeError(e).message),
    }),
  );
  const errors = parsed.ok ? problems : [parsed.error];

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Content maxWidth="1100px" aria-describedby={undefined}>
        <Dialog.Title>Edit page</Dialog.Title>
        {source.error ? (
          <ErrorState error={source.error} onRetry={() => void source.refetch()} />
        ) : null}
        {source.data?.conflicts.length ? (
          <Callout.Root color="amber" mb="3" role="alert">
            <Callout.Text>
              Some edits no longer fit the model and are left out:{' '}
              {source.data.conflicts.join('; ')}
            </Callout.Text>
          </Callout.Root>
        ) : null}
        <Tabs.Root defaultValue="json">
          <Tabs.List>
            <Tabs.Trigger value="json">JSON</Tabs.Trigger>
            {/* What the check refuses is not rendered, not even here. */}
            <Tabs.Trigger value="preview" disabled={!parsed.ok || problems.length > 0}>
              Preview
            </Tabs.Trigger>
            <Tabs.Trigger value="versions">Versions</Tabs.Trigger>
          </Tabs.List>
          <Box pt="3">
            <Tabs.Content value="json">
              <Box height="420px" style={{ border: '1px solid var(--gray-a6)', borderRadius: 6 }}>
                {source.data ? (
                  <JsonEditor value={shown} onChange={setText} label="Page JSON" />
                ) : (
                  <Text color="gray">Loading…</Text>
                )}
              </Box>
              <Box mt="2" role="status" aria-label="Page check">
                {errors.length ? (
                  errors.map((e) => (
                    <Text as="p" size="2" color="red" key={e}>
                      {e}
                    </Text>
                  ))
                ) : (
                  <Text size="2" color="green">
                    Valid amis, and nothing a page may not hold
                  </Text>
                )}
              </Box>
            </Tabs.Content>
            <Tabs.Content value="preview">
              <Text as="p" size="1" color="gray" mb="2">
                The preview reads live data; what it would save or delete is not sent.
              </Text>
              <Box height="440px" overflow="auto" data-testid="page-preview">
                {parsed.ok && source.data ? (
                  <AmisView
                    schema={parsed.value}
                    label="Preview"
                    dataApi={source.data.dataApi}
                    readOnly
                  />
                ) : null}
              </Box>
            </Tabs.Content>
            <Tabs.Content value="versions">
              <SavedVersions
                label="Page versions"
                baseLabel="generated"
                empty="The page is the generated one; nothing saved yet."
                versions={(source.data?.versions ?? []).map((v) => ({ ...v, base: v.generated }))}
                onRestore={(version) => restore.mutate({ ...input, version })}
              />
            </Tabs.Content>
          </Box>
        </Tabs.Root>
        <Flex gap="2" mt="4" justify="between" align="center" wrap="wrap">
          <Button
            variant="soft"
            color="gray"
            onClick={() => reset.mutate(input)}
            loading={reset.isPending}
          >
            Back to generated
          </Button>
          <Flex gap="2" align="center">
            <TextField.Root
              placeholder="What changed (optional)"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              aria-label="Note"
            />
            <Dialog.Close>
              <Button variant="soft" color="gray">
                Close
              </Button>
            </Dialog.Close>
            <Button
              disabled={!parsed.ok || problems.length > 0 || text === null}
              loading={save.isPending}
              onClick={() =>
                parsed.ok && save.mutate({ ...input, schema: parsed.value, note: note || null })
              }
            >
              Save
            </Button>
          </Flex>
        </Flex>
      </Dialog.Content>
    </Dialog.Root>
  );
}
