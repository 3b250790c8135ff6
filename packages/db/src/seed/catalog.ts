/**
 * The built-in permission catalog, roles and menus. Permissions are `resource:action`.
 * The seed inserts what is missing and never overwrites what administrators changed.
 */
export const PERMISSIONS = {
  user: ['read', 'create', 'update', 'disable', 'reset-password', 'assign-roles'],
  role: ['read', 'create', 'update', 'delete'],
  menu: ['read', 'create', 'update', 'delete'],
  config: ['read', 'update'],
  'api-token': ['read', 'create', 'revoke', 'manage'],
  audit: ['read'],
  project: ['read', 'create', 'update', 'delete'],
  entity: ['read', 'create', 'update', 'delete', 'publish'],
  codegen: ['run'],
  data: ['read', 'create', 'update', 'delete'],
  monitor: ['read'],
  /** Changing a project's code generation templates (overrides of the built-in ones). */
  template: ['update'],
  /** Editing the amis JSON of generated data pages (overrides). */
  page: ['update'],
} as const satisfies Record<string, readonly string[]>;

export type Resource = keyof typeof PERMISSIONS;
export type PermissionKey = {
  [R in Resource]: `${R}:${(typeof PERMISSIONS)[R][number]}`;
}[Resource];

export const ALL_PERMISSIONS: PermissionKey[] = Object.entries(PERMISSIONS).flatMap(
  ([resource, actions]) => actions.map((action) => `${resource}:${action}` as PermissionKey),
);

const SELF_SERVICE: PermissionKey[] = ['api-token:read', 'api-token:create', 'api-token:revoke'];

export const BUILTIN_ROLES: {
  code: string;
  name: string;
  description: string;
  permissions: PermissionKey[];
}[] = [
  {
    code: 'admin',
    name: 'Administrator',
    description: 'Everything, including users, roles and system configuration.',
    permissions: ALL_PERMISSIONS,
  },
  {
    code: 'modeler',
    name: 'Modeler',
    description: 'Designs projects, entities, fields and relations, and runs code generation.',
    permissions: [
      ...ALL_PERMISSIONS.filter((p) => /^(project|entity|codegen|page):/.test(p)),
      'data:read',
      ...SELF_SERVICE,
    ],
  },
  {
    code: 'viewer',
    name: 'Viewer',
    description: 'Reads business data.',
    permissions: ['data:read', ...SELF_SERVICE],
  },
];

export interface MenuSeed {
  code: string;
  parent?: string;
  type: 'directory' | 'page' | 'entity_page';
  title: string;
  icon?: string;
  path?: string;
  permission?: PermissionKey;
  sortOrder: number;
}

export const BASE_MENUS: MenuSeed[] = [
  { code: 'home', type: 'page', title: 'Home', icon: 'house', path: '/', sortOrder: 0 },
  {
    code: 'data',
    type: 'directory',
    title: 'Data',
    icon: 'database',
    sortOrder: 10,
  },
  {
    code: 'modeling',
    type: 'directory',
    title: 'Modeling',
    icon: 'blocks',
    permission: 'entity:read',
    sortOrder: 50,
  },
  {
    code: 'modeling.projects',
    parent: 'modeling',
    type: 'page',
    title: 'Projects',
    icon: 'blocks',
    path: '/modeling',
    permission: 'entity:read',
    sortOrder: 0,
  },
  {
    code: 'modeling.codegen',
    parent: 'modeling',
    type: 'page',
    title: 'Code generation',
    icon: 'code-xml',
    path: '/codegen',
    permission: 'codegen:run',
    sortOrder: 10,
  },
  {
    code: 'modeling.templates',
    parent: 'modeling',
    type: 'page',
    title: 'Templates',
    icon: 'file-code',
    path: '/codegen/templates',
    permission: 'template:update',
    sortOrder: 20,
  },
  { code: 'account', type: 'directory', title: 'Account', icon: 'user', sortOrder: 80 },
  {
    code: 'account.profile',
    parent: 'account',
    type: 'page',
    title: 'Profile',
    icon: 'id-card',
    path: '/account',
    sortOrder: 0,
  },
  {
    code: 'account.tokens',
    parent: 'account',
    type: 'page',
    title: 'API tokens',
    icon: 'key-round',
    path: '/account/tokens',
    permission: 'api-token:read',
    sortOrder: 10,
  },
  { code: 'system', type: 'directory', title: 'System', icon: 'settings', sortOrder: 90 },
  {
    code: 'system.users',
    parent: 'system',
    type: 'page',
    title: 'Users',
    icon: 'users',
    path: '/admin/users',
    permission: 'user:read',
    sortOrder: 0,
  },
  {
    code: 'system.roles',
    parent: 'system',
    type: 'page',
    title: 'Roles',
    icon: 'shield',
    path: '/admin/roles',
    permission: 'role:read',
    sortOrder: 10,
  },
  {
    code: 'system.menus',
    parent: 'system',
    type: 'page',
    title: 'Menus',
    icon: 'list-tree',
    path: '/admin/menus',
    permission: 'menu:read',
    sortOrder: 20,
  },
  {
    code: 'system.config',
    parent: 'system',
    type: 'page',
    title: 'Configuration',
    icon: 'sliders-horizontal',
    path: '/admin/config',
    permission: 'config:read',
    sortOrder: 30,
  },
  {
    code: 'system.monitoring',
    parent: 'system',
    type: 'page',
    title: 'Monitoring',
    icon: 'activity',
    path: '/admin/monitoring',
    permission: 'monitor:read',
    sortOrder: 35,
  },
  {
    code: 'system.audit',
    parent: 'system',
    type: 'page',
    title: 'Audit log',
    icon: 'scroll-text',
    path: '/admin/audit',
    permission: 'audit:read',
    sortOrder: 40,
  },
];

export const BASE_CONFIG: {
  key: string;
  type: 'string' | 'number' | 'boolean' | 'json';
  value: unknown;
  description: string;
}[] = [
  {
    key: 'site.name',
    type: 'string',
    value: 'Tessera',
    description: 'Name shown in the console header.',
  },
  {
    key: 'auth.sessionAbsoluteDays',
    type: 'number',
    value: 30,
    description: 'A session ends this many days after login, active or not.',
  },
  {
    key: 'runtime.rateLimit.perMinute',
    type: 'number',
    value: 600,
    description:
      'Data API requests per caller (token, user or address) and minute. Override per project with runtime.rateLimit.<project>.perMinute.',
  },
];
