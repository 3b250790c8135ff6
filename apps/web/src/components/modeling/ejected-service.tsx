'use client';
/**
 * Interpreted and ejected entities: the project's ejected service (where the runtime forwards
 * requests for ejected entities) and each entity's mode, saved to the draft as model
 * operations and published like any other change.
 */
import { Badge, Button, Card, Flex, Switch, Text, TextField } from '@radix-ui/themes';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';

import { describeError, useTRPC } from '~/trpc/react';

function useModelEdit(project: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.model.edit.mutationOptions({
      onSuccess: () =>
        void queryClient.invalidateQueries({
          queryKey: trpc.project.get.queryKey({ code: project }),
        }),
      onError: (e) => toast.error(describeError(e).message),
    }),
  );
}

export function EjectedServiceCard({
  project,
  revision,
  url,
  ejected,
}: {
  project: string;
  revision: number;
  url: string | undefined;
  /** Codes of the entities the service serves. */
  ejected: string[];
}) {
  const edit = useModelEdit(project);
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? url ?? '';
  const save = () =>
    edit.mutate(
      {
        project,
        baseRevision: revision,
        ops: [
          {
            op: 'project.update',
            changes: { service: shown.trim() ? { url: shown.trim() } : null },
          },
        ],
      },
      {
        onSuccess: () => {
          setText(null);
          toast.success(
            shown.trim() ? 'Service URL saved to the draft' : 'Service removed from the draft',
          );
        },
      },
    );
  return (
    <Card>
      <Flex direction="column" gap="2">
        <Flex gap="2" align="center">
          <Text weight="medium">Ejected service</Text>
          {ejected.length ? (
            <Badge color="purple">serves {ejected.join(', ')}</Badge>
          ) : (
            <Badge color="gray">every entity is served by the runtime</Badge>
          )}
        </Flex>
        <Text size="1" color="gray">
          The runtime forwards requests for ejected entities to this URL; the rest it serves itself.
          Callers use the same URLs either way.
        </Text>
        <Flex gap="2">
          <TextField.Root
            style={{ flex: 1 }}
            placeholder="http://shop-service:3000"
            value={shown}
            onChange={(e) => setText(e.target.value)}
            aria-label="Ejected service URL"
          />
          <Button
            disabled={text === null || (ejected.length > 0 && !shown.trim())}
            loading={edit.isPending}
            onClick={save}
          >
            Save
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}

/** Whether the ejected service serves this entity (needs the project's service URL). */
export function EntityModeSwitch({
  project,
  revision,
  entity,
  hasService,
}: {
  project: string;
  revision: number;
  entity: { id?: string; code: string; mode?: string };
  hasService: boolean;
}) {
  const edit = useModelEdit(project);
  const ejected = entity.mode === 'ejected';
  return (
    <Text as="label" size="1">
      <Flex gap="1" align="center">
        <Switch
          size="1"
          checked={ejected}
          disabled={!entity.id || edit.isPending || (!ejected && !hasService)}
          aria-label={`Serve ${entity.code} from the ejected service`}
          onCheckedChange={(on) =>
            edit.mutate(
              {
                project,
                baseRevision: revision,
                ops: [
                  { op: 'entity.update', id: entity.id!, changes: { mode: on ? 'ejected' : null } },
                ],
              },
              {
                onSuccess: () =>
                  toast.success(
                    on
                      ? `${entity.code} will be served by the ejected service once published`
                      : `${entity.code} will be served by the runtime once published`,
                  ),
              },
            )
          }
        />
        ejected
      </Flex>
    </Text>
  );
}
