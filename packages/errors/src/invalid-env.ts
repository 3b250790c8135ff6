/** Start-up failure for a bad environment: one line per variable, naming it. */
interface EnvIssue {
  message: string;
  path?: readonly (PropertyKey | { key: PropertyKey })[];
}

function variableName(issue: EnvIssue): string {
  return (
    (issue.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)).join('.') ||
    '(environment)'
  );
}

export function reportInvalidEnv(issues: readonly EnvIssue[]): never {
  const lines = issues.map((i) => `  ${variableName(i)}: ${i.message}`);
  console.error(`Invalid environment variables:\n${lines.join('\n')}`);
  throw new Error(
    `Invalid environment variables: ${[...new Set(issues.map(variableName))].join(', ')}`,
  );
}
