/** Menu icons by name. Unknown names fall back to a neutral dot. */
import {
  Activity,
  Blocks,
  Circle,
  CodeXml,
  Database,
  FileCode,
  Folder,
  House,
  IdCard,
  KeyRound,
  ListTree,
  type LucideIcon,
  ScrollText,
  Settings,
  Shield,
  SlidersHorizontal,
  Table2,
  User,
  Users,
} from 'lucide-react';

const ICONS: Record<string, LucideIcon> = {
  activity: Activity,
  folder: Folder,
  blocks: Blocks,
  house: House,
  database: Database,
  user: User,
  'id-card': IdCard,
  'key-round': KeyRound,
  settings: Settings,
  users: Users,
  shield: Shield,
  'list-tree': ListTree,
  'sliders-horizontal': SlidersHorizontal,
  'scroll-text': ScrollText,
  table: Table2,
  'code-xml': CodeXml,
  'file-code': FileCode,
};

export const MENU_ICON_NAMES = Object.keys(ICONS);

export function MenuIcon({ name, size = 16 }: { name: string | null; size?: number }) {
  const Icon = (name && ICONS[name]) || Circle;
  return <Icon size={size} aria-hidden />;
}
