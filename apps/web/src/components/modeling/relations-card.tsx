/** The draft's relations: what each joins, its kind and delete rule, and removal. */
import { Badge, Card, Code, Heading, IconButton, Table, Text } from '@radix-ui/themes';
import { Trash2 } from 'lucide-react';

export interface DraftRelation {
  code: string;
  type: string;
  from: string;
  to: string;
  field?: string;
  inverse?: string;
  onDelete?: string;
}

export function RelationsCard({
  relations,
  onRemove,
}: {
  relations: DraftRelation[];
  onRemove: (code: string) => void;
}) {
  return (
    <Card>
      <Heading size="3" mb="2">
        Relations
      </Heading>
      <Table.Root size="1">
        <Table.Body>
          {relations.map((r) => (
            <Table.Row key={r.code}>
              <Table.RowHeaderCell>
                <Code variant="ghost">{r.code}</Code>
              </Table.RowHeaderCell>
              <Table.Cell>
                <Text size="2">
                  {r.from}.{r.field ?? r.to} → {r.to}
                  {r.inverse ? ` (${r.to}.${r.inverse})` : ''}
                </Text>
              </Table.Cell>
              <Table.Cell>
                <Badge variant="soft">{r.type}</Badge>{' '}
                {r.type !== 'many-to-many' ? (
                  <Badge color="gray" variant="outline">
                    on delete {r.onDelete ?? 'restrict'}
                  </Badge>
                ) : null}
              </Table.Cell>
              <Table.Cell align="right">
                <IconButton
                  size="1"
                  variant="ghost"
                  color="red"
                  aria-label={`Remove relation ${r.code}`}
                  onClick={() => onRemove(r.code)}
                >
                  <Trash2 size={14} />
                </IconButton>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table.Root>
    </Card>
  );
}
