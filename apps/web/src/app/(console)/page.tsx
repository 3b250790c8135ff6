import { Badge, Card, Flex, Grid, Heading, Text } from '@radix-ui/themes';

import { MenuIcon } from '~/components/shell/menu-icon';
import { PageHeader } from '~/components/ui/page-header';
import { PointLink } from '~/components/ui/point-link';
import { requirePrincipal, serverCaller } from '~/server/session';

export default async function HomePage() {
  const principal = await requirePrincipal();
  const menus = await (await serverCaller()).menu.mine();
  const pages = menus
    .flatMap((m) => (m.type === 'directory' ? m.children : [m]))
    .filter((m) => m.path && m.path !== '/');
  return (
    <>
      <PageHeader
        title={`Welcome, ${principal.user.name || principal.user.email}`}
        description="Everything you can reach from here."
      />
      <Flex gap="2" mb="5" align="center">
        <Text size="2" color="gray">
          Your roles:
        </Text>
        {principal.roles.map((r) => (
          <Badge key={r} data-testid="role-badge">
            {r}
          </Badge>
        ))}
      </Flex>
      <Grid columns={{ initial: '1', sm: '2', md: '3' }} gap="3">
        {pages.map((p) => (
          <Card key={p.id} asChild>
            <PointLink href={p.path!} style={{ textDecoration: 'none' }}>
              <Flex gap="3" align="center">
                <MenuIcon name={p.icon} size={20} />
                <Heading size="3">{p.title}</Heading>
              </Flex>
            </PointLink>
          </Card>
        ))}
      </Grid>
    </>
  );
}
